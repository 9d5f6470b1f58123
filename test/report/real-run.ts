/**
 * One real CLI run against the simulator whose reports have a bit of everything: passes,
 * a failed pm.test, a contract violation (schema drift), warnings (deprecated inventory,
 * nulls), a script error, retries that end in a 503, a request that cannot be made, a
 * held-back write and an unresolved variable, over two iterations. Every reporter writes
 * into one directory; tests read the files. Each call starts its own simulator, so runs
 * are deterministic (faults are all rate 1).
 */
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { closedPort } from '../helpers/http.ts';
import { collection, expectStatus, folder, request, tempDir, writeFile } from '../helpers/collections.ts';
import { DEMO, simulator } from '../helpers/simulator.ts';

export interface RealRun extends CliResult {
  out: string;
  serverUrl: string;
}

export async function mixedCollection(dir: string): Promise<string> {
  const unreachable = `http://127.0.0.1:${await closedPort()}/api/v1/buildings`;
  return writeFile(dir, 'mixed.postman_collection.json', collection('Mixed', [
    folder('Buildings', [
      request('List buildings', '{{baseUrl}}/v1/buildings', { tests: expectStatus(200) }),
      request('Expect created', '{{baseUrl}}/v1/departments', { tests: expectStatus(201) }),
      request('Create building', '{{baseUrl}}/v1/buildings', { method: 'POST', body: '{"name":"x"}', headers: { 'content-type': 'application/json' } }),
    ]),
    folder('Flaky', [
      request('Categories', '{{baseUrl}}/v1/categories', { tests: expectStatus(200) }),
      request('Unreachable', unreachable),
    ]),
    folder('Computers', [
      request('Inventory', '{{baseUrl}}/v1/computers-inventory?section=GENERAL', { tests: expectStatus(200) }),
      request('By unknown id', '{{baseUrl}}/v1/computers-inventory/{{computerId}}', { tests: expectStatus(200) }),
      request('Broken script', '{{baseUrl}}/v1/departments', { tests: ['throw new Error("script broke");'] }),
    ]),
  ]));
}

/** Runs the mixed collection with `reporters` into a fresh `--out`; extra args are appended. */
export async function realRun(reporters: string, extra: string[] = [], env: Record<string, string> = {}): Promise<RealRun> {
  const sim = await simulator({
    faults: {
      seed: 3,
      faults: [
        { kind: 'error', rate: 1, status: [503], path: '/api/v1/categories' },
        { kind: 'drift', pointer: '/results/*/name', change: 'type', rate: 1, path: '/api/v1/buildings' },
      ],
    },
  });
  try {
    const dir = tempDir('jc-real-');
    const file = await mixedCollection(dir);
    const out = join(dir, 'reports');
    const result = await runCli(['run', file, '--reporter', reporters, '--out', out, '--iterations', '2', '--retries', '2', ...extra], {
      JAMF_URL: sim.url,
      JAMF_CLIENT_ID: DEMO.clientId,
      JAMF_CLIENT_SECRET: DEMO.clientSecret,
      ...env,
    });
    return { ...result, out, serverUrl: sim.url };
  } finally {
    await sim.close();
  }
}

/** Text with the run's volatile parts (ports, times, dates, ids) replaced, for golden files. */
export function normalize(text: string, serverUrl: string, out: string): string {
  return text
    .split(serverUrl).join('http://SIM')
    .split(out).join('OUT')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?/g, 'DATE')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID')
    .replace(/time="[\d.]+"/g, 'time="T"')
    .replace(/"(duration|start|stop|timeMs|durationMs)": ?\d+/g, '"$1": 0')
    .replace(/\(\d+ ms\)/g, '(N ms)')
    .replace(/\d+(\.\d+)? (ms|s)\b/g, 'N $2')
    .replace(/"version": ?"[^"]*"/g, '"version": "V"')
    .replace(/jamf-contract \d+\.\d+\.\d+/g, 'jamf-contract V');
}
