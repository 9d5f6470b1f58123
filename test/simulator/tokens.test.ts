/** Tokens without a token table (src/simulator/tokens.ts): validated from their claims, bounded memory. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ExpiringIds, TokenBook, type TokenRecord } from '../../src/simulator/tokens.ts';

function book(limit?: number): TokenBook {
  return new TokenBook((claims) => ({
    kind: 'client', subject: String(claims.sub), roleIds: [], expiresAt: Number(claims.exp) * 1000, tokenId: String(claims['token-uuid']),
  }), limit);
}

async function issue(tokens: TokenBook, lifetimeSeconds = 60): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const tokenId = randomUUID();
  const record: TokenRecord = { kind: 'client', subject: 'c', roleIds: [], expiresAt: (now + lifetimeSeconds) * 1000, tokenId };
  return tokens.issue({ 'token-uuid': tokenId }, 'HS256', (jwt) => jwt.setSubject('c').setExpirationTime(now + lifetimeSeconds), record);
}

describe('TokenBook', () => {
  it('validates a token it signed, refuses tampered, foreign and expired ones', async () => {
    const tokens = book();
    const token = await issue(tokens);
    expect(tokens.lookup(token)?.subject).toBe('c');
    const [head, , sig] = token.split('.');
    const forged = `${head}.${Buffer.from('{"sub":"x","exp":9999999999,"token-uuid":"u"}').toString('base64url')}.${sig}`;
    expect(tokens.lookup(forged)).toBeUndefined();
    expect(tokens.lookup(await issue(book()))).toBeUndefined();
    expect(tokens.lookup(await issue(tokens, -1))).toBeUndefined();
    expect(tokens.lookup('not.a.jwt')).toBeUndefined();
  });

  it('keeps at most `limit` tokens, yet validates older ones from their claims', async () => {
    const tokens = book(2);
    const issued = [await issue(tokens), await issue(tokens), await issue(tokens)];
    expect([...tokens.keys()]).toEqual(issued.slice(1));
    expect(tokens.lookup(issued[0] as string)?.subject).toBe('c');
    expect(tokens.size).toBe(2);
  });

  it('revokes one token (delete) and, with clear(), every token issued so far', async () => {
    const tokens = book();
    const [a, b] = [await issue(tokens), await issue(tokens)];
    expect(tokens.delete(a)).toBe(true);
    expect(tokens.lookup(a)).toBeUndefined();
    expect(tokens.delete(a)).toBe(false);
    expect(tokens.revocations).toBe(1);
    expect(tokens.lookup(b)).toBeDefined();
    tokens.clear();
    expect(tokens.lookup(b)).toBeUndefined();
    expect(tokens.size).toBe(0);
    expect(tokens.lookup(await issue(tokens))).toBeDefined();
  });
});

describe('ExpiringIds', () => {
  it('forgets each id once its time has passed', () => {
    const ids = new ExpiringIds();
    const t0 = Date.now();
    ids.add('a', t0 + 1_000, t0);
    ids.add('b', t0 + 5_000, t0);
    ids.add('late', t0 - 1, t0);
    expect([ids.has('a', t0), ids.has('b', t0), ids.has('late', t0)]).toEqual([true, true, false]);
    expect(ids.size(t0 + 2_000)).toBe(1);
    expect(ids.has('a', t0 + 2_000)).toBe(false);
    expect(ids.size(t0 + 86_400_000)).toBe(0);
  });
});
