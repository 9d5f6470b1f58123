/**
 * Safe retries against the simulator's faults: reads answered 429/503 are resent (after
 * Retry-After) and end green; a write answered 503 is never resent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import { collection, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { runCaptured } from '../../helpers/run.ts';
import { DEMO, simulator, stats } from '../../helpers/simulator.ts';

const ok = ["pm.test('200', function () { pm.response.to.have.status(200); });"];

describe('retries of transient answers', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator({
      faults: {
        seed: 11,
        faults: [
          // Every other read of buildings answers 503, every write too; categories are rate limited.
          { kind: 'error', rate: 0.5, status: [503], path: '/api/v1/buildings*' },
          { kind: 'error', rate: 1, status: [503], path: '/api/v1/departments', method: 'POST' },
          { kind: 'rate-limit', rate: 0.5, retryAfter: 1, path: '/api/v1/categories*' },
        ],
      },
    });
  });
  afterAll(() => sim.close());

  it('resends reads until they succeed, within the limit, and says how often', async () => {
    const items = Array.from({ length: 8 }, (_, i) => request(`building ${i}`, `{{baseUrl}}/v1/buildings/${i + 1}`, { tests: ok }));
    items.push(request('categories', '{{baseUrl}}/v1/categories', { tests: ok }));
    const file = writeFile(tempDir(), 'reads.json', collection('Reads', items));
    const { results, summary } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: DEMO });
    const served = (await stats(sim)).status;
    expect((served['503'] ?? 0) + (served['429'] ?? 0)).toBeGreaterThan(0);
    const retried = results.filter((r) => (r.retries ?? 0) > 0);
    expect(retried.length).toBeGreaterThan(0);
    for (const r of results) {
      // Either it ended 200, or it used up both retries on transient answers.
      if (r.response?.status !== 200) expect(r.retries).toBe(2);
    }
    expect(summary.counts.testsPassed + summary.counts.testsFailed).toBe(items.length);
  });

  it('never resends a write', async () => {
    const file = writeFile(tempDir(), 'write.json', collection('Write', [
      request('create', '{{baseUrl}}/v1/departments', { method: 'POST', body: '{"name":"R&D"}', headers: { 'content-type': 'application/json' } }),
    ]));
    const before = (await stats(sim)).requests['POST /api/v1/departments'] ?? 0;
    const { results } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: DEMO, allowWrites: true });
    expect(results[0]?.response?.status).toBe(503);
    expect(results[0]?.retries).toBeUndefined();
    expect((await stats(sim)).requests['POST /api/v1/departments']).toBe(before + 1);
  });

  it('--retries 0 (maxRetries: 0) keeps the first answer', async () => {
    const items = Array.from({ length: 6 }, (_, i) => request(`b${i}`, `{{baseUrl}}/v1/buildings/${i + 1}`));
    const file = writeFile(tempDir(), 'noretry.json', collection('No retry', items));
    const { results } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: DEMO, maxRetries: 0 });
    expect(results.every((r) => r.retries === undefined)).toBe(true);
  });
});
