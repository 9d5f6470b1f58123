/**
 * A test script that keeps allocating until its worker thread dies (out of memory): that item
 * reports a script error saying so, the sandbox starts again, the items after it run, and the
 * reports are written — where the run used to end as `error[INTERNAL]` with no report. The
 * CLI runs with a small heap (NODE_OPTIONS) so the worker reaches its limit in seconds.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { collection, expectStatus, request, tempDir, writeFile } from '../helpers/collections.ts';
import { runCli } from '../helpers/cli.ts';
import { readReport } from '../helpers/reports.ts';
import { DEMO, simulator, stats } from '../helpers/simulator.ts';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await simulator();
});
afterAll(() => sim.close());

describe('a script that runs its sandbox out of memory', () => {
  it('is a script error on its item; the run goes on and writes its reports', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'hog.json', collection('Hog', [
      request('before', '{{baseUrl}}/v1/jamf-pro-version', { tests: expectStatus(200) }),
      request('hog', '{{baseUrl}}/v1/jamf-pro-version', { tests: ['var kept = []; while (true) { kept.push(new Array(1e6).fill(1.5)); }'] }),
      request('after', '{{baseUrl}}/v1/jamf-pro-version', { tests: expectStatus(200) }),
    ]));
    const out = join(dir, 'reports');
    const before = (await stats(sim)).requests['GET /api/v1/jamf-pro-version'] ?? 0;
    const r = await runCli(['run', file, '-r', 'cli,json', '-o', out, '--openapi', 'none', '--classic-openapi', 'none', '--no-preflight'], {
      JAMF_URL: sim.url, JAMF_CLIENT_ID: DEMO.clientId, JAMF_CLIENT_SECRET: DEMO.clientSecret, NODE_OPTIONS: '--max-old-space-size=256',
    });
    expect(r.stderr).not.toContain('error[INTERNAL]');
    expect(r.code, r.stderr).toBe(4);
    const report = readReport(out);
    const byName = Object.fromEntries(report.requests.map((q) => [q.itemName, q]));
    expect(byName.hog?.scriptErrors).toEqual([expect.stringContaining('the script sandbox ran out of memory')]);
    expect(byName.before?.tests).toEqual([expect.objectContaining({ passed: true })]);
    expect(byName.after?.tests).toEqual([expect.objectContaining({ passed: true })]);
    // The version call, then the three items: every one reached the server.
    expect((await stats(sim)).requests['GET /api/v1/jamf-pro-version']! - before).toBe(4);
  });
});
