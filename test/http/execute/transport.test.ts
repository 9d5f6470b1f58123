/** What sits under auth: TLS, unreachable servers, token endpoints that are not Jamf, the shared cookie jar. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import { collection, expectStatus, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { closedPort, tinyServer } from '../../helpers/http.ts';
import { runCaptured } from '../../helpers/run.ts';
import { DEMO, simulator, stats } from '../../helpers/simulator.ts';

const dir = tempDir();
const one = writeFile(dir, 'one.json', collection('One', [request('buildings', '{{baseUrl}}/v1/buildings', { tests: expectStatus(200) })]));

describe('servers that cannot be used', () => {
  it('a token endpoint answering HTML → AUTH_TOKEN_ENDPOINT naming the URL', async () => {
    const server = await tinyServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome to our portal</body></html>'));
    try {
      const error = await runCaptured({ collections: [one], serverUrl: server.url, credentials: { ...DEMO } }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'AUTH_TOKEN_ENDPOINT', exitCode: 3, message: expect.stringContaining(server.url) });
      expect(server.hits.every((h) => h.includes('oauth/token'))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('an unreachable server → NETWORK naming the origin', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const error = await runCaptured({ collections: [one], serverUrl: url, credentials: { ...DEMO } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK', exitCode: 3, message: expect.stringContaining(url) });
  });
});

describe('TLS', () => {
  let sim: RunningSimulator;
  let caFile: string;
  beforeAll(async () => {
    sim = await simulator({ tls: true });
    caFile = writeFile(dir, 'ca.pem', sim.ca ?? '');
  });
  afterAll(() => sim.close());

  it('refuses a self-signed server by default → TLS', async () => {
    const error = await runCaptured({ collections: [one], serverUrl: sim.url, credentials: { ...DEMO } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TLS', exitCode: 3 });
    expect((error as Error).message).toMatch(/--ca|--insecure/);
  });

  it('trusts it with its CA (token call and engine alike)', async () => {
    const { summary } = await runCaptured({ collections: [one], serverUrl: sim.url, credentials: { ...DEMO }, tls: { caFile } });
    expect(summary.counts).toMatchObject({ sent: 1, testsPassed: 1, errored: 0 });
  });

  it('accepts it with insecure', async () => {
    const { summary } = await runCaptured({ collections: [one], serverUrl: sim.url, credentials: { ...DEMO }, tls: { insecure: true } });
    expect(summary.counts).toMatchObject({ sent: 1, testsPassed: 1, errored: 0 });
  });

  it('a CA file that cannot be read → CONFIG_INVALID', async () => {
    await expect(runCaptured({ collections: [one], serverUrl: sim.url, credentials: { ...DEMO }, tls: { caFile: '/nonexistent/ca.pem' } })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});

describe('one cookie jar for token calls and API calls', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator({ cluster: true, clusterLagMs: 60_000 });
  });
  afterAll(() => sim.close());

  it('the affinity cookie set on the token call keeps every API call on the same node', async () => {
    // Without the cookie, calls alternate between the two nodes and a read right after a write misses it.
    const file = writeFile(dir, 'cluster.json', collection('Cluster', [
      request('create', '{{baseUrl}}/v1/buildings', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Affinity test building' }),
        tests: [
          'pm.test("created", function () { pm.expect(pm.response.code).to.be.oneOf([200, 201]); });',
          'pm.test("no new affinity cookie was set", function () { pm.expect(pm.response.headers.has("Set-Cookie")).to.eql(false); });',
          'pm.collectionVariables.set("newId", pm.response.json().id);',
        ],
      }),
      request('read back', '{{baseUrl}}/v1/buildings/{{newId}}', { tests: expectStatus(200) }),
      request('read again', '{{baseUrl}}/v1/buildings/{{newId}}', { tests: expectStatus(200) }),
    ], { variable: [{ key: 'newId', value: '' }] }));
    const { summary, results } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: { clientId: 'admin-client', clientSecret: 'admin-secret' }, allowWrites: true });
    expect(results.map((r) => r.tests.map((t) => `${t.name}:${t.passed}`))).toEqual([
      ['created:true', 'no new affinity cookie was set:true'],
      ['status is 200:true'],
      ['status is 200:true'],
    ]);
    expect(summary.counts.testsFailed).toBe(0);
    expect((await stats(sim)).tokensIssued).toEqual({ 'admin-client': 1 });
  });
});
