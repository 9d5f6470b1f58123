/**
 * Access tokens without a token table. A token is a JWT the simulator signed, so everything
 * validation needs (who, which roles, until when) is in the token itself: a request's token
 * is checked by its signature and claims. What the simulator keeps is bounded:
 * - the most recently issued or used tokens (an LRU of `limit` entries), so the hot path
 *   skips the HMAC and tests can list recent tokens;
 * - the ids of tokens revoked before they expire (keep-alive, invalidate-token), each
 *   forgotten when its token would have expired anyway, in a wheel of one-second buckets
 *   swept as time passes (amortised constant time per token).
 * So memory stays flat however many tokens are requested. `clear()` changes the signing key,
 * which makes every token issued before it invalid, as a server restart would.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
// The one part of jose the simulator uses: its package index loads every algorithm (~35 ms more at start).
import { SignJWT } from 'jose/jwt/sign';
import type { JWTPayload } from 'jose';

export interface TokenRecord {
  kind: 'client' | 'user';
  /** The client id, or the user's username. */
  subject: string;
  roleIds: string[];
  /** Epoch milliseconds. */
  expiresAt: number;
  /** The `token-uuid` claim: what a revocation remembers. */
  tokenId: string;
  privileges?: ReadonlySet<string>;
  privilegesVersion?: number;
}

export type Claims = JWTPayload & Record<string, unknown>;

/** Turns verified claims into a record; undefined when they name nobody the simulator knows. */
export type ClaimsReader = (claims: Claims) => TokenRecord | undefined;

const ALGORITHMS = { HS256: 'sha256', HS512: 'sha512' } as const;
type Algorithm = keyof typeof ALGORITHMS;

export class TokenBook {
  private key = randomBytes(32);
  private readonly recent = new Map<string, TokenRecord>();
  private readonly revoked = new ExpiringIds();

  constructor(
    private readonly read: ClaimsReader,
    private readonly limit = 4096,
  ) {}

  /** Signs `claims` (`set` adds the registered ones) and remembers the token, whose record is `record`, as recent. */
  async issue(claims: Claims, alg: Algorithm, set: (jwt: SignJWT) => SignJWT, record: TokenRecord): Promise<string> {
    const token = await set(new SignJWT(claims).setProtectedHeader({ alg })).sign(this.secret(alg));
    this.remember(token, record);
    return token;
  }

  /** The record of a live token: signed by this book, not expired, not revoked. */
  lookup(token: string): TokenRecord | undefined {
    const now = Date.now();
    let record = this.recent.get(token);
    if (record) {
      this.recent.delete(token);
    } else {
      const claims = this.verify(token);
      record = claims ? this.read(claims) : undefined;
      if (!record) return undefined;
    }
    if (record.expiresAt <= now || this.revoked.has(record.tokenId, now)) return undefined;
    this.remember(token, record);
    return record;
  }

  /** Revokes a token before it expires; false when it was not live. */
  delete(token: string): boolean {
    const record = this.lookup(token);
    if (!record) return false;
    this.recent.delete(token);
    this.revoked.add(record.tokenId, record.expiresAt, Date.now());
    return true;
  }

  /** Invalidates every token issued so far (a new signing key). */
  clear(): void {
    this.key = randomBytes(32);
    this.recent.clear();
    this.revoked.clear();
  }

  /** Live tokens among the recent ones (for tests and inspection; not used to validate). */
  get size(): number {
    return [...this.keys()].length;
  }

  *keys(): IterableIterator<string> {
    for (const [token] of this.live()) yield token;
  }

  *values(): IterableIterator<TokenRecord> {
    for (const [, record] of this.live()) yield record;
  }

  /** How many revocations are remembered (for the memory benchmark and tests). */
  get revocations(): number {
    return this.revoked.size(Date.now());
  }

  private *live(): IterableIterator<[string, TokenRecord]> {
    const now = Date.now();
    for (const entry of this.recent) {
      if (entry[1].expiresAt > now && !this.revoked.has(entry[1].tokenId, now)) yield entry;
    }
  }

  private remember(token: string, record: TokenRecord): void {
    this.recent.set(token, record);
    if (this.recent.size > this.limit) {
      const oldest = this.recent.keys().next();
      if (!oldest.done) this.recent.delete(oldest.value);
    }
  }

  private secret(alg: Algorithm): Uint8Array {
    // User tokens are HS512 as Jamf's are; HS512 wants a key of at least 64 bytes.
    return new Uint8Array(alg === 'HS512' ? Buffer.concat([this.key, this.key]) : this.key);
  }

  private verify(token: string): Claims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [head, body, signature] = parts as [string, string, string];
    const header = parseJson(head);
    const alg = header?.alg;
    if (alg !== 'HS256' && alg !== 'HS512') return undefined;
    const expected = createHmac(ALGORITHMS[alg], this.secret(alg)).update(`${head}.${body}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return parseJson(body);
  }
}

function parseJson(part: string): Claims | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Claims) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Ids that expire at known times, in one-second buckets. Each id is added once and removed
 * once; a sweep walks either the seconds that passed or the buckets that exist, whichever is
 * fewer, so the work is amortised constant per id.
 */
export class ExpiringIds {
  private readonly expiry = new Map<string, number>();
  private readonly buckets = new Map<number, string[]>();
  private swept = Math.floor(Date.now() / 1000);

  add(id: string, expiresAt: number, now: number): void {
    this.sweep(now);
    if (expiresAt <= now) return;
    const second = Math.ceil(expiresAt / 1000);
    this.expiry.set(id, expiresAt);
    const bucket = this.buckets.get(second);
    if (bucket) bucket.push(id);
    else this.buckets.set(second, [id]);
  }

  has(id: string, now: number): boolean {
    if (this.expiry.size === 0) return false;
    this.sweep(now);
    const at = this.expiry.get(id);
    return at !== undefined && at > now;
  }

  size(now: number): number {
    this.sweep(now);
    return this.expiry.size;
  }

  clear(): void {
    this.expiry.clear();
    this.buckets.clear();
  }

  private sweep(now: number): void {
    const second = Math.floor(now / 1000);
    if (second <= this.swept) return;
    if (second - this.swept <= this.buckets.size) {
      for (let s = this.swept + 1; s <= second; s++) this.drop(s);
    } else {
      for (const s of [...this.buckets.keys()]) if (s <= second) this.drop(s);
    }
    this.swept = second;
  }

  private drop(second: number): void {
    const ids = this.buckets.get(second);
    if (!ids) return;
    this.buckets.delete(second);
    for (const id of ids) this.expiry.delete(id);
  }
}
