/**
 * The guard at the wire, for what the hostile collection cannot show against the simulator:
 * redirects, retries of a request a script turned into a write, scripts that catch the
 * refusal, and the invariant that no response arrives for a request the guard never saw.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import { collection, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { tinyServer } from '../../helpers/http.ts';
import { runCaptured } from '../../helpers/run.ts';
import { simulator, stats } from '../../helpers/simulator.ts';

const dir = tempDir();
const ADMIN = { clientId: 'admin-client', clientSecret: 'admin-secret' };

describe('redirects are requests too', () => {
  it('a write redirected (307) to a device command is not followed; the item keeps the 307 and lists the hop held back', async () => {
    const server = await tinyServer((req, res) => {
      if (req.url === '/JSSResource/buildings/id/0') return res.writeHead(307, { location: '/JSSResource/computercommands/command/EraseDevice/id/1' }).end();
      if (req.url === '/start') return res.writeHead(302, { location: '/JSSResource/buildings' }).end();
      res.writeHead(200, { 'content-type': 'text/xml' }).end('<buildings><size>0</size></buildings>');
    });
    try {
      const file = writeFile(dir, 'redirect.json', collection('Redirects', [
        request('a read redirected to a read', '{{url}}/start'),
        request('a create redirected to an erase', '{{url}}/JSSResource/buildings/id/0', { method: 'POST', body: '<building/>' }),
      ]));
      const { results } = await runCaptured({ collections: [file], serverUrl: server.url, credentials: {}, auth: 'none', allowWrites: true });
      expect(server.hits).toEqual(['GET /start', 'GET /JSSResource/buildings', 'POST /JSSResource/buildings/id/0']);
      expect(results[0]?.response?.status).toBe(200);
      expect(results[1]?.response?.status).toBe(307);
      expect(results[1]?.heldBack).toEqual([expect.objectContaining({ source: 'item', method: 'POST', class: 'destructive', url: expect.stringContaining('/computercommands/') })]);
    } finally {
      await server.close();
    }
  });
});

describe('retries follow what was sent', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator({ faults: { faults: [{ kind: 'error', rate: 1, status: [503], path: '/JSSResource/buildings/id/0' }] } });
  });
  afterAll(() => sim.close());

  it('a GET that a script turned into a POST is sent once, never resent on 503', async () => {
    const file = writeFile(dir, 'retry.json', collection('Retry', [
      request('GET in the file, POST on the wire', '{{url}}/JSSResource/buildings/id/0', {
        prerequest: ["pm.request.method = 'POST';"],
      }),
      request('a real GET is retried', '{{url}}/JSSResource/buildings/id/0'),
    ]));
    const { results } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: { ...ADMIN }, allowWrites: true, maxRetries: 2 });
    const seen = (await stats(sim)).requests;
    expect(seen['POST /JSSResource/buildings/id/0']).toBe(1);
    expect(seen['GET /JSSResource/buildings/id/0']).toBe(3);
    expect(results[0]).toMatchObject({ method: 'POST', response: { status: 503 } });
    expect(results[0]?.retries).toBeUndefined();
    expect(results[1]?.retries).toBe(2);
  });
});

describe('scripts get an error they can handle', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator();
  });
  afterAll(() => sim.close());

  it('pm.sendRequest of a write gets an error naming the flag; the run goes on and the item lists it', async () => {
    const file = writeFile(dir, 'catch.json', collection('Catch', [
      request('write from a script', '{{url}}/JSSResource/buildings', {
        prerequest: [
          "pm.sendRequest({ url: pm.variables.replaceIn('{{url}}/JSSResource/buildings/id/0'), method: 'POST', body: { mode: 'raw', raw: '<building/>' } }, function (err, res) {",
          "  pm.variables.set('outcome', err ? err.message : 'sent ' + res.code);",
          '});',
        ],
        tests: ["pm.test('the script saw the refusal', function () { pm.expect(pm.variables.get('outcome')).to.include('--allow-writes'); });"],
      }),
      request('next', '{{url}}/JSSResource/departments'),
    ]));
    const { results, summary } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: { ...ADMIN } });
    expect(results[0]?.tests).toEqual([expect.objectContaining({ passed: true })]);
    expect(results[0]?.heldBack).toEqual([expect.objectContaining({ source: 'script', method: 'POST', class: 'write', needs: '--allow-writes' })]);
    expect(results[1]?.response?.status).toBe(200);
    expect(summary.counts.heldBack).toBe(1);
    expect((await stats(sim)).requests['POST /JSSResource/buildings/id/0']).toBeUndefined();
  });
});
