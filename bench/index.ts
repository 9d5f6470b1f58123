/**
 * `npm run bench`: every benchmark, one after the other, each in its own process so one's
 * memory does not colour another's. Targets live here, not in tests; figures are medians.
 * `npm run bench -- --quick` shortens the runner benchmark; `npm run bench -- --against <dir>`
 * adds CPU per request against another checkout of jamf-contract, and `--rounds N` sets the
 * runner benchmark's rounds (bench/runner.ts).
 */
import { spawnSync } from 'node:child_process';

const quick = process.argv.includes('--quick');
const against = process.argv.includes('--against') ? ['--against', process.argv[process.argv.indexOf('--against') + 1] ?? ''] : [];
const rounds = process.argv.includes('--rounds') ? ['--rounds', process.argv[process.argv.indexOf('--rounds') + 1] ?? ''] : [];
const benches: Array<[string, string[]]> = [
  ['Runner vs newman (targets: with contract checks ≥ 4× faster than newman; 300 GETs 100 ms away with --parallel 5 ≤ 7 s, ≤ 5 connections, results as sequential; 20,000-request peak RSS ≤ 250 MB, flat; --help ≤ 0.3 s)', ['bench/runner.ts', ...(quick ? ['--quick'] : []), ...rounds, ...against]],
  ['Simulator (target: ≥ 3,000 GETs/s with 5 clients; RSS flat over 100,000 requests and a token storm; schema mode ≥ 1,000 generated responses/s)', ['bench/simulator.ts']],
  ['Contract checks (target: load + index < 300 ms; validation < 5 % of run time)', ['bench/validate.ts']],
  ['Schema diff (target: two real 2 MB schemas < 2 s)', ['bench/diff.ts']],
  ['generate and smoke (target: the real 11.30.1 schema generated < 1 s; smoke requests/s reported)', ['bench/generate.ts']],
  ['HTML report (target: 20,000 requests < 5 MB and loaded in chromium < 2 s)', ['bench/report-html.ts']],
  ['Scale (figures for docs/scale.md: requests/s per runner at 100 ms latency; 200 instances × 800 operations in runners and minutes)', ['bench/scale.ts', ...(quick ? ['--quick'] : [])]],
];
let failed = 0;
for (const [title, args] of benches) {
  console.log(`\n=== ${title}`);
  const r = spawnSync(process.execPath, ['bin/run-ts.js', ...args], { stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
}
process.exitCode = failed ? 1 : 0;
