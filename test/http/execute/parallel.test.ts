/**
 * --parallel: independent parts side by side, yet the same results in the same order as a
 * sequential run (JUnit equal, timings aside), one token, never more than five connections
 * open to the host (counted by the server), and pacing when the server pushes back.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJunitReporter } from '../../../src/report/junit.ts';
import type { RequestResult } from '../../../src/result.ts';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import { collection, expectStatus, folder, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { runCaptured } from '../../helpers/run.ts';
import { DEMO, simulator } from '../../helpers/simulator.ts';

/** What a result says, without timings. */
const essence = (r: RequestResult): unknown => ({ ...r, response: r.response ? { ...r.response, timeMs: 0 } : undefined });
/** JUnit without its times and timestamps. */
const timeless = (xml: string): string => xml.replace(/ (time|timestamp)="[^"]*"/g, '');

describe('--parallel against the simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator();
  });
  afterAll(() => sim.close());

  const resources = ['buildings', 'departments', 'categories', 'scripts', 'sites', 'buildings'];
  const mixed = collection('Mixed', [
    request('version', '{{baseUrl}}/v1/jamf-pro-version', { tests: expectStatus(200) }),
    ...resources.map((r, i) => folder(`F${i} ${r}`, [1, 2, 3].map((n) => request(`${r} ${n}`, `{{baseUrl}}/v1/${r}?page=${n - 1}`, { tests: expectStatus(200) })))),
    folder('Chain', [
      request('list', '{{baseUrl}}/v1/buildings', { tests: [...expectStatus(200), "pm.environment.set('chainId', String(pm.response.json().results[0].id));", "console.log('chain', pm.environment.get('chainId'));"] }),
      request('one', '{{baseUrl}}/v1/buildings/{{chainId}}', { tests: expectStatus(200) }),
    ]),
    request('held', '{{baseUrl}}/v1/buildings', { method: 'POST', body: '{}' }),
    ...[1, 2, 3, 4].map((n) => request(`top ${n}`, `{{baseUrl}}/v1/buildings/${n}`, { tests: expectStatus(200) })),
  ]);

  async function run(parallel: number, iterations: number): Promise<{ results: RequestResult[]; junit: string; console: string[]; tokens: number; counts: unknown }> {
    const dir = tempDir();
    const file = writeFile(dir, 'mixed.json', mixed);
    const junit = join(dir, 'junit.xml');
    const captured = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: DEMO, parallel, iterations, reporters: [createJunitReporter(dir, (t) => t, { path: junit })] });
    return { results: captured.results, junit: readFileSync(junit, 'utf8'), console: captured.console.map((l) => l.message), tokens: captured.summary.tokenRequests, counts: captured.summary.counts };
  }

  it('reports what a sequential run reports, in the same order, with one token', { timeout: 120_000 }, async () => {
    const sequential = await run(1, 2);
    const parallel = await run(5, 2);
    expect(sequential.results.length).toBe(2 * 26);
    expect(parallel.results.map(essence)).toEqual(sequential.results.map(essence));
    expect(timeless(parallel.junit)).toBe(timeless(sequential.junit));
    expect(parallel.console).toEqual(sequential.console);
    expect(parallel.counts).toEqual(sequential.counts);
    expect(parallel.tokens).toBe(1);
  });

  it('a folder that reads what another sets waits for it and sees its value', { timeout: 60_000 }, async () => {
    const file = writeFile(tempDir(), 'dep.json', collection('Dep', [
      folder('Find', [request('list', '{{baseUrl}}/v1/buildings', { tests: ["pm.environment.set('found', String(pm.response.json().results[1].id));"] })]),
      ...[1, 2, 3, 4].map((n) => folder(`Other ${n}`, [request(`o${n}`, `{{baseUrl}}/v1/departments?page=${n}`)])),
      folder('Use', [request('one', '{{baseUrl}}/v1/buildings/{{found}}', { tests: expectStatus(200) })]),
    ]));
    const { results, summary } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: DEMO, parallel: 5 });
    const use = results.find((r) => r.itemName === 'one');
    expect(use?.skipped).toBeUndefined();
    expect(use?.response?.status).toBe(200);
    expect(results.map((r) => r.itemName)).toEqual(['list', 'o1', 'o2', 'o3', 'o4', 'one']);
    expect(summary.pacing).toMatchObject({ parallel: 5, parts: 5 });
  });

  it('says which collections ran in order all the same, and why', { timeout: 60_000 }, async () => {
    const file = writeFile(tempDir(), 'snr.json', collection('Jumps', [
      folder('A', [request('a', '{{baseUrl}}/v1/buildings', { tests: ["postman.setNextRequest('b');"] })]),
      folder('B', [request('b', '{{baseUrl}}/v1/departments')]),
    ]));
    const { summary, results } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: DEMO, parallel: 3 });
    expect(results.map((r) => r.itemName)).toEqual(['a', 'b']);
    expect(summary.pacing?.inOrder).toEqual([{ collection: 'Jumps', because: expect.stringMatching(/setNextRequest/) as unknown as string }]);
  });
});

/** A server that answers after `latencyMs`, issues tokens, counts connections open at once and can answer 503 for a while. */
async function countingServer(latencyMs: number, busyFor = 0): Promise<{ url: string; peak(): number; opened(): number; served(): number; close(): Promise<void> }> {
  let open = 0;
  let peak = 0;
  let opened = 0;
  let served = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.includes('/oauth/token')) {
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify({ access_token: 'token-abc', token_type: 'Bearer', expires_in: 1200 }));
      }
      setTimeout(() => {
        served += 1;
        res.statusCode = served <= busyFor ? 503 : 200;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ok: true }));
      }, latencyMs);
    });
  });
  server.on('connection', (socket) => {
    opened += 1;
    open += 1;
    peak = Math.max(peak, open);
    socket.on('close', () => (open -= 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    peak: () => peak,
    opened: () => opened,
    served: () => served,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('the connection limit and pacing, counted by the server', () => {
  it('never opens more than five connections to the host, whatever parallel says', { timeout: 60_000 }, async () => {
    const server = await countingServer(40);
    try {
      const file = writeFile(tempDir(), 'many.json', collection('Many', Array.from({ length: 60 }, (_, i) => request(`r${i}`, `{{url}}/api/v1/buildings/${i}`))));
      const { results, summary } = await runCaptured({ collections: [file], serverUrl: server.url, credentials: DEMO, auth: 'client-credentials', vars: { url: server.url }, parallel: 12 });
      expect(results).toHaveLength(60);
      expect(results.every((r) => r.response?.status === 200)).toBe(true);
      expect(summary.tokenRequests).toBe(1);
      expect(server.peak()).toBeLessThanOrEqual(5);
      // It did run side by side.
      expect(server.peak()).toBeGreaterThan(2);
    } finally {
      await server.close();
    }
  });

  // Before: a closed connection's place comes back after a short grace; a run that closed
  // idle sockets for requests already waiting on such places fell into closing and opening
  // one connection per request (≈ 50 ms each), on about two runs in three of 1,000 requests.
  it('keeps its connections open from one request to the next (five, and one for its token)', { timeout: 60_000 }, async () => {
    const server = await countingServer(0);
    try {
      const file = writeFile(tempDir(), 'reuse.json', collection('Reuse', Array.from({ length: 400 }, (_, i) => request(`r${i}`, `{{url}}/api/v1/buildings/${i}`, { tests: expectStatus(200) }))));
      const { results } = await runCaptured({ collections: [file], serverUrl: server.url, credentials: DEMO, auth: 'client-credentials', vars: { url: server.url }, parallel: 5 });
      expect(results.filter((r) => r.response?.status === 200)).toHaveLength(400);
      expect(server.peak()).toBeLessThanOrEqual(5);
      expect(server.opened()).toBeLessThanOrEqual(6);
    } finally {
      await server.close();
    }
  });

  it('sends fewer at once when the server answers 503, and reports it', { timeout: 60_000 }, async () => {
    const server = await countingServer(20, 12);
    try {
      const file = writeFile(tempDir(), 'busy.json', collection('Busy', Array.from({ length: 40 }, (_, i) => request(`r${i}`, `{{url}}/api/v1/buildings/${i}`))));
      const { summary } = await runCaptured({ collections: [file], serverUrl: server.url, credentials: DEMO, auth: 'client-credentials', vars: { url: server.url }, parallel: 5, maxRetries: 0 });
      expect(summary.pacing?.throttled).toBeGreaterThan(0);
      expect(summary.pacing?.reductions).toBeGreaterThan(0);
      expect(summary.pacing?.lowest).toBeLessThan(5);
      expect(summary.notices.map((n) => n.code)).toContain('PACING');
    } finally {
      await server.close();
    }
  });
});
