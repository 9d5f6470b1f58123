/**
 * The start of a run: the engine is set up while the version call, the preflight and the
 * contract are answered, and until the reporters have started nothing reaches the server and
 * nothing reaches a reporter. Counted from the simulator's side.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import type { Reporter } from '../../../src/result.ts';
import { collection, expectStatus, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { runCaptured } from '../../helpers/run.ts';
import type { RunOptions } from '../../../src/execute/run.ts';
import { DEMO, simulator, stats } from '../../helpers/simulator.ts';
import { contractFor } from '../../../src/validate/for-run.ts';
import { JamfContractError } from '../../../src/errors.ts';

const dir = tempDir();
const slowVersion = { faults: { faults: [{ kind: 'latency', path: '/api/v1/jamf-pro-version', ms: 400 }] } };

/** A write the read-only guard holds back (a result made before anything is sent), then `n` reads in folders of two. */
function writeThenReads(name: string, n: number): string {
  const reads = Array.from({ length: n }, (_, i) => request(`read ${i}`, '{{baseUrl}}/v1/buildings', { tests: expectStatus(200), ...(i === 0 ? { prerequest: ['console.log("before read 0")'] } : {}) }));
  const folders = Array.from({ length: Math.ceil(n / 2) }, (_, f) => ({ name: `f${f}`, item: reads.slice(f * 2, f * 2 + 2) }));
  return writeFile(dir, `${name}.json`, collection(name, [request('write first', '{{baseUrl}}/v1/buildings', { method: 'POST', body: '{"name":"x"}' }), ...folders]));
}

/**
 * A `--parallel 5` run expected to stop before it starts: its error, whether any reporter
 * started, and how many of its reads reached the simulator (its own count).
 */
async function stoppedRun(s: RunningSimulator, name: string, options: Partial<RunOptions>): Promise<{ error: unknown; started: boolean; reads: number | undefined }> {
  let started = false;
  const probe: Reporter = { name: 'probe', onStart: () => void (started = true) };
  const error = await runCaptured({ collections: [writeThenReads(name, 6)], serverUrl: s.url, credentials: { ...DEMO }, parallel: 5, reporters: [probe], ...options }).catch((e: unknown) => e);
  return { error, started, reads: (await stats(s)).requests['GET /api/v1/buildings'] };
}

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('a run whose version call is slow', () => {
  for (const parallel of [1, 5]) {
    it(`--parallel ${parallel}: nothing reaches the server or a reporter before the reporters start; then every result and console line, in order, with the version`, async () => {
      sim = await simulator(slowVersion);
      const s = sim;
      const events: string[] = [];
      let sentAtStart: number | undefined;
      const probe: Reporter = {
        name: 'probe',
        onStart: (info) => {
          sentAtStart = s.state.requests['GET /api/v1/buildings'] ?? 0;
          events.push(`start ${info.jamfVersion}`);
        },
        onRequest: (r) => void events.push(r.itemName),
        onConsole: (l) => void events.push(`console ${l.message}`),
      };
      const { summary } = await runCaptured({ collections: [writeThenReads(`slow${parallel}`, 6)], serverUrl: s.url, credentials: { ...DEMO }, parallel, reporters: [probe] });
      expect(sentAtStart).toBe(0);
      expect(events).toEqual([`start ${s.jamfVersion}`, 'write first', 'console before read 0', ...Array.from({ length: 6 }, (_, i) => `read ${i}`)]);
      expect(summary.jamfVersion).toBe(s.jamfVersion);
      expect(summary.counts).toMatchObject({ sent: 6, testsPassed: 6 });
      const seen = await stats(s);
      expect(seen.requests['GET /api/v1/buildings']).toBe(6);
      expect(seen.requests['POST /api/v1/buildings']).toBeUndefined();
    });
  }

  it('interrupted before the version is in: nothing is sent, no reporter starts, INTERRUPTED', async () => {
    sim = await simulator(slowVersion);
    const stop = new AbortController();
    setTimeout(() => stop.abort('SIGINT'), 150);
    const { error, started, reads } = await stoppedRun(sim, 'interrupted', { signal: stop.signal });
    expect(error).toMatchObject({ code: 'INTERRUPTED' });
    expect(started).toBe(false);
    expect(reads).toBeUndefined();
  });

  it('a preflight that fails after it: the run stops with nothing sent, no reporter starts; the preflight saw the version and nothing sent', async () => {
    sim = await simulator(slowVersion);
    const s = sim;
    let seenByPreflight: { version?: string; sent: number } | undefined;
    const { error, started, reads } = await stoppedRun(s, 'preflight', {
      preflight: async ({ session }) => {
        seenByPreflight = { ...(session.jamfVersion ? { version: session.jamfVersion } : {}), sent: s.state.requests['GET /api/v1/buildings'] ?? 0 };
        throw new JamfContractError('PREFLIGHT_FAILED', 'the preflight says no');
      },
    });
    expect(error).toMatchObject({ code: 'PREFLIGHT_FAILED' });
    expect(seenByPreflight).toEqual({ version: s.jamfVersion, sent: 0 });
    expect(started).toBe(false);
    expect(reads).toBeUndefined();
  });

  it('a contract that cannot be had after it: the run stops with nothing sent (CONTRACT_UNAVAILABLE), no reporter starts', async () => {
    sim = await simulator({ faults: { faults: [...slowVersion.faults.faults, { kind: 'error', path: '/api/schema', status: [503] }] } });
    const { error, started, reads } = await stoppedRun(sim, 'nocontract', {
      contract: contractFor({ openapi: 'auto', classicOpenapi: 'none', cacheDir: tempDir('jc-empty-cache-') }),
    });
    expect(error).toMatchObject({ code: 'CONTRACT_UNAVAILABLE', exitCode: 3 });
    expect(started).toBe(false);
    expect(reads).toBeUndefined();
  });
});

describe('the contracts a run starts with', () => {
  it('the server\'s Pro API schema and Classic swagger are downloaded once per server and version, then read from the cache', async () => {
    sim = await simulator();
    const cacheDir = tempDir('jc-contract-cache-');
    const run = () => runCaptured({
      collections: [writeThenReads('cached', 2)],
      serverUrl: sim!.url,
      credentials: { ...DEMO },
      contract: contractFor({ openapi: 'auto', classicOpenapi: 'auto', cacheDir }),
    });
    const first = await run();
    const second = await run();
    for (const { summary } of [first, second]) {
      expect(summary.counts).toMatchObject({ sent: 2, testsPassed: 2 });
      expect(summary.coverage).toBeTruthy();
    }
    const seen = await stats(sim);
    expect(seen.requests['GET /api/schema']).toBe(1);
    expect(seen.requests['GET /classicapi/doc/swagger.yaml']).toBe(1);
  });
});
