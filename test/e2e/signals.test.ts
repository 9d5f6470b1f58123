/**
 * A CI timeout (SIGTERM) or cancel (SIGINT) in the middle of a run: the child process is
 * signalled, then its reports and the simulator's own counts are read. Nothing more is sent
 * after the signal but the request in flight, the user token is invalidated, the reports say
 * what ran and that the run was interrupted, and the exit code names the signal.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { CLI, repoRoot } from '../helpers/cli.ts';
import { collection, expectStatus, request, tempDir, writeFile } from '../helpers/collections.ts';
import { readJunit, readReport } from '../helpers/reports.ts';
import { resetSimulator, simulator, stats } from '../helpers/simulator.ts';

const dir = tempDir();
const TOTAL = 40;
const slow = writeFile(dir, 'slow.json', collection('Slow', Array.from({ length: TOTAL }, (_, i) => request(`list ${i}`, '{{baseUrl}}/v1/buildings', { tests: expectStatus(200) }))));

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await simulator({ faults: { faults: [{ kind: 'latency', ms: 150, path: '/api/v1/buildings' }] } });
});
afterAll(() => sim.close());
beforeEach(() => resetSimulator(sim));

const listed = async (): Promise<number> => (await stats(sim)).requests['GET /api/v1/buildings'] ?? 0;

async function interrupt(signal: 'SIGTERM' | 'SIGINT' | 'SIGKILL', out = join(tempDir(), 'reports')): Promise<{ code: number | null; out: string; atSignal: number; stderr: string; pid: number }> {
  const child = spawn(process.execPath, [...CLI, 'run', slow, '--server', sim.url, '--reporter', 'junit,json', '--out', out, '--no-preflight', '--openapi', 'none', '--classic-openapi', 'none'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', JAMF_USERNAME: 'auditor', JAMF_PASSWORD: 'auditor' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  // Signal once a few requests have gone out: mid-run, as a CI timeout would.
  const deadline = Date.now() + 60_000;
  while ((await listed()) < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const atSignal = await listed();
  child.kill(signal);
  const code = await closed;
  return { code, out, atSignal, stderr, pid: child.pid ?? 0 };
}

describe('a run stopped by a signal', () => {
  for (const [signal, exit] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    it(`${signal}: stops sending, invalidates the user token, writes the reports of what ran, exits ${exit}`, { timeout: 120_000 }, async () => {
      // Yesterday's green report is in --out: what is there afterwards must be this run's.
      const stale = join(tempDir(), 'reports');
      mkdirSync(stale, { recursive: true });
      writeFileSync(join(stale, 'report.json'), JSON.stringify({ formatVersion: 2, run: { server: 'yesterday' }, counts: { requests: 99 }, requests: [] }));
      const { code, out, atSignal, stderr } = await interrupt(signal, stale);
      expect(code, stderr).toBe(exit);
      const seen = await stats(sim);
      // At most the request that was in flight when the signal came.
      expect(seen.requests['GET /api/v1/buildings']).toBeLessThanOrEqual(atSignal + 1);
      expect(seen.requests['POST /api/v1/auth/invalidate-token']).toBe(1);

      const report = readReport(out);
      expect(report.requests.length).toBeGreaterThan(0);
      expect(report.requests.length).toBeLessThan(TOTAL);
      expect(report.counts.sent).toBe(seen.requests['GET /api/v1/buildings']);
      expect((report as unknown as { interrupted?: boolean }).interrupted).toBe(true);
      const junit = readJunit(out);
      expect(JSON.stringify(junit)).toContain(signal);
      // No temp file survives.
      expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
      expect(existsSync(join(out, 'junit.xml'))).toBe(true);
    });
  }

  it('SIGKILL leaves no report of its own, and the next run cleans what it left', { timeout: 120_000 }, async () => {
    const { code, out, pid } = await interrupt('SIGKILL');
    expect(code).toBeNull();
    expect(existsSync(join(out, 'report.json'))).toBe(false);
    // A killed process cannot clean up. Its JSON spill file appears once 64 KB of results are
    // buffered; this short run did not get there, so leave one as a longer run would have.
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `.report.json.${pid}.0badf00d.requests`), '    {"index": 0}');
    // The next run, even one that stops on bad input, removes the killed run's temp files.
    const next = spawn(process.execPath, [...CLI, 'run', slow, '--reporter', 'json', '--out', out, '--folder', 'Nope'], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, stdio: 'ignore' });
    expect(await new Promise((resolve) => next.on('close', resolve))).toBe(2);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
