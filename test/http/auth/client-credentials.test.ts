import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClientCredentialsTokens } from '../../../src/auth/client-credentials.ts';
import { UserBearerTokens } from '../../../src/auth/user-bearer.ts';
import type { HttpClient } from '../../../src/wire/http.ts';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import { Redactor } from '../../../src/secrets.ts';
import { httpClient, tinyServer, type TinyServer } from '../../helpers/http.ts';
import { DEMO, resetSimulator, simulator, stats } from '../../helpers/simulator.ts';

let sim: RunningSimulator;
let http: HttpClient;
beforeAll(async () => {
  sim = await simulator();
  http = httpClient();
});
afterAll(async () => {
  await http.close();
  await sim.close();
});
beforeEach(() => resetSimulator(sim));

function manager(over: Partial<ConstructorParameters<typeof ClientCredentialsTokens>[0]> = {}): ClientCredentialsTokens {
  return new ClientCredentialsTokens({ serverUrl: sim.url, ...DEMO, http, redactor: new Redactor(), ...over });
}

describe('client-credentials token manager against the simulator', () => {
  it('serves many requests with one token call', async () => {
    const tokens = manager();
    const first = await tokens.token();
    for (let i = 0; i < 100; i++) expect(await tokens.token()).toBe(first);
    expect(tokens.requests).toBe(1);
    expect((await stats(sim)).tokensIssued).toEqual({ 'demo-client': 1 });
  });

  it('single flight: 50 parallel callers share one token request', async () => {
    const tokens = manager();
    const all = await Promise.all(Array.from({ length: 50 }, () => tokens.token()));
    expect(new Set(all).size).toBe(1);
    expect(tokens.requests).toBe(1);
    expect((await stats(sim)).tokensIssued).toEqual({ 'demo-client': 1 });
  });

  it('single flight on refresh too: parallel callers after expiry share one new token', async () => {
    let now = 1_000_000;
    const tokens = manager({ now: () => now });
    const first = await tokens.token();
    now += 599_000;
    const all = await Promise.all(Array.from({ length: 20 }, () => tokens.token()));
    expect(new Set(all).size).toBe(1);
    expect(all[0]).not.toBe(first);
    expect(tokens.requests).toBe(2);
  });

  it('uses the documented path first and keeps using it', async () => {
    const tokens = manager();
    await tokens.token();
    expect((await stats(sim)).requests).toMatchObject({ 'POST /api/oauth/token': 1 });
    expect((await stats(sim)).requests['POST /api/v1/oauth/token']).toBeUndefined();
  });

  it('invalidate() drops the token so the next call fetches a fresh one; another token is not dropped', async () => {
    const tokens = manager();
    const first = await tokens.token();
    tokens.invalidate('some-other-token');
    expect(await tokens.token()).toBe(first);
    tokens.invalidate(first);
    expect(await tokens.token()).not.toBe(first);
    expect(tokens.requests).toBe(2);
  });

  const refusals: Array<{ name: string; clientId: string; clientSecret: string; scope?: string; code: string }> = [
    { name: 'wrong secret', clientId: 'demo-client', clientSecret: 'not-the-secret', code: 'AUTH_INVALID_CLIENT' },
    { name: 'unknown client', clientId: 'nobody', clientSecret: 'x-secret', code: 'AUTH_INVALID_CLIENT' },
    { name: 'disabled client', clientId: 'disabled-client', clientSecret: 'disabled-secret', code: 'AUTH_CLIENT_DISABLED' },
    { name: 'scope outside the client roles', ...DEMO, scope: 'api-role:5', code: 'AUTH_INVALID_SCOPE' },
  ];
  for (const { name, code, ...creds } of refusals) {
    it(`${name} → ${code}, without the secret in the message`, async () => {
      const error = await manager(creds).token().catch((e: unknown) => e);
      expect(error).toMatchObject({ code, exitCode: 3 });
      expect((error as Error).message).not.toContain(creds.clientSecret);
    });
  }

  it('registers every token it gets with the redactor', async () => {
    const redactor = new Redactor();
    const token = await manager({ redactor }).token();
    expect(redactor.redact(`x ${token.slice(0, -3)}abc`)).not.toContain(token.split('.')[1]);
    expect(redactor.redact(token)).toBe('[REDACTED]');
  });
});

describe('refresh timing (clock injected)', () => {
  let server: TinyServer;
  let expiresIn = 600;
  beforeAll(async () => {
    let n = 0;
    server = await tinyServer((req, res) => {
      // An older server: only the versioned path exists.
      if (req.url === '/api/oauth/token') {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `opaque-${++n}`, token_type: 'Bearer', expires_in: expiresIn }));
    });
  });
  afterAll(() => server.close());

  const table: Array<{ expiresIn: number; stillCached: number; refreshed: number }> = [
    // buffer = min(60 s, 10 % of the lifetime)
    { expiresIn: 600, stillCached: 539_000, refreshed: 540_000 },
    { expiresIn: 1200, stillCached: 1_139_000, refreshed: 1_140_000 },
    { expiresIn: 100, stillCached: 89_000, refreshed: 90_000 },
    // `exp` is whole seconds: short lifetimes keep at least 2 s (at most half) in hand.
    { expiresIn: 5, stillCached: 2_999, refreshed: 3_000 },
    { expiresIn: 2, stillCached: 999, refreshed: 1_000 },
  ];
  for (const row of table) {
    it(`expires_in ${row.expiresIn}: cached until ${row.stillCached} ms, refreshed at ${row.refreshed} ms`, async () => {
      expiresIn = row.expiresIn;
      server.hits.length = 0;
      let now = 0;
      const tokens = new ClientCredentialsTokens({ serverUrl: server.url, ...DEMO, http, redactor: new Redactor(), now: () => now });
      const first = await tokens.token();
      now = row.stillCached;
      expect(await tokens.token()).toBe(first);
      now = row.refreshed;
      expect(await tokens.token()).not.toBe(first);
      // Falls back to /api/v1/oauth/token once, then remembers it.
      expect(server.hits).toEqual(['POST /api/oauth/token', 'POST /api/v1/oauth/token', 'POST /api/v1/oauth/token']);
    });
  }
});

describe('token endpoints that are not Jamf', () => {
  const cases: Array<{ name: string; status: number; type: string; body: string; code: string }> = [
    { name: 'HTML login page', status: 200, type: 'text/html', body: '<html><body>Sign in</body></html>', code: 'AUTH_TOKEN_ENDPOINT' },
    { name: 'HTML error page', status: 500, type: 'text/html', body: '<html>Oops</html>', code: 'AUTH_TOKEN_ENDPOINT' },
    { name: 'JSON without access_token', status: 200, type: 'application/json', body: '{"hello":"world"}', code: 'AUTH_TOKEN_ENDPOINT' },
    { name: 'JSON 503', status: 503, type: 'application/json', body: '{"httpStatus":503,"errors":[]}', code: 'AUTH_TOKEN_ENDPOINT' },
    // Tokens no Authorization header can carry: Node refused to send them (NETWORK, "may have reached the server").
    { name: 'a token with control characters', status: 200, type: 'application/json', body: JSON.stringify({ access_token: 'tok\u001b[2K\r✓ fine-token-value', expires_in: 60 }), code: 'AUTH_TOKEN_ENDPOINT' },
    { name: 'a token with a space', status: 200, type: 'application/json', body: JSON.stringify({ access_token: 'two words', expires_in: 60 }), code: 'AUTH_TOKEN_ENDPOINT' },
    // 1 MB: a header no server takes, and a secret too large for one regular expression.
    { name: 'a token of a megabyte', status: 200, type: 'application/json', body: JSON.stringify({ access_token: 'QUJD'.repeat(2 ** 18), expires_in: 60 }), code: 'AUTH_TOKEN_ENDPOINT' },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.code}`, async () => {
      const server = await tinyServer((_req, res) => res.writeHead(c.status, { 'content-type': c.type }).end(c.body));
      try {
        const tokens = new ClientCredentialsTokens({ serverUrl: server.url, ...DEMO, http, redactor: new Redactor() });
        await expect(tokens.token()).rejects.toMatchObject({ code: c.code, message: expect.stringContaining(server.url) });
        // An unusable token is never named in the error.
        const message = await tokens.token().catch((e: Error) => e.message);
        for (const part of ['fine-token-value', 'two words', 'QUJDQUJD']) expect(message).not.toContain(part);
      } finally {
        await server.close();
      }
    });
  }
});

describe('user bearer tokens no header can carry', () => {
  it('a login answered with a token holding control characters → AUTH_TOKEN_ENDPOINT, the token not named', async () => {
    const server = await tinyServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'tok\u001b[2K\r✓ fine-token-value', expires: new Date(Date.now() + 600_000).toISOString() })),
    );
    try {
      const tokens = new UserBearerTokens({ serverUrl: server.url, username: 'qa', password: 'pw-123456', http, redactor: new Redactor() });
      const error = await tokens.token().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'AUTH_TOKEN_ENDPOINT' });
      expect((error as Error).message).not.toContain('fine-token-value');
    } finally {
      await server.close();
    }
  });
});
