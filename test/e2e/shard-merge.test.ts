/**
 * `run --shard` and `merge` end to end: two CI jobs' worth of shards against one server,
 * merged into every report format; timings from an earlier report; the merge's refusals as
 * one `error[CODE]` line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { tempDir } from '../helpers/collections.ts';
import { readJunit, readReport } from '../helpers/reports.ts';
import { DEMO, simulator } from '../helpers/simulator.ts';

describe('run --shard, then merge', () => {
  let sim: RunningSimulator;
  const dir = tempDir('jc-e2e-shard-');
  const env = (): Record<string, string> => ({ JAMF_URL: sim.url, JAMF_CLIENT_ID: DEMO.clientId, JAMF_CLIENT_SECRET: DEMO.clientSecret });
  const shards: CliResult[] = [];
  beforeAll(async () => {
    sim = await simulator();
    // One after the other, as two CI jobs would (never many CLI children at once on a shared machine).
    for (const k of [1, 2]) shards.push(await runCli(['run', 'collections/', '--shard', `${k}/2`, '--reporter', 'json', '--out', join(dir, `shard-${k}`), '--no-preflight'], env(), 120_000));
  }, 300_000);
  afterAll(() => sim.close());

  it('each shard runs and says which part it is', () => {
    for (const r of shards) expect(r.code, r.stderr).toBe(0);
    const reports = [1, 2].map((k) => readReport(join(dir, `shard-${k}`)));
    expect(reports.map((r) => r.counts.requests)).toEqual([21, 21]);
    expect(reports[0]!.notices).toContainEqual(expect.objectContaining({ code: 'SHARD', message: expect.stringContaining('Shard 1/2: 21 of 42 requests') }));
  });

  it('merge writes one JSON, JUnit, CTRF and HTML report of both, and the CLI summary', { timeout: 120_000 }, async () => {
    const out = join(dir, 'merged');
    const r = await runCli(['merge', join(dir, 'shard-2', 'report.json'), join(dir, 'shard-1', 'report.json'), '-r', 'cli,json,junit,ctrf,html', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const merged = readReport(out);
    expect(merged.counts).toMatchObject({ requests: 42, sent: 42, testsFailed: 0 });
    expect(readJunit(out).testsuites['@_tests']).toBe('42');
    const ctrf = JSON.parse(readFileSync(join(out, 'ctrf.json'), 'utf8')) as { results: { summary: { tests: number } } };
    expect(ctrf.results.summary.tests).toBe(42);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(r.stdout).toContain('Runs merged: 2');
    expect(r.stdout).toMatch(/✓ localhost shard 1\/2 · 21 requests/);
    expect(r.stdout).toContain('Merged verdict: passed (exit 0)');
  });

  it('a missing shard: the merged report says so and exits 3', { timeout: 120_000 }, async () => {
    const out = join(dir, 'half');
    const r = await runCli(['merge', join(dir, 'shard-1', 'report.json'), '--reporter', 'json', '--out', out]);
    expect(r.code).toBe(3);
    expect(readReport(out).notices).toContainEqual(expect.objectContaining({ code: 'SHARDS_MISSING', message: expect.stringContaining('2/2') }));
  });

  it('--shard-timings balances by an earlier report\'s times', { timeout: 120_000 }, async () => {
    const r = await runCli(['run', 'collections/', '--shard', '1/2', '--shard-timings', join(dir, 'merged', 'report.json'), '--reporter', 'json', '--out', join(dir, 'timed'), '--no-preflight'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(readReport(join(dir, 'timed')).notices).toContainEqual(expect.objectContaining({ code: 'SHARD', message: expect.stringContaining('balanced by the times of an earlier report') }));
  });

  it('refuses reports of different suites with one error line, unless --allow-mixed', { timeout: 120_000 }, async () => {
    const other = await runCli(['run', 'collections/', '--folder', 'Buildings', '--reporter', 'json', '--out', join(dir, 'other'), '--no-preflight'], env());
    expect(other.code, other.stderr).toBe(0);
    const inputs = [join(dir, 'shard-1', 'report.json'), join(dir, 'other', 'report.json')];
    const refused = await runCli(['merge', ...inputs, '--reporter', 'json', '--out', join(dir, 'mixed')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error\[MERGE_MIXED\]: .*--allow-mixed/)]);
    expect(existsSync(join(dir, 'mixed', 'report.json'))).toBe(false);
    const allowed = await runCli(['merge', ...inputs, '--allow-mixed', '--reporter', 'json', '--out', join(dir, 'mixed'), '--fail-on', 'never']);
    // Shard 2/2 is not among them: merged, and reported missing.
    expect(allowed.code).toBe(3);
    expect(readReport(join(dir, 'mixed')).counts.requests).toBe(21 + readReport(join(dir, 'other')).counts.requests);
  });

  it('an input among the outputs, an unreadable file: one error line each', { timeout: 120_000 }, async () => {
    const input = join(dir, 'shard-1', 'report.json');
    const clash = await runCli(['merge', input, '--out', join(dir, 'shard-1')]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(/^error\[USAGE\]: .*choose another --out/m);
    expect(existsSync(input)).toBe(true);
    const missing = await runCli(['merge', join(dir, 'nope.json'), '--out', join(dir, 'none')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error\[REPORT_READ\]: Cannot read report .*nope\.json: no such file/m);
  });
});
