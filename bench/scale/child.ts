/**
 * One measured fleet run in its own process (the simulators live in the parent):
 * `node bin/run-ts.js bench/scale/child.ts <collection.json> <hosts> <url>...`. Every URL is
 * a server of the fleet (the same URL several times: several connections to one server).
 * The demo client's secret comes from the environment, never the command line.
 *
 * The steady rate is taken between the 10th and the 90th percentile of the results' arrival
 * times (CPU over the same span), so the start of the run (tokens, schemas compiled) and
 * its tail do not blur it; each server's set-up is the time to its first result.
 * Prints one JSON line: {ms, sent, failed, maxRssMB, rate, cpuPerRequestMs, setupS}.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Fleet } from '../../src/fleet/config.ts';
import { runFleet } from '../../src/fleet/run.ts';
import { countRequests, loadCollections } from '../../src/load/collection.ts';
import { contractFor } from '../../src/validate/for-run.ts';
import { tuneV8ForLongRuns } from '../../src/cli/tune-v8.ts';

tuneV8ForLongRuns();
const [file, hostsText, ...urls] = process.argv.slice(2) as [string, string, ...string[]];
const fleet: Fleet = {
  file: 'bench',
  servers: urls.map((url, i) => ({ name: `s${i + 1}`, url, clientId: 'demo-client', clientSecretEnv: 'BENCH_CLIENT_SECRET', variables: {} })),
};
const expected = urls.length * countRequests((await loadCollections([file]))[0]!.json.item);
const marks = { from: Math.floor(expected * 0.1), to: Math.floor(expected * 0.9) };
let seen = 0;
const span: { t0?: bigint; c0?: NodeJS.CpuUsage; t1?: bigint; c1?: NodeJS.CpuUsage } = {};
const firstResult = new Map<string, number>();
const started = process.hrtime.bigint();
const result = await runFleet({
  fleet,
  env: process.env,
  run: { collections: [file], contract: contractFor({ openapi: 'auto', classicOpenapi: 'none', noCache: true }) },
  outDir: mkdtempSync(join(tmpdir(), 'jc-bench-scale-')),
  hosts: Number(hostsText),
  serverReporters: (dir) => [{
    name: 'clock',
    onRequest() {
      seen += 1;
      if (!firstResult.has(dir)) firstResult.set(dir, Number(process.hrtime.bigint() - started) / 1e9);
      if (seen === marks.from) Object.assign(span, { t0: process.hrtime.bigint(), c0: process.cpuUsage() });
      if (seen === marks.to) Object.assign(span, { t1: process.hrtime.bigint(), c1: process.cpuUsage() });
    },
  }],
});
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const seconds = Number(span.t1! - span.t0!) / 1e9;
const cpuWindowMs = (span.c1!.user - span.c0!.user + span.c1!.system - span.c0!.system) / 1000;
const sent = result.servers.reduce((n, s) => n + s.summary.counts.sent, 0);
const failed = result.servers.filter((s) => s.exitCode !== 0).length;
process.stdout.write(`${JSON.stringify({
  ms,
  sent,
  failed,
  maxRssMB: process.resourceUsage().maxRSS / 1024,
  rate: (marks.to - marks.from) / seconds,
  cpuPerRequestMs: cpuWindowMs / (marks.to - marks.from),
  setupS: Math.max(...firstResult.values()) / urls.length,
})}\n`);
