/** Run options QA suites rely on: iteration data, --bail, --delay-request, and the server from an environment file. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import { collection, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { runCaptured } from '../../helpers/run.ts';
import { DEMO, simulator, stats } from '../../helpers/simulator.ts';

describe('iteration data, bail and delay', () => {
  let sim: RunningSimulator;
  const dir = tempDir();
  beforeAll(async () => {
    sim = await simulator();
  });
  afterAll(() => sim.close());

  it('runs one iteration per data row, with the row\'s variables resolved (not skipped as unknown)', async () => {
    const data = join(dir, 'ids.csv');
    writeFileSync(data, 'buildingId\n1\n2\n3\n');
    const file = writeFile(dir, 'by-id.json', collection('By id', [
      request('building', '{{baseUrl}}/v1/buildings/{{buildingId}}', {
        // Unquoted CSV numbers are numbers, as newman reads them; Jamf's ids are strings.
        tests: ["pm.test('the row id', function () { pm.expect(pm.iterationData.get('buildingId')).to.be.a('number'); pm.expect(String(pm.response.json().id)).to.eql(String(pm.iterationData.get('buildingId'))); });"],
      }),
    ]));
    const { results, summary } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: DEMO, iterationDataFile: data });
    expect(summary.iterations).toBe(3);
    expect(results.map((r) => r.url.split('/').pop())).toEqual(['1', '2', '3']);
    expect(summary.counts).toMatchObject({ sent: 3, skipped: 0, testsPassed: 3, testsFailed: 0 });
  });

  it('--bail stops at the first failed test, across collections too', async () => {
    const failing = writeFile(dir, 'failing.json', collection('Failing', [
      request('fails', '{{baseUrl}}/v1/buildings/1', { tests: ["pm.test('never', function () { pm.expect(1).to.eql(2); });"] }),
      request('after', '{{baseUrl}}/v1/departments'),
    ]));
    const other = writeFile(dir, 'other.json', collection('Other', [request('later', '{{baseUrl}}/v1/categories')]));
    const before = (await stats(sim)).requests;
    const { results } = await runCaptured({ collections: [failing, other], serverUrl: sim.url, credentials: DEMO, bail: true });
    const after = (await stats(sim)).requests;
    expect(results.map((r) => r.itemName)).toEqual(['fails']);
    expect(after['GET /api/v1/departments'] ?? 0).toBe(before['GET /api/v1/departments'] ?? 0);
    expect(after['GET /api/v1/categories'] ?? 0).toBe(before['GET /api/v1/categories'] ?? 0);
  });

  it('--delay-request pauses between requests', async () => {
    const file = writeFile(dir, 'three.json', collection('Three', [1, 2, 3].map((i) => request(`b${i}`, `{{baseUrl}}/v1/buildings/${i}`))));
    const started = Date.now();
    await runCaptured({ collections: [file], serverUrl: sim.url, credentials: DEMO, delayMs: 150 });
    // A lower bound only: the pauses happened (no upper bound, the machine is shared).
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});

describe('the server from an environment file written in the other convention', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator();
  });
  afterAll(() => sim.close());

  it('a `url` (server) in the environment serves a collection that writes {{baseUrl}} (server + /api)', async () => {
    const dir = tempDir();
    const env = join(dir, 'env.json');
    writeFileSync(env, JSON.stringify({ name: 'staging', values: [{ key: 'url', value: sim.url, enabled: true }], _postman_variable_scope: 'environment' }));
    const file = writeFile(dir, 'pro.json', collection('Pro', [request('version', '{{baseUrl}}/v1/jamf-pro-version')]));
    const { summary, results } = await runCaptured({ collections: [file], envFile: env, credentials: DEMO });
    expect(summary.server).toBe(sim.url);
    expect(results[0]?.response?.status).toBe(200);
  });
});
