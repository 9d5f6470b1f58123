/**
 * The verdict under the faults staging servers really have, injected by the simulator and
 * counted from its side: token endpoint outages (at the start, mid-run), a secret rotated
 * between two collections, answers too slow for --timeout, a silent server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import type { Reporter, RunSummary } from '../../../src/result.ts';
import { collection, expectStatus, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { tinyServer } from '../../helpers/http.ts';
import { runCaptured } from '../../helpers/run.ts';
import { DEMO, simulator, stats } from '../../helpers/simulator.ts';
import { contractFor } from '../../../src/validate/for-run.ts';

const dir = tempDir();
const buildings = (name: string, n: number): string =>
  writeFile(dir, `${name}.json`, collection(name, Array.from({ length: n }, (_, i) => request(`${name} ${i}`, '{{baseUrl}}/v1/buildings', { tests: expectStatus(200) }))));

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const tokenCalls = async (s: RunningSimulator): Promise<number> => (await stats(s)).requests['POST /api/oauth/token'] ?? 0;

describe('the token endpoint', () => {
  it('answering 503 at the start is retried like a read: the run goes on, one extra call', async () => {
    sim = await simulator({ faults: { faults: [{ kind: 'token-outage', startAfterMs: 0, requests: 1 }] } });
    const { summary } = await runCaptured({ collections: [buildings('start', 2)], serverUrl: sim.url, credentials: { ...DEMO } });
    expect(summary.counts).toMatchObject({ sent: 2, testsPassed: 2, errored: 0 });
    expect(await tokenCalls(sim)).toBe(2);
  });

  it('down mid-run: requests are not sent without a token, each says the endpoint answered 503, the endpoint is asked once per back-off, the run recovers', { timeout: 60_000 }, async () => {
    // 5 s tokens, refreshed 2 s before expiry; the endpoint is down from 1.5 s to 6 s.
    sim = await simulator({ faults: { faults: [{ kind: 'token-outage', startAfterMs: 1500, durationMs: 4500 }] } });
    const { results, summary } = await runCaptured({
      collections: [buildings('outage', 18)],
      serverUrl: sim.url,
      credentials: { clientId: 'short-client', clientSecret: 'short-secret' },
      delayMs: 500,
    });
    const unsent = results.filter((r) => r.error);
    expect(unsent.length).toBeGreaterThan(0);
    for (const r of unsent) {
      expect(r.error).toMatchObject({ code: 'AUTH_TOKEN_ENDPOINT', sent: false, message: expect.stringContaining('503') });
      expect(r.tests).toEqual([]);
      expect(r.scriptErrors).toEqual([]);
    }
    expect(results.at(-1)?.response?.status).toBe(200);
    expect(summary.stopped).toBeUndefined();
    const seen = await stats(sim);
    // Nothing went out without a token, and only the requests that had one were sent.
    expect(seen.status['401'] ?? 0).toBe(0);
    expect(seen.requests['GET /api/v1/buildings']).toBe(18 - unsent.length);
    // The first failing refresh with its 2 retries, then one call per back-off interval: not one per request.
    expect(await tokenCalls(sim)).toBeLessThanOrEqual(9);
  });
});

describe('one fault, once: every call the tool makes is retried like a read', () => {
  const once = (kind: string, path: string, extra: object = {}): object => ({ faults: [{ kind, path, times: 1, ...extra }] });

  it('the token endpoint answering 429 with Retry-After: waits, asks again, the run goes on', async () => {
    sim = await simulator({ faults: once('rate-limit', '/api/oauth/token', { retryAfter: 1 }) });
    const { summary } = await runCaptured({ collections: [buildings('limited', 1)], serverUrl: sim.url, credentials: { ...DEMO } });
    expect(summary.counts).toMatchObject({ sent: 1, errored: 0 });
    expect(await tokenCalls(sim)).toBe(2);
  });

  it('a connection reset on the version call: asked again, the version is known, the run goes on', async () => {
    sim = await simulator({ faults: once('reset', '/api/v1/jamf-pro-version') });
    const { summary } = await runCaptured({ collections: [buildings('version', 1)], serverUrl: sim.url, credentials: { ...DEMO } });
    expect(summary.jamfVersion).toBe('11.30.1');
    expect(summary.counts.sent).toBe(1);
    expect((await stats(sim)).requests['GET /api/v1/jamf-pro-version']).toBe(2);
  });

  for (const [what, fault] of [['a 503', once('error', '/api/schema', { status: [503] })], ['a connection reset', once('reset', '/api/schema')]] as const) {
    it(`${what} on /api/schema with an empty cache: asked again, contract checks stay on`, async () => {
      sim = await simulator({ faults: fault });
      const { summary } = await runCaptured({
        collections: [buildings('schema', 1)],
        serverUrl: sim.url,
        credentials: { ...DEMO },
        contract: contractFor({ openapi: 'auto', classicOpenapi: 'none', cacheDir: tempDir('jc-empty-cache-') }),
      });
      expect(summary.coverage).toBeTruthy();
      expect(summary.notices.map((n) => n.code)).not.toContain('CONTRACT_UNAVAILABLE');
      expect((await stats(sim)).requests['GET /api/schema']).toBe(2);
    });
  }

  it('/api/schema down for good: the run stops before sending anything (CONTRACT_UNAVAILABLE, exit 3), checks never silently off', async () => {
    sim = await simulator({ faults: { faults: [{ kind: 'error', path: '/api/schema', status: [503] }] } });
    const error = await runCaptured({
      collections: [buildings('noschema', 1)],
      serverUrl: sim.url,
      credentials: { ...DEMO },
      contract: contractFor({ openapi: 'auto', classicOpenapi: 'none', cacheDir: tempDir('jc-empty-cache-') }),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONTRACT_UNAVAILABLE', exitCode: 3 });
    expect((await stats(sim)).requests['GET /api/v1/buildings']).toBeUndefined();
  });
});

describe('a secret rotated between two collections', () => {
  it('ends the run with the first collection\'s results reported, the refusal said, and nothing more sent', async () => {
    sim = await simulator();
    const s = sim;
    let seen = 0;
    let ended: RunSummary | undefined;
    let aborted = false;
    const reporter: Reporter = { name: 'probe', onEnd: (summary) => void (ended = summary), onAbort: () => void (aborted = true) };
    const { results, summary } = await runCaptured({
      collections: [buildings('first', 3), buildings('second', 3)],
      serverUrl: s.url,
      credentials: { ...DEMO },
      onResult: () => {
        if (++seen === 3) {
          s.state.auth.tokens.clear();
          s.state.rotateSecret('demo-client');
        }
      },
      reporters: [reporter],
    });
    expect(results.slice(0, 3).every((r) => r.response?.status === 200)).toBe(true);
    expect(results[3]?.error).toMatchObject({ code: 'AUTH_INVALID_CLIENT', sent: false });
    expect(results).toHaveLength(4);
    expect(summary.stopped).toMatchObject({ kind: 'error', code: 'AUTH_INVALID_CLIENT' });
    expect(ended?.stopped?.code).toBe('AUTH_INVALID_CLIENT');
    expect(aborted).toBe(false);
    expect((await stats(s)).requests['GET /api/v1/buildings']).toBe(4);
  });
});

describe('--timeout', () => {
  it('a request sent but not answered in time is TIMEOUT (sent), its tests do not run, the server saw it', async () => {
    sim = await simulator({ faults: { faults: [{ kind: 'latency', ms: 400, path: '/api/v1/buildings' }] } });
    const { results, summary } = await runCaptured({ collections: [buildings('slow', 2)], serverUrl: sim.url, credentials: { ...DEMO }, timeoutMs: 150 });
    for (const r of results) {
      expect(r.error).toMatchObject({ code: 'TIMEOUT', sent: true, message: expect.stringContaining('150 ms') });
      expect(r.testsNotRun).toMatch(/no response/);
      expect(r.tests).toEqual([]);
      expect(r.scriptErrors).toEqual([]);
    }
    expect(summary.counts.errored).toBe(2);
    expect((await stats(sim)).requests['GET /api/v1/buildings']).toBe(2);
  });

  it('applies to the tool\'s own calls: a silent server is given up on after --timeout per attempt, with the retries', async () => {
    const silent = await tinyServer(() => undefined);
    try {
      const error = await runCaptured({ collections: [buildings('silent', 1)], serverUrl: silent.url, credentials: { ...DEMO }, timeoutMs: 300 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'TIMEOUT', exitCode: 3 });
      // One try and two retries of the token request, nothing else.
      expect(silent.hits).toEqual(['POST /api/oauth/token', 'POST /api/oauth/token', 'POST /api/oauth/token']);
    } finally {
      await silent.close();
    }
  });
});

describe('a server that drops connections, with --parallel 5', () => {
  it('opens about one new connection per dropped one, never more than five at once (counted by the simulator)', { timeout: 60_000 }, async () => {
    sim = await simulator({ faults: { seed: 7, faults: [{ kind: 'reset', path: '/api/v1/buildings', rate: 0.1 }] } });
    sim.state.reset();
    const { results } = await runCaptured({ collections: [buildings('drops', 200)], serverUrl: sim.url, credentials: { ...DEMO }, parallel: 5, maxRetries: 0 });
    const dropped = results.filter((r) => r.error).length;
    expect(results).toHaveLength(200);
    expect(dropped).toBeGreaterThan(5);
    expect(results.filter((r) => r.response?.status === 200)).toHaveLength(200 - dropped);
    // One connection per drop and the first five (and the token's): not a reconnect per request.
    expect(sim.state.load.opened).toBeLessThanOrEqual(dropped + 8);
    expect(sim.state.load.peakConnections).toBeLessThanOrEqual(5);
  });
});
