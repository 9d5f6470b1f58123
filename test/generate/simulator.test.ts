/**
 * Generated suites run against the simulator: the real 11.29.1 schema in schema mode
 * (every GET exercised 2xx but what is listed with a reason), and least-privilege clients
 * with the Classic API on the native simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCollection, type GenerateInput } from '../../src/generate/index.ts';
import { loadSources } from '../../src/generate/sources.ts';
import { collectionJson } from '../../src/generate/write.ts';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { contractFor } from '../../src/validate/for-run.ts';
import { runCaptured } from '../helpers/run.ts';
import { simulator } from '../helpers/simulator.ts';
import { exercised2xx, getOperationsOf, realPresent, realSchemaFile, simulatorValues, skipMessage } from './helpers.ts';

const ADMIN = { clientId: 'admin-client', clientSecret: 'admin-secret' };
const DEMO = { clientId: 'demo-client', clientSecret: 'demo-secret' };
const NARROW = { clientId: 'narrow-client', clientSecret: 'narrow-secret' };
const dir = mkdtempSync(join(tmpdir(), 'jc-generate-'));

if (!realPresent) console.log(skipMessage);

async function generateAndRun(sim: RunningSimulator, input: Omit<GenerateInput, 'document'> & { document: Record<string, unknown> }, credentials: typeof DEMO, name: string) {
  const { collection, summary } = generateCollection(input);
  const file = join(dir, `${name}.postman_collection.json`);
  writeFileSync(file, collectionJson(collection));
  const run = await runCaptured({
    collections: [file],
    serverUrl: sim.url,
    credentials,
    contract: contractFor({ openapi: 'auto', classicOpenapi: 'auto', strict: false, strictFormats: false, tolerate: [], noCache: true }),
  });
  return { summary, run };
}

describe.skipIf(!realPresent)('a generated suite on the simulator serving Jamf\'s 11.29.1 schema', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator({ openapi: realSchemaFile('11.29.1') });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('exercises at least 95 % of its GET operations with a 2xx and no violation; the rest are listed with why', { timeout: 240_000 }, async () => {
    const sources = await loadSources({ serverUrl: sim.url, privilegesOf: 'self', credentials: DEMO });
    const first = generateCollection({ document: sources.document, ...(sources.grants ? { grants: sources.grants } : {}) });
    const vars = simulatorValues(first.summary);
    const { summary, run } = await generateAndRun(sim, { document: sources.document, grants: sources.grants!, vars }, DEMO, '11.29.1');
    expect(run.summary.counts).toMatchObject({ errored: 0, testsFailed: 0, scriptErrors: 0, violations: 0 });
    const operations = getOperationsOf(sources.document);
    const ok = exercised2xx(run.summary.coverage);
    expect(ok.size / operations.length).toBeGreaterThanOrEqual(0.95);
    const listed = new Set([...summary.leftOut.map((l) => l.operation), ...summary.needsValue.map((n) => n.operation)]);
    const unexplained = operations.filter((o) => !ok.has(o) && !listed.has(o));
    expect(unexplained).toEqual([]);
    // The demo client lacks a few non-Read privileges the schema names: those are the privilege reasons.
    expect(summary.leftOut.some((l) => l.reason === 'privileges')).toBe(true);
  });
});

describe('least privilege and the Classic API on the native simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator();
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('a suite for a narrow client holds only what it may read, and runs green', { timeout: 120_000 }, async () => {
    const sources = await loadSources({ serverUrl: sim.url, includeClassic: true, privilegesOf: 'narrow-client', credentials: ADMIN });
    expect(sources.grants?.label).toBe('API client "narrow-client"');
    const { summary, run } = await generateAndRun(sim, { document: sources.document, classic: sources.classic!, grants: sources.grants! }, NARROW, 'narrow');
    expect(summary.leftOut.filter((l) => l.reason === 'privileges').length).toBeGreaterThan(20);
    expect(run.results.some((r) => r.url.includes('/JSSResource/buildings/id/'))).toBe(true);
    expect(run.summary.counts).toMatchObject({ errored: 0, testsFailed: 0, violations: 0 });
    expect(run.results.every((r) => r.skipped || (r.response && r.response.status < 300))).toBe(true);
  });

  it('the Classic API: each list, and each detail by the first id of its list', { timeout: 120_000 }, async () => {
    const sources = await loadSources({ serverUrl: sim.url, includeClassic: true, credentials: ADMIN });
    const { summary, run } = await generateAndRun(sim, { document: sources.document, classic: sources.classic! }, ADMIN, 'classic');
    expect(summary.classic!.requests).toBeGreaterThan(100);
    const details = run.results.filter((r) => /\/JSSResource\/[^/]+\/id\/\d+$/.test(r.url));
    expect(details.length).toBeGreaterThan(40);
    expect(run.summary.counts).toMatchObject({ errored: 0, testsFailed: 0, violations: 0 });
  });

  it('"self" reads the token\'s roles; roles the credentials may not read stop generation with a reason', async () => {
    const self = await loadSources({ serverUrl: sim.url, privilegesOf: 'self', credentials: DEMO });
    expect(self.grants?.label).toBe('the token\'s roles');
    expect(self.grants?.privileges).toContain('Read Buildings');
    expect(self.grants?.privileges).not.toContain('Update Buildings');
    // Reading another client's roles: the roles assigned to it now.
    const multi = await loadSources({ serverUrl: sim.url, privilegesOf: 'multi-client', credentials: ADMIN });
    expect([...(multi.grants!.privileges as Set<string>)].sort()).toEqual(['Read Buildings', 'Read Computers']);
    // A user's privileges come from /v1/auth: an administrator holds everything.
    expect((await loadSources({ serverUrl: sim.url, privilegesOf: 'self', credentials: { username: 'admin', password: 'admin' } })).grants?.privileges).toBe('all');
    // An account whose privileges /v1/auth does not list cannot be judged (the simulator lists none for its users).
    await expect(loadSources({ serverUrl: sim.url, privilegesOf: 'self', credentials: { username: 'helpdesk', password: 'helpdesk' } })).rejects.toMatchObject({ code: 'PRIVILEGES_UNAVAILABLE' });
    await expect(loadSources({ serverUrl: sim.url, privilegesOf: 'self', credentials: NARROW })).rejects.toMatchObject({ code: 'PRIVILEGES_UNAVAILABLE' });
    await expect(loadSources({ serverUrl: sim.url, privilegesOf: 'nobody', credentials: ADMIN })).rejects.toMatchObject({ code: 'USAGE' });
    const optional = await loadSources({ serverUrl: sim.url, privilegesOf: 'self', privilegesOptional: true, credentials: NARROW });
    expect(optional.grants).toBeUndefined();
    expect(optional.notices.join()).toMatch(/Read API Roles/);
  });
});
