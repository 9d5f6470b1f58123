/**
 * One measured run in its own process, so its CPU time and peak RSS are its own:
 * `node bench/runner/child.mjs <tool> <collection.json> <serverUrl> <iterations> [flags]`.
 * jamf-contract is the compiled package (`import('jamf-contract')`, as a user's Node program
 * would load it); newman is measured as shipped. Both are loaded after the clock starts. newman's token is fetched here, never
 * passed on a command line. Prints one JSON line:
 * {ms, cpuMs, requests, maxRssMB, failures, checkMs, rss: [[requests, MB]…], digest,
 * threads: {main, later, early} CPU ms (Linux; see threadCpu)}.
 *
 * Flags: --contract (contract checks), --parallel N, --engine-timers (the engine's own
 * scheduling), --rss (sample RSS as the run goes), --digest (a digest of the results
 * without timings, to compare runs), --from <dir> (another checkout of jamf-contract instead
 * of this one's compiled package: its `dist/`, or its sources through its own tsx).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clearInterval, setInterval } from 'node:timers';
import { createRequire } from 'node:module';

const [tool, file, serverUrl, iterationsText, ...flags] = process.argv.slice(2);
const iterations = Number(iterationsText);
const parallel = flags.includes('--parallel') ? Number(flags[flags.indexOf('--parallel') + 1]) : 1;
/** `--from <dir>`: another checkout of jamf-contract, measured as that checkout runs. */
const from = flags.includes('--from') ? flags[flags.indexOf('--from') + 1] : undefined;
const threads = threadCpu();
const started = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let requests = 0;
let failures = 0;
/** Time spent inside the contract checker, to report its share of the run. */
let checkNs = 0n;
const rss = [];
let digest;
/** jamf-contract's, loaded once the clock runs. */
let contractFor;
let runCollections;

if (tool === 'newman') {
  const token = await fetchToken(serverUrl);
  const require = createRequire(import.meta.url);
  const newman = require('newman');
  await new Promise((resolve, reject) =>
    newman.run(
      {
        collection: file,
        iterationCount: iterations,
        envVar: [
          { key: 'baseUrl', value: `${serverUrl}/api` },
          { key: 'accessToken', value: token },
        ],
        reporters: [],
      },
      (err, summary) => {
        if (err) return reject(err);
        requests = summary.run.stats.requests.total;
        failures = summary.run.stats.assertions.failed;
        resolve();
      },
    ),
  );
} else {
  // Measured as the CLI runs it, loading included (as newman's `require` above is): the V8
  // tuning first, then the compiled package by its name — or another checkout's (`--from`).
  if (from) ({ contractFor, runCollections } = await loadCheckout(from));
  else {
    (await import('../../dist/bundle/tune-v8.js')).tuneV8ForLongRuns();
    ({ contractFor, runCollections } = await import('jamf-contract'));
  }
  let seen = 0;
  const hash = createHash('sha256');
  const summary = await runCollections({
    collections: [file],
    serverUrl,
    credentials: { clientId: 'demo-client', clientSecret: 'demo-secret' },
    iterations,
    ...(parallel > 1 ? { parallel } : {}),
    fastScheduling: !flags.includes('--engine-timers'),
    ...(flags.includes('--contract') ? { contract: timedContract() } : {}),
    onResult: (r) => {
      if (flags.includes('--rss') && ++seen % 1000 === 0) rss.push([seen, process.memoryUsage.rss() / 2 ** 20]);
      // What the run reported, in the order reported, without timings: equal digests, equal results.
      if (flags.includes('--digest')) hash.update(`${JSON.stringify([r.iteration, r.folders, r.itemName, r.method, r.url, r.response?.status, r.tests, r.findings, r.skipped])}\n`);
    },
  });
  digest = hash.digest('hex').slice(0, 16);
  requests = summary.counts.sent;
  failures = summary.counts.testsFailed + summary.counts.errored + summary.counts.violations;
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(`${JSON.stringify({
  ms,
  cpuMs: (cpu.user + cpu.system) / 1000,
  requests,
  maxRssMB: process.resourceUsage().maxRSS / 1024,
  failures,
  checkMs: Number(checkNs) / 1e6,
  rss,
  threads: threads.done(),
  digest,
})}\n`);

function timedContract() {
  const build = contractFor({ openapi: 'auto', classicOpenapi: 'none', noCache: true });
  return async (ctx) => {
    const observer = await build(ctx);
    if (!observer) return undefined;
    return {
      ...observer,
      check(exchange) {
        const t = process.hrtime.bigint();
        try {
          return observer.check(exchange);
        } finally {
          checkNs += process.hrtime.bigint() - t;
        }
      },
    };
  };
}

/**
 * Another checkout of jamf-contract, loaded as its CLI would load it: its compiled package
 * when it has one (`dist/`), otherwise its sources through its own tsx (before the package was
 * compiled, the CLI ran them so); its V8 tuning first, whichever file holds it.
 */
async function loadCheckout(dir) {
  const at = (path) => pathToFileURL(join(resolve(dir), path)).href;
  const has = (path) => existsSync(join(dir, path));
  for (const tune of ['dist/bundle/tune-v8.js', 'dist/cli/tune-v8.js', 'bin/tune-v8.js']) {
    if (has(tune)) {
      (await import(at(tune))).tuneV8ForLongRuns();
      break;
    }
  }
  if (has('dist/bundle/index.js')) return import(at('dist/bundle/index.js'));
  if (has('dist/index.js')) return import(at('dist/index.js'));
  if (!has('node_modules/tsx/dist/esm/api/index.mjs')) {
    // One line, no stack: the runner checks this too, before anything runs.
    process.stderr.write(`${dir}: neither dist/index.js nor node_modules/tsx (run npm ci there first)\n`);
    process.exit(2);
  }
  (await import(at('node_modules/tsx/dist/esm/api/index.mjs'))).register();
  return import(at('src/index.ts'));
}

/** A demo client's token for newman's `accessToken` (jamf-contract manages its own). */
async function fetchToken(url) {
  const res = await fetch(`${url}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
  });
  return (await res.json()).access_token;
}

/**
 * CPU time by thread, from Linux's own accounting (/proc/self/task, clock ticks of 10 ms):
 * `main` (the JavaScript of the run), `later` (threads started during the run: the script
 * sandbox's worker; libuv's file threads barely count) and `early` (threads there before the
 * run: V8's own, its optimizing compiler and garbage collector). Read every 100 ms, as a
 * thread's figures go when it ends (the sandbox's worker ends with the run). Undefined
 * elsewhere than Linux.
 */
function threadCpu() {
  const read = () => {
    const out = new Map();
    try {
      for (const tid of readdirSync('/proc/self/task')) {
        try {
          const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          out.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * 10);
        } catch {
          // ended between the listing and the read
        }
      }
    } catch {
      return undefined;
    }
    return out;
  };
  const first = read();
  if (!first) return { done: () => undefined };
  const last = new Map(first);
  const poll = setInterval(() => { for (const [tid, ms] of read() ?? []) last.set(tid, ms); }, 100);
  poll.unref();
  return {
    done() {
      clearInterval(poll);
      for (const [tid, ms] of read() ?? []) last.set(tid, ms);
      const sum = { main: 0, later: 0, early: 0 };
      for (const [tid, ms] of last) {
        const spent = ms - (first.get(tid) ?? 0);
        if (tid === process.pid) sum.main += spent;
        else if (first.has(tid)) sum.early += spent;
        else sum.later += spent;
      }
      return sum;
    },
  };
}
