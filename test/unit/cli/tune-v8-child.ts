/**
 * Run in its own process by tune-v8.test.ts: tunes itself as the CLI does, then starts a
 * worker and uses Node's I/O pool, then prints every thread's nice value (one JSON line).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { HELPER_NICE, lowerHelperThreads, tuneV8ForLongRuns } from '../../../src/cli/tune-v8.ts';

const before = readdirSync('/proc/self/task').length;
tuneV8ForLongRuns();
const again = lowerHelperThreads();
await readFile(new URL(import.meta.url));
const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
await new Promise((resolve) => worker.once('online', resolve));
// The nice value is field 19 of /proc's stat, the 17th after the command name.
const nice = (tid: number): number => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
const threads = readdirSync('/proc/self/task').map(Number).map((tid) => ({ tid, nice: nice(tid) }));
await worker.terminate();
process.stdout.write(`${JSON.stringify({
  main: nice(process.pid),
  before,
  again,
  lowered: threads.filter((t) => t.nice === HELPER_NICE).length,
  others: threads.filter((t) => t.tid !== process.pid && t.nice === 0).length,
})}\n`);
