/**
 * The CLI's V8 tuning (cli/tune-v8.ts): V8's helper threads at the lowest priority, and only
 * they — the main thread, the script worker started later and Node's I/O pool keep theirs.
 * Checked in a fresh process, from Linux's own accounting of each thread's nice value.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { helperThreads } from '../../../src/cli/tune-v8.ts';

const RUN_TS = fileURLToPath(new URL('../../../bin/run-ts.js', import.meta.url));
const CHILD = fileURLToPath(new URL('./tune-v8-child.ts', import.meta.url));

describe('helper threads', () => {
  it('are the first threads started, together (a tick apart at most)', () => {
    expect(helperThreads([])).toEqual([]);
    expect(helperThreads([
      { tid: 11, started: 500 }, { tid: 12, started: 500 }, { tid: 13, started: 501 }, { tid: 14, started: 501 }, { tid: 15, started: 501 },
      { tid: 16, started: 504 }, { tid: 17, started: 507 }, { tid: 18, started: 507 },
    ])).toEqual([11, 12, 13, 14, 15]);
  });

  it.skipIf(process.platform !== 'linux')('get the lowest priority, and nothing else does', () => {
    const out = execFileSync(process.execPath, [RUN_TS, CHILD], { encoding: 'utf8', timeout: 30_000 });
    const r = JSON.parse(out.trim().split('\n').pop()!) as { main: number; before: number; again: number; lowered: number; others: number };
    expect(r.main).toBe(0);
    // Node's platform: its worker threads (4 by default) and their task scheduler.
    expect(r.lowered).toBeGreaterThanOrEqual(4);
    expect(r.lowered).toBeLessThan(r.before);
    // Asked again, the same ones: nothing more is lowered.
    expect(r.again).toBe(r.lowered);
    // The worker, its helpers and the I/O pool started afterwards, with the main thread's priority.
    expect(r.others).toBeGreaterThanOrEqual(5);
  });
});
