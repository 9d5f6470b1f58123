/**
 * Every auth path of a run against the real simulator: one token per run, refresh across
 * a run longer than the token lifetime, the 401 replay and its classification, user bearer
 * tokens, refusals. Collections are small and built here.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import { collection, expectStatus, folder, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { runCaptured } from '../../helpers/run.ts';
import { DEMO, resetSimulator, simulator, stats } from '../../helpers/simulator.ts';

let sim: RunningSimulator;
const dir = tempDir();
// The seeded short-lived client's tokens last 5 s; this path answers in 150 ms, so 40 calls outlive a token.
const SLOW_PATH = '/api/v1/departments';
beforeAll(async () => {
  sim = await simulator({ faults: { seed: 1, faults: [{ kind: 'latency', ms: 150, path: SLOW_PATH }] } });
});
afterAll(() => sim.close());
beforeEach(() => resetSimulator(sim));

const buildings = (n: number): string =>
  writeFile(dir, `buildings-${n}.json`, collection(`Buildings ${n}`, Array.from({ length: n }, (_, i) => request(`list ${i}`, '{{baseUrl}}/v1/buildings', { tests: expectStatus(200) }))));

describe('client credentials', () => {
  it('calls the token endpoint once for a whole run: several collections, iterations, pm.sendRequest', async () => {
    const withSendRequest = writeFile(
      dir,
      'send.json',
      collection('Send', [
        request('classic with bearer var', '{{url}}/JSSResource/buildings', {
          headers: { Accept: 'application/json' },
          tests: [
            ...expectStatus(200),
            'pm.sendRequest({ url: pm.variables.get("url") + "/api/v1/auth", header: { Authorization: "Bearer " + pm.variables.get("accessToken") } }, function (err, res) {',
            '  pm.test("sendRequest uses the run token", function () { pm.expect(res.code).to.eql(200); });',
            '});',
          ],
        }),
      ], { auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{accessToken}}' }] } }),
    );
    const { summary, results } = await runCaptured({ collections: [buildings(5), withSendRequest], serverUrl: sim.url, credentials: { ...DEMO }, iterations: 3 });
    expect(results).toHaveLength(18);
    expect(summary.counts).toMatchObject({ sent: 18, testsFailed: 0, testsPassed: 21, errored: 0 });
    expect(summary.tokenRequests).toBe(1);
    expect((await stats(sim)).tokensIssued).toEqual({ 'demo-client': 1 });
    expect(summary.authScheme).toBe('client-credentials');
    expect(summary.jamfVersion).toBe('11.30.1');
  });

  it('refreshes before expiry: a run longer than the token lifetime gets zero 401s', async () => {
    const file = writeFile(dir, 'slow.json', collection('Slow', Array.from({ length: 40 }, (_, i) => request(`dept ${i}`, `{{baseUrl}}${SLOW_PATH.slice(4)}`, { tests: expectStatus(200) }))));
    const { summary, results } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: { clientId: 'short-client', clientSecret: 'short-secret' } });
    const s = await stats(sim);
    expect(summary.durationMs).toBeGreaterThan(5_000); // the premise: the run outlived a token
    expect(s.status['401']).toBeUndefined();
    expect(results.every((r) => r.response?.status === 200 && !r.authReplay)).toBe(true);
    expect(s.tokensIssued['short-client']).toBeGreaterThanOrEqual(2);
    expect(summary.tokenRequests).toBe(s.tokensIssued['short-client']);
  });

  it('a token refused mid-run is replayed once with a fresh token', async () => {
    let seen = 0;
    const { summary, results } = await runCaptured({
      collections: [buildings(4)],
      serverUrl: sim.url,
      credentials: { ...DEMO },
      onResult: () => {
        // The server forgets every token (as after a restart): the next request gets a 401.
        if (++seen === 2) sim.state.auth.tokens.clear();
      },
    });
    expect(results.map((r) => r.response?.status)).toEqual([200, 200, 200, 200]);
    expect(results[2]?.authReplay).toEqual({ replayed: true, finalStatus: 200 });
    expect(results.filter((r) => r.authReplay)).toHaveLength(1);
    expect(summary.counts.testsFailed).toBe(0);
    const s = await stats(sim);
    expect(s.status['401']).toBe(1);
    expect(s.tokensIssued['demo-client']).toBe(2);
  });

  const midRun: Array<{ name: string; act: () => void; want: string; code: string }> = [
    {
      name: 'secret rotated (tokens revoked, old secret refused)',
      act: () => {
        sim.state.auth.tokens.clear();
        sim.state.rotateSecret('demo-client');
      },
      want: 'secret-rotated',
      code: 'AUTH_INVALID_CLIENT',
    },
    {
      name: 'client disabled',
      act: () => {
        sim.state.auth.clientByClientId('demo-client')!.enabled = false;
      },
      want: 'client-disabled',
      code: 'AUTH_CLIENT_DISABLED',
    },
  ];
  for (const { name, act, want, code } of midRun) {
    it(`${name}: the 401 is replayed once, the token endpoint refuses the client (${want}), the run stops with what ran`, async () => {
      let seen = 0;
      const before = (await stats(sim)).requests['GET /api/v1/buildings'] ?? 0;
      const { results, summary } = await runCaptured({
        collections: [buildings(3)],
        serverUrl: sim.url,
        credentials: { ...DEMO },
        onResult: () => {
          if (++seen === 1) act();
        },
      });
      expect(results[0]?.response?.status).toBe(200);
      // The second request was answered 401; its replay needed a token the server refused, so it was not sent.
      expect(results[1]?.error).toMatchObject({ code, sent: false });
      expect(results[1]?.authReplay).toMatchObject({ replayed: true, finalStatus: 401, classification: want });
      expect(results).toHaveLength(2);
      expect(summary.stopped).toMatchObject({ kind: 'error', code });
      // Counted by the server: the first request, the second once (its replay never left), no third.
      expect((await stats(sim)).requests['GET /api/v1/buildings']! - before).toBe(2);
    });
  }

  const refused: Array<{ name: string; creds: { clientId: string; clientSecret: string }; code: string }> = [
    { name: 'disabled client', creds: { clientId: 'disabled-client', clientSecret: 'disabled-secret' }, code: 'AUTH_CLIENT_DISABLED' },
    { name: 'wrong secret', creds: { clientId: 'demo-client', clientSecret: 'wrong-secret-value' }, code: 'AUTH_INVALID_CLIENT' },
    { name: 'no secret', creds: { clientId: 'demo-client', clientSecret: '' }, code: 'AUTH_MISSING_CREDENTIALS' },
  ];
  for (const { name, creds, code } of refused) {
    it(`${name} → ${code} before any request`, async () => {
      const error = await runCaptured({ collections: [buildings(1)], serverUrl: sim.url, credentials: creds }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code, exitCode: 3 });
      if (creds.clientSecret) expect((error as Error).message).not.toContain(creds.clientSecret);
      expect((await stats(sim)).requests['GET /api/v1/buildings']).toBeUndefined();
    });
  }
});

describe('user bearer tokens', () => {
  it('username/password: one login, every request authenticated, token invalidated at the end', async () => {
    const file = writeFile(dir, 'user.json', collection('User', [
      folder('Pro', [request('buildings', '{{baseUrl}}/v1/buildings', { tests: expectStatus(200) })]),
      folder('Classic', [request('buildings', '{{url}}/JSSResource/buildings', { tests: expectStatus(200) })]),
    ]));
    const { summary } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: { username: 'admin', password: 'admin' }, iterations: 2 });
    expect(summary.authScheme).toBe('user');
    expect(summary.counts).toMatchObject({ sent: 4, testsPassed: 4, testsFailed: 0 });
    const s = await stats(sim);
    expect(s.tokensIssued).toEqual({ admin: 1 });
    expect(s.requests['POST /api/v1/auth/invalidate-token']).toBe(1);
    expect([...sim.state.auth.tokens.values()].filter((t) => t.kind === 'user')).toHaveLength(0);
  });

  it('bad password → AUTH_BAD_CREDENTIALS, password not in the message', async () => {
    const error = await runCaptured({ collections: [buildings(1)], serverUrl: sim.url, credentials: { username: 'admin', password: 'not-admin-pw' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTH_BAD_CREDENTIALS' });
    expect((error as Error).message).not.toContain('not-admin-pw');
  });

  it('no credentials at all → AUTH_MISSING_CREDENTIALS', async () => {
    await expect(runCaptured({ collections: [buildings(1)], serverUrl: sim.url, credentials: {} })).rejects.toMatchObject({ code: 'AUTH_MISSING_CREDENTIALS' });
  });
});
