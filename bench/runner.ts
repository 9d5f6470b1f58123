/**
 * The runner against newman, same machine, same simulator, same run: a 1,000-request
 * collection (one `pm.test` each) through newman and through jamf-contract, ms/request and
 * peak RSS, medians of 3; then jamf-contract's peak RSS as the run grows to 20,000
 * requests (the same collection, more iterations) to show it does not grow with length.
 * Run: node bin/run-ts.js bench/runner.ts [--quick]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startSimulator } from '../src/simulator/index.ts';
import { benchCollection } from './runner/collection.ts';

const run = promisify(execFile);
const quick = process.argv.includes('--quick');
const REPEATS = quick ? 1 : 3;

interface Sample {
  ms: number;
  requests: number;
  maxRssMB: number;
  failures: number;
  checkMs: number;
}

const sim = await startSimulator({ quiet: true });
try {
  const dir = await mkdtemp(join(tmpdir(), 'jc-bench-'));
  const file = join(dir, 'bench-1000.json');
  await writeFile(file, JSON.stringify(benchCollection(1000, true)));

  const variants: Array<[string, string, string[]]> = [
    ['newman 6.2.2', 'newman', []],
    ['jamf-contract, engine timers unpatched', 'jamf-contract', ['--engine-timers']],
    ['jamf-contract', 'jamf-contract', []],
    ['jamf-contract + contract checks', 'jamf-contract', ['--contract']],
  ];
  console.log(`1,000 GETs, one pm.test each, loopback simulator; median of ${REPEATS}`);
  console.log('variant                                   ms/request   peak RSS MB   failures');
  for (const [label, tool, flags] of variants) {
    const samples: Sample[] = [];
    for (let i = 0; i < REPEATS; i++) samples.push(await child(tool, file, sim.url, 1, flags));
    const ms = median(samples.map((s) => s.ms / s.requests));
    const rss = median(samples.map((s) => s.maxRssMB));
    const share = flags.includes('--contract') ? `   (checks: ${(100 * median(samples.map((s) => s.checkMs / s.ms))).toFixed(1)} % of the run; target < 5 %)` : '';
    console.log(`${label.padEnd(42)}${ms.toFixed(2).padStart(10)}${rss.toFixed(0).padStart(14)}${String(samples[0]!.failures).padStart(11)}${share}`);
  }

  console.log('\njamf-contract peak RSS as the run grows (1,000-request collection × iterations)');
  for (const iterations of quick ? [2, 5] : [2, 5, 10, 20]) {
    const s = await child('jamf-contract', file, sim.url, iterations, []);
    console.log(`${String(s.requests).padStart(6)} requests: ${(s.ms / s.requests).toFixed(2)} ms/request, peak RSS ${s.maxRssMB.toFixed(0)} MB`);
  }
  if (!quick) {
    const s = await child('newman', file, sim.url, 20, []);
    console.log(`newman ${s.requests} requests: ${(s.ms / s.requests).toFixed(2)} ms/request, peak RSS ${s.maxRssMB.toFixed(0)} MB`);
  }
} finally {
  await sim.close();
}

/** No token or secret on a command line: the child asks for its own (`ps` shows arguments to everyone). */
async function child(tool: string, file: string, url: string, iterations: number, flags: string[]): Promise<Sample> {
  const { stdout } = await run(process.execPath, ['bin/run-ts.js', 'bench/runner/child.ts', tool, file, url, String(iterations), ...flags], {
    maxBuffer: 1 << 20,
    timeout: 15 * 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Sample;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
