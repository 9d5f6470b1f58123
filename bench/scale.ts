/**
 * Scale: what one runner process gets from servers 100 ms away (the simulator's latency
 * fault on every request), and what that means for a fleet. Each scenario gives the steady
 * rate of requests, the CPU per request, and the fixed cost of starting on a server (token,
 * version, its /api/schema loaded and compiled for the contract checks) apart:
 * - one server over one connection (how a run sends today);
 * - one server over five connections (five runs against it at once: the ceiling Jamf asks
 *   clients to keep, what `--per-host 5` allows);
 * - many servers at once (`--hosts`), one connection each, until the runner is the limit.
 * Then the estimate docs/scale.md quotes: 200 instances × 800 operations nightly.
 * Contract checks are on and reports are written: a run as in CI. The simulators live in
 * this process, the runner in a child process (bench/scale/child.ts).
 * Run: node bin/run-ts.js bench/scale.ts [--quick]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startSimulator, type RunningSimulator } from '../src/simulator/index.ts';
import { benchCollection } from './runner/collection.ts';

const run = promisify(execFile);
const quick = process.argv.includes('--quick');
const REPEATS = quick ? 1 : 3;
const LATENCY_MS = 100;
const PER_SERVER = quick ? 60 : 150;
const HOSTS = quick ? [8] : [8, 16, 32];
const FLEET = { instances: 200, operations: 800, perHost: 5 };

interface Sample {
  ms: number;
  sent: number;
  failed: number;
  maxRssMB: number;
  rate: number;
  cpuPerRequestMs: number;
  setupS: number;
}

interface Measured {
  streams: number;
  servers: number;
  /** Marginal requests/s of the whole runner. */
  rate: number;
  /** Fixed cost per server, seconds of wall time when servers start one after another. */
  setupS: number;
  /** CPU per request, ms. */
  cpuPerRequestMs: number;
  rss: number;
}

const sims: RunningSimulator[] = [];
let file = '';
try {
  for (let i = 0; i < Math.max(...HOSTS); i++) {
    sims.push(await startSimulator({ quiet: true, faults: { faults: [{ kind: 'latency', ms: LATENCY_MS }] } }));
  }
  const dir = await mkdtemp(join(tmpdir(), 'jc-bench-scale-'));
  file = join(dir, `bench-${PER_SERVER}.json`);
  await writeFile(file, JSON.stringify(benchCollection(PER_SERVER, true)));
  console.log(`Runner against simulators with ${LATENCY_MS} ms added latency; ${PER_SERVER} GETs per server with one pm.test each, contract checks on,`);
  console.log(`reports written; steady rate between the 10th and 90th percentile of results; median of ${REPEATS};`);
  console.log(`${availableParallelism()} CPU cores, load average ${loadavg()[0]!.toFixed(1)} at the start (other work on the machine slows every figure)`);
  console.log('scenario                                  requests/s  per connection  CPU ms/request  setup s/server  peak RSS MB');
  const one = await measure('1 server, 1 connection', [sims[0]!.url]);
  const five = await measure(`1 server, ${FLEET.perHost} connections (${FLEET.perHost} runs at once)`, Array.from({ length: FLEET.perHost }, () => sims[0]!.url));
  let best = five;
  for (const hosts of HOSTS) {
    const m = await measure(`${hosts} servers (--hosts ${hosts}), 1 connection each`, sims.slice(0, hosts).map((s) => s.url));
    if (m.rate > best.rate) best = m;
  }
  estimate(one, five, best);
} finally {
  await Promise.all(sims.map((s) => s.close()));
}

async function measure(label: string, urls: string[]): Promise<Measured> {
  const runs: Sample[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const s = await child(file, urls);
    if (s.failed > 0) console.log(`  (${s.failed} server run(s) failed)`);
    runs.push(s);
  }
  const m: Measured = {
    streams: urls.length,
    servers: new Set(urls).size,
    rate: median(runs.map((r) => r.rate)),
    setupS: median(runs.map((r) => r.setupS)),
    cpuPerRequestMs: median(runs.map((r) => r.cpuPerRequestMs)),
    rss: median(runs.map((r) => r.maxRssMB)),
  };
  const cells = [m.rate.toFixed(1), (m.rate / m.streams).toFixed(1), m.cpuPerRequestMs.toFixed(1), m.setupS.toFixed(2), m.rss.toFixed(0)];
  console.log(`${label.padEnd(42)}${cells[0]!.padStart(10)}${cells[1]!.padStart(16)}${cells[2]!.padStart(16)}${cells[3]!.padStart(16)}${cells[4]!.padStart(13)}`);
  return m;
}

function estimate(one: Measured, five: Measured, best: Measured): void {
  const { instances, operations, perHost } = FLEET;
  const total = instances * operations;
  // A runner process is bound by one core: the CPU per request caps it, whatever the concurrency.
  const cpuCap = 1000 / best.cpuPerRequestMs;
  const perRunner = Math.min(best.rate, cpuCap);
  const setupMinutes = (instances * best.setupS) / 60;
  const runnerMinutes = total / perRunner / 60 + setupMinutes;
  console.log(`\nEstimate: ${instances} instances × ${operations} operations = ${total.toLocaleString('en')} requests nightly, at most ${perHost} connections per instance`);
  console.log(`  one instance alone: ${(operations / one.rate / 60).toFixed(1)} min over 1 connection, ${(operations / five.rate / 60).toFixed(1)} min over ${perHost} (the shortest a night can be, however many runners)`);
  console.log(`  one runner process: ${best.rate.toFixed(0)} requests/s measured with ${best.streams} connections at once; its CPU (${best.cpuPerRequestMs.toFixed(1)} ms/request) caps it at ~${cpuCap.toFixed(0)}/s`);
  console.log(`  the fleet: ${(total / perRunner / 60).toFixed(0)} runner-minutes of requests + ${setupMinutes.toFixed(0)} of per-server setup = ${runnerMinutes.toFixed(0)} runner-minutes (add ~2 min per job to install)`);
  for (const window of [30, 60]) {
    const runners = Math.ceil(runnerMinutes / (window - 2));
    const each = Math.ceil(instances / runners);
    console.log(`  in ${window} min: ${runners} runner process${runners === 1 ? '' : 'es'}, ${each} instances each, --hosts ${Math.min(best.streams, each)} (${Math.ceil(best.streams / perHost)} at a time once --per-host ${perHost} opens ${perHost} connections each)`);
  }
}

/** No token or secret on a command line: the child reads the demo client's secret from its environment. */
async function child(collection: string, urls: string[]): Promise<Sample> {
  const { stdout } = await run(process.execPath, ['bin/run-ts.js', 'bench/scale/child.ts', collection, String(urls.length), ...urls], {
    env: { ...process.env, BENCH_CLIENT_SECRET: 'demo-secret' },
    maxBuffer: 1 << 20,
    timeout: 15 * 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Sample;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
