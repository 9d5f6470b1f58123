/**
 * Diffing the two real Jamf Pro schemas (2 MB each): load, compare, group, render.
 * `node bin/run-ts.js bench/diff.ts` — median of 5; the target is under 2 s.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diffSources } from '../src/diff/index.ts';
import { renderDiff } from '../src/report/diff/index.ts';

const dir = fileURLToPath(new URL('../../shared/jamf/openapi/', import.meta.url));
const oldFile = `${dir}jamf-pro-api-11.29.1.json`;
const newFile = `${dir}jamf-pro-api-11.30.1.json`;

if (!existsSync(oldFile) || !existsSync(newFile)) {
  console.log(`bench/diff: skipped, ${dir} is absent`);
} else {
  const times: number[] = [];
  let summary = '';
  for (let run = 0; run < 5; run += 1) {
    const start = performance.now();
    const report = await diffSources(oldFile, newFile);
    renderDiff(report, 'text');
    times.push(performance.now() - start);
    summary = JSON.stringify(report.summary);
  }
  times.sort((a, b) => a - b);
  const median = times[2] ?? 0;
  console.log(`diff 11.29.1 → 11.30.1: median ${median.toFixed(0)} ms of 5 (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms) ${summary}`);
  console.log(median < 2000 ? 'within target (< 2000 ms)' : 'OVER target (2000 ms)');
}
