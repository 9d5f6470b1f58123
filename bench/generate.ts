/**
 * `generate` and `smoke` on Jamf's real 11.30.1 schema (`node bin/run-ts.js bench/generate.ts`):
 * generation time in process (read + parse + plan + serialize, median of 7 after one cold
 * run) and as a CLI command (wall time, median of 3); then the smoke run's requests/s — the
 * generated suite, with values for what needs one, run by the library against the
 * simulator serving the same schema, contract checks on (median of 3).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCollections } from '../src/execute/run.ts';
import { generateCollection, type GenerateSummary } from '../src/generate/index.ts';
import { collectionJson } from '../src/generate/write.ts';
import { startSimulator } from '../src/simulator/index.ts';
import { contractFor } from '../src/validate/for-run.ts';

const file = fileURLToPath(new URL('../../shared/jamf/openapi/jamf-pro-api-11.30.1.json', import.meta.url));
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function inProcess(): void {
  const times: number[] = [];
  let size = 0;
  for (let run = -1; run < 7; run++) {
    const started = performance.now();
    const { collection } = generateCollection({ document: JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> });
    size = collectionJson(collection).length;
    const ms = performance.now() - started;
    if (run < 0) console.log(`  cold (first in the process): ${ms.toFixed(0)} ms`);
    else times.push(ms);
  }
  console.log(`  in process: median ${median(times).toFixed(0)} ms of 7 (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms), ${(size / 1024).toFixed(0)} KB of JSON`);
  console.log(median(times) < 1000 ? '  within target (< 1000 ms)' : '  OVER target (1000 ms)');
}

function wall(args: string[]): number[] {
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, ['bin/jamf-contract.js', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`jamf-contract ${args[0]} exited ${r.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

function cli(): void {
  const dir = mkdtempSync(join(tmpdir(), 'jc-bench-gen-'));
  const startup = wall(['--version']);
  const times = wall(['generate', '--openapi', file, '-o', join(dir, 'suite.json'), '-q']);
  rmSync(dir, { recursive: true, force: true });
  console.log(`  CLI: jamf-contract generate --openapi … -o … median ${median(times).toFixed(0)} ms of 3 (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms); jamf-contract --version (start-up alone) median ${median(startup).toFixed(0)} ms`);
}

/** What a simulator user gives for parameters no list enumerates: 1 for each, by bare name. */
function simulatorValues(summary: GenerateSummary): Record<string, string> {
  const names = summary.needsValue.flatMap((n) => n.needs).filter((n) => !n.why.startsWith('its list')).map((n) => n.variable.slice(n.variable.lastIndexOf('.') + 1));
  return Object.fromEntries(names.map((n) => [n, '1']));
}

async function smokeRate(): Promise<void> {
  const document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const { collection, summary } = generateCollection({ document, vars: simulatorValues(generateCollection({ document }).summary) });
  const dir = mkdtempSync(join(tmpdir(), 'jc-bench-smoke-'));
  const suite = join(dir, 'suite.json');
  writeFileSync(suite, collectionJson(collection));
  const rates: number[] = [];
  let sent = 0;
  for (let run = 0; run < 3; run++) {
    // A fresh simulator each time: no answer is cached from the run before.
    const sim = await startSimulator({ openapi: file, quiet: true });
    try {
      const started = performance.now();
      const result = await runCollections({
        collections: [suite],
        serverUrl: sim.url,
        credentials: { clientId: 'admin-client', clientSecret: 'admin-secret' },
        contract: contractFor({ openapi: 'auto', classicOpenapi: 'none', strict: false, strictFormats: false, tolerate: [], noCache: true }),
      });
      const seconds = (performance.now() - started) / 1000;
      sent = result.counts.sent;
      rates.push(sent / seconds);
    } finally {
      await sim.close();
    }
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`  smoke run: ${summary.requests} requests generated, ${sent} sent (contract checks on, simulator in the same process): median ${median(rates).toFixed(1)} requests/s of 3 (runs: ${rates.map((r) => r.toFixed(1)).join(', ')})`);
}

if (!existsSync(file)) {
  console.log(`bench/generate: skipped, ${file} is absent`);
} else {
  console.log('Generation of the real 11.30.1 schema (413 GET operations)');
  inProcess();
  cli();
  await smokeRate();
}
