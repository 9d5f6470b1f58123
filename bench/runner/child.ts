/**
 * One measured run in its own process, so peak RSS is this run's alone:
 * `node bin/run-ts.js bench/runner/child.ts <tool> <collection.json> <serverUrl> <iterations> [flags]`.
 * newman's token is fetched here, never passed on the command line.
 * Prints one JSON line: {ms, requests, maxRssMB, failures}.
 */
import { createRequire } from 'node:module';
// @ts-expect-error: a plain JS module of the CLI's launcher, without types.
import { tuneV8ForLongRuns } from '../../bin/tune-v8.js';
import { runCollections } from '../../src/execute/run.ts';
import { contractFor } from '../../src/validate/for-run.ts';

// Measure jamf-contract as its CLI runs (newman gets no tuning: it is measured as shipped).
const [tool, file, serverUrl, iterationsText, ...flags] = process.argv.slice(2) as [string, string, string, string, ...string[]];
const iterations = Number(iterationsText);
const started = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let requests = 0;
let failures = 0;
/** Time spent inside the contract checker, to report its share of the run. */
let checkNs = 0n;

if (tool === 'newman') {
  const token = await fetchToken(serverUrl);
  const require = createRequire(import.meta.url);
  const newman = require('newman') as { run(o: object, cb: (err: Error | null, summary: { run: { stats: { requests: { total: number }; assertions: { failed: number } } } }) => void): void };
  await new Promise<void>((resolve, reject) =>
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
  tuneV8ForLongRuns();
  const summary = await runCollections({
    collections: [file],
    serverUrl,
    credentials: { clientId: 'demo-client', clientSecret: 'demo-secret' },
    iterations,
    fastScheduling: !flags.includes('--engine-timers'),
    ...(flags.includes('--contract') ? { contract: timedContract() } : {}),
  });
  requests = summary.counts.sent;
  failures = summary.counts.testsFailed + summary.counts.errored + summary.counts.violations;
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(`${JSON.stringify({ ms, requests, maxRssMB: process.resourceUsage().maxRSS / 1024, failures, checkMs: Number(checkNs) / 1e6, cpuMs })}\n`);

function timedContract(): ReturnType<typeof contractFor> {
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

/** The demo client's token for newman's `accessToken` (jamf-contract manages its own). */
async function fetchToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
