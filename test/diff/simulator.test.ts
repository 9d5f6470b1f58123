import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSources } from '../../src/diff/index.ts';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';

describe('diff: the simulator\'s 11.29.1 and 11.30.1 profiles, read from /api/schema', () => {
  let old: RunningSimulator;
  let cur: RunningSimulator;
  beforeAll(async () => {
    old = await startSimulator({ jamfVersion: '11.29.1', quiet: true });
    cur = await startSimulator({ jamfVersion: '11.30.1', quiet: true });
  });
  afterAll(async () => {
    await old?.close();
    await cur?.close();
  });

  it('reports the v4 inventory endpoints added and their v3 predecessors deprecated, nothing removed', async () => {
    const report = await diffSources(old.url, cur.url);
    expect(report.summary.removed).toBe(0);
    expect(report.summary.breaking).toBe(0);
    expect(report.summary.added).toBeGreaterThan(0);
    const deprecated = report.entries.filter((e) => e.kind === 'operation-deprecated');
    expect(deprecated.length).toBe(report.summary.deprecated);
    const v3 = deprecated.find((e) => e.operations[0] === 'GET /v3/computers-inventory');
    expect(v3?.replacement).toBe('GET /v4/computers-inventory');
    expect(report.entries.filter((e) => e.kind === 'operation-added').map((e) => e.operations[0])).toContain('GET /v4/computers-inventory');
  });
});
