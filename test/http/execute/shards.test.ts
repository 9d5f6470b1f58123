/**
 * `--shard K/N` against the simulator: shards 1/3, 2/3 and 3/3 together send exactly the
 * requests of the unsharded run, none twice — counted on the simulator's side — and their
 * merged report's counts are the unsharded run's. For the project's collections and for
 * Jamf's official Classic collection (read in place; skipped with a message when absent).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRun } from '../../../src/execute/dry-run.ts';
import { runCollections, type RunOptions } from '../../../src/execute/run.ts';
import { createJsonReporter } from '../../../src/report/json.ts';
import { mergeReports } from '../../../src/report/merge/index.ts';
import type { RunSummary } from '../../../src/result.ts';
import { Redactor } from '../../../src/secrets.ts';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import { repoRoot } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/collections.ts';
import { DEMO, resetSimulator, simulator, stats } from '../../helpers/simulator.ts';

const official = resolve(repoRoot, '../shared/jamf/postman/classic-api-v10.35.postman_collection.json');
if (!existsSync(official)) console.warn(`Skipping the sharded run of Jamf's official Classic collection: ${official} is absent.`);

/** What every run sends besides its collections' requests: one token, one version look-up. */
const TOOL_CALLS = ['POST /api/oauth/token', 'GET /api/v1/jamf-pro-version'];

interface Sent {
  summary: RunSummary;
  /** Requests the simulator received, by `METHOD path`. */
  received: Record<string, number>;
  report: string;
}

const suites: Array<{ name: string; collections: string[]; vars?: Record<string, string>; present: boolean }> = [
  { name: 'the project collections', collections: [resolve(repoRoot, 'collections')], present: true },
  { name: "Jamf's official Classic collection", collections: [official], vars: { id: '1', name: 'MAC-001' }, present: existsSync(official) },
];

describe.each(suites)('shards of $name', ({ collections, vars, present }) => {
  let sim: RunningSimulator;
  let whole: Sent;
  const shards: Sent[] = [];

  /** One run from a fresh seed, with what the simulator received. */
  async function run(options: Partial<RunOptions>): Promise<Sent> {
    await resetSimulator(sim);
    const out = tempDir('jc-shard-');
    const summary = await runCollections({
      collections,
      serverUrl: sim.url,
      credentials: DEMO,
      ...(vars ? { vars } : {}),
      redactor: new Redactor(),
      reporters: [createJsonReporter(out, (t) => t)],
      ...options,
    });
    // The test's own look-up at the stats is not the run's.
    const received = Object.fromEntries(Object.entries((await stats(sim)).requests).filter(([key]) => !key.includes(' /__simulator/')));
    return { summary, received, report: join(out, 'report.json') };
  }

  beforeAll(async () => {
    if (!present) return;
    sim = await simulator();
    whole = await run({});
    for (let index = 1; index <= 3; index++) shards.push(await run({ shard: { index, total: 3 } }));
  }, 300_000);
  afterAll(() => sim?.close());

  it.runIf(present)('together send exactly the unsharded requests, none twice (counted by the simulator)', () => {
    const extra: Record<string, number> = {};
    for (const key of new Set([...Object.keys(whole.received), ...shards.flatMap((s) => Object.keys(s.received))])) {
      const sharded = shards.reduce((n, s) => n + (s.received[key] ?? 0), 0);
      if (sharded !== (whole.received[key] ?? 0)) extra[key] = sharded - (whole.received[key] ?? 0);
    }
    // Three runs instead of one: two more of the tool's own calls, and not one request more or less.
    expect(extra).toEqual(Object.fromEntries(TOOL_CALLS.map((k) => [k, 2])));
    expect(whole.summary.counts.sent).toBeGreaterThan(10);
  });

  it.runIf(present)('each shard ran a part, every request in one of them', () => {
    expect(shards.map((s) => s.summary.shard?.index)).toEqual([1, 2, 3]);
    expect(new Set(shards.map((s) => s.summary.suite))).toEqual(new Set([whole.summary.suite]));
    expect(shards.reduce((n, s) => n + s.summary.counts.requests, 0)).toBe(whole.summary.counts.requests);
    for (const s of shards) expect(s.summary.counts.requests).toBeGreaterThan(0);
    const names = (file: string): string[] =>
      (JSON.parse(readFileSync(file, 'utf8')) as { requests: Array<{ collection: string; folders: string[]; itemName: string; method: string }> }).requests.map((r) => [r.collection, ...r.folders, r.itemName, r.method].join(' / '));
    expect(shards.flatMap((s) => names(s.report)).sort()).toEqual(names(whole.report).sort());
  });

  it.runIf(present)("their merged report's counts are the unsharded run's", async () => {
    const out = tempDir('jc-shard-merged-');
    const { summary, exitCode } = await mergeReports(shards.map((s) => s.report).reverse(), { reporters: [createJsonReporter(out, (t) => t)] });
    expect(summary.counts).toEqual(whole.summary.counts);
    expect(summary.folders).toEqual(whole.summary.folders);
    expect(summary.merged?.missingShards).toEqual([]);
    expect(exitCode).toBe(0);
  });
});

describe('--dry-run --shard', () => {
  it('plans only the shard\'s requests, sending nothing', async () => {
    const collections = [resolve(repoRoot, 'collections')];
    const plans = await Promise.all([1, 2, 3].map((index) => planRun({ collections, shard: { index, total: 3 }, serverUrl: 'https://jamf.invalid', credentials: DEMO })));
    const whole = await planRun({ collections, serverUrl: 'https://jamf.invalid', credentials: DEMO });
    expect(plans.map((p) => p.entries.length)).toEqual([14, 14, 14]);
    const key = (e: { collection: string; folders: string[]; itemName: string }) => [e.collection, ...e.folders, e.itemName].join(' / ');
    expect(plans.flatMap((p) => p.entries.map(key)).sort()).toEqual(whole.entries.map(key).sort());
  });
});
