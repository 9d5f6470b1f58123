/**
 * The hostile collection (test/fixtures/hostile.postman_collection.json): every way a
 * careless or hostile collection could write in a read-only run — writes from scripts,
 * methods changed by scripts, override headers, encodings, dot segments, variables,
 * url.raw vs url.path. Counted from the simulator's side, never from our own report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { runCli, repoRoot } from '../helpers/cli.ts';
import { tempDir, writeFile } from '../helpers/collections.ts';
import type { PostmanCollection } from '../../src/load/postman-types.ts';
import { readReport } from '../helpers/reports.ts';
import { resetSimulator, simulator, stats } from '../helpers/simulator.ts';

const hostile = join(repoRoot, 'test/fixtures/hostile.postman_collection.json');
const ADMIN = { JAMF_CLIENT_ID: 'admin-client', JAMF_CLIENT_SECRET: 'admin-secret' };
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every request the collection can make that writes, as the server would log it. */
const WRITES = ['POST /JSSResource/buildings/id/0', 'PUT /JSSResource/buildings/id/1', 'POST /api/v1/auth/token', 'OPTIONS /JSSResource/buildings/id/1'];
const DESTRUCTIVE = [
  'DELETE /JSSResource/computers/id/3',
  'POST /api/v2/mdm/commands',
  'DELETE /JSSResource/mobiledevices/id/1',
  'DELETE /JSSResource/users/id/1',
  'PROPFIND /JSSResource/buildings',
  'DELETE /JSSResource/computers/id/2',
  'HEAD /JSSResource/computers/id/4',
  'GET /api/v1/computers-inventory/1',
  'POST /api/v1/auth/invalidate-token',
  'DELETE /JSSResource/MobileDevices/id/2',
  'DELETE /JSSResource/%63omputers/id/5',
  'DELETE /JSSResource/computers/id/6',
  'DELETE /JSSResource/computers/id/8',
  'DELETE /JSSResource/computers/id/7',
];

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await simulator();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await resetSimulator(sim);
});

async function runHostile(flags: string[], file = hostile): Promise<{ code: number | null; out: string; sent: Record<string, number>; output: string }> {
  const out = join(tempDir(), 'reports');
  const r = await runCli(
    ['run', file, '--server', sim.url, '--reporter', 'cli,json', '--out', out, '--no-preflight', '--openapi', 'none', '--classic-openapi', 'none', ...flags],
    ADMIN,
    90_000,
  );
  const sent = (await stats(sim)).requests;
  // The run's own token manager asks for its token; nothing else is the tool's.
  delete sent['POST /api/oauth/token'];
  return { code: r.code, out, sent, output: r.stdout + r.stderr };
}

/** Requests that reached the server and are not plain reads (a HEAD/GET/OPTIONS with an override header counts). */
function writesSeen(sent: Record<string, number>): string[] {
  return Object.keys(sent).filter((key) => !READS.has(key.split(' ')[0]!) || [...WRITES, ...DESTRUCTIVE].includes(key)).sort();
}

describe('the hostile collection', () => {
  it('a default run sends no write at all, and reports each one held back with the flag that would allow it', { timeout: 120_000 }, async () => {
    const { code, out, sent, output } = await runHostile([]);
    expect(code, output).toBe(0);
    expect(writesSeen(sent)).toEqual([]);
    expect(sent['GET /JSSResource/buildings']).toBe(1);

    const report = readReport(out);
    const byName = new Map(report.requests.map((r) => [r.itemName, r]));
    const turned = byName.get('A pre-request script turns a GET into a DELETE');
    expect(turned?.skipped).toMatchObject({ reason: 'destructive' });
    expect(turned?.skipped?.detail).toContain('DELETE');
    expect(turned?.skipped?.detail).toContain('--allow-writes --allow-destructive');
    expect(turned?.tests).toEqual([]);
    expect(byName.get('A pre-request script turns a GET into a POST')?.skipped).toMatchObject({ reason: 'read-only' });
    const fromScript = byName.get('A script DELETEs a computer from a pre-request script');
    expect(fromScript?.response?.status).toBe(200);
    expect(fromScript?.heldBack).toEqual([
      expect.objectContaining({ source: 'script', method: 'DELETE', class: 'destructive', needs: '--allow-writes --allow-destructive' }),
    ]);
    expect(byName.get('A PUT from pm.sendRequest inside setTimeout')?.heldBack).toEqual([expect.objectContaining({ source: 'script', method: 'PUT', class: 'write', needs: '--allow-writes' })]);
    // 16 items (the re-run one twice, once as a read) and 5 script requests.
    expect(report.counts.heldBack).toBe(21);
  });

  it('--parallel 5 sends no write either, with every hostile request in a part of its own', { timeout: 180_000 }, async () => {
    // The collection re-runs one item with setNextRequest, which keeps a run in order: without
    // it, and with each item in its own folder marked independent, it runs as parts side by side.
    const json = JSON.parse(readFileSync(hostile, 'utf8')) as PostmanCollection;
    const items = json.item[0]!.item!.filter((i) => !/setNextRequest/.test(JSON.stringify(i.event ?? [])));
    const split = writeFile(tempDir(), 'hostile-split.json', { ...json, item: items.map((i) => ({ name: i.name, description: 'jamf-contract: parallel', item: [i] })) });
    const sequential = await runHostile([], split);
    const parallel = await runHostile(['--parallel', '5'], split);
    expect(parallel.code, parallel.output).toBe(0);
    expect(writesSeen(parallel.sent)).toEqual([]);
    const report = readReport(parallel.out);
    expect(report.run.tokenRequests).toBe(1);
    // Items held back before the run (a write as written) are not parts; every other item is one.
    expect((report.run as { pacing?: { parts?: number } }).pacing?.parts).toBeGreaterThan(5);
    expect(report.counts).toEqual(readReport(sequential.out).counts);
    expect(report.counts.heldBack).toBeGreaterThan(15);
  });

  it('--allow-writes sends the writes and no destructive request', { timeout: 120_000 }, async () => {
    const { code, sent, output } = await runHostile(['--allow-writes']);
    expect(code, output).toBe(0);
    expect(writesSeen(sent)).toEqual([...WRITES].sort());
    for (const key of DESTRUCTIVE) expect(sent[key], key).toBeUndefined();
  });

  it('--allow-writes --allow-destructive sends them all', { timeout: 120_000 }, async () => {
    const { sent, output } = await runHostile(['--allow-writes', '--allow-destructive']);
    for (const key of [...WRITES, ...DESTRUCTIVE]) expect(sent[key], `${key}\n${output}`).toBeGreaterThanOrEqual(1);
    // Dot segments reach the server as written; it is the server that resolves them.
    expect(Object.keys(sent).some((key) => key.startsWith('DELETE /JSSResource/buildings/../computers/id/5'))).toBe(true);
  });
});
