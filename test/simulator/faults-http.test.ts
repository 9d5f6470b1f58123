/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies */
/**
 * Every fault kind through the real server (`startSimulator({ faults })`), as a client on
 * loopback sees it: statuses, bodies, headers, dropped connections, token outages, a
 * rotated secret and drifted JSON.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';
import { bearer, clientToken } from './helpers.ts';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(faults: unknown[], seed = 1): Promise<RunningSimulator> {
  sim = await startSimulator({ faults: { seed, faults } });
  return sim;
}

function get(s: RunningSimulator, path: string, token?: string): Promise<Response> {
  return fetch(`${s.url}${path}`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(5_000),
  });
}

describe('faults over HTTP', () => {
  it('adds latency only where the path matches', async () => {
    const s = await start([{ kind: 'latency', ms: 120, path: '/api/v1/health-check' }]);
    // A lower bound only: the delay is a floor the server adds, never a ceiling we time.
    const started = performance.now();
    expect((await get(s, '/api/v1/health-check')).ok).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    expect((await get(s, '/api/schema')).status).toBe(200);
  });

  const errorBodies = [
    { status: 500, path: '/api/v1/buildings', type: 'application/json;charset=UTF-8', body: '"code" : "INTERNAL_SERVER_ERROR"' },
    { status: 503, path: '/api/v1/buildings', type: 'application/json;charset=UTF-8', body: '"httpStatus" : 503' },
    { status: 503, path: '/JSSResource/buildings', type: 'text/html;charset=UTF-8', body: '<p style="font-size: 1.2em;font-weight: bold;margin: 1em 0px;">Service Unavailable</p>' },
    { status: 502, path: '/api/v1/buildings', type: 'text/html', body: '<center><h1>502 Bad Gateway</h1></center>' },
    { status: 504, path: '/JSSResource/buildings', type: 'text/html', body: '<title>504 Gateway Time-out</title>' },
  ];
  it.each(errorBodies)('answers $status on $path with the body Jamf or its edge sends', async ({ status, path, type, body }) => {
    const s = await start([{ kind: 'error', status, path }]);
    const res = await get(s, path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe(type);
    expect(await res.text()).toContain(body);
    if (status === 502 || status === 504) expect(res.headers.get('server')).toBe('awselb/2.0');
  });

  it('hits a share of requests at a rate, the same ones for the same seed, and only for the named method', async () => {
    const pattern = async (): Promise<number[]> => {
      const s = await start([{ kind: 'error', rate: 0.5, status: [500, 503], path: '/api/v1/*', method: 'GET' }], 42);
      const token = await bearer(s);
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await get(s, '/api/v1/buildings/1', token)).status);
      const post = await fetch(`${s.url}/api/v1/buildings`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
      expect([500, 503]).not.toContain(post.status);
      await s.close();
      return statuses;
    };
    const first = await pattern();
    const failed = first.filter((status) => status >= 500);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(30);
    expect(new Set(failed)).toEqual(new Set([500, 503]));
    expect(first.filter((status) => status < 500).every((status) => status === 200)).toBe(true);
    expect(await pattern()).toEqual(first);
  });

  it('drops the connection without an answer', async () => {
    const s = await start([{ kind: 'reset', path: '/JSSResource/*' }]);
    await expect(get(s, '/JSSResource/buildings')).rejects.toThrow();
    expect((await get(s, '/api/schema')).status).toBe(200);
    const stats = (await (await get(s, '/__simulator/stats')).json()) as any;
    expect(stats.requests['GET /JSSResource/buildings']).toBeGreaterThanOrEqual(1);
  });

  it('answers 429 with Retry-After, in each API\'s error form', async () => {
    const s = await start([{ kind: 'rate-limit', retryAfter: 30, path: '/api/v1/*' }, { kind: 'rate-limit', retryAfter: 2, path: '/JSSResource/*' }]);
    const pro = await get(s, '/api/v1/buildings');
    expect(pro.status).toBe(429);
    expect(pro.headers.get('retry-after')).toBe('30');
    expect(await pro.json()).toEqual({ httpStatus: 429, errors: [{ code: 'TOO_MANY_REQUESTS', description: 'Too Many Requests', id: '0', field: null }] });
    const classic = await get(s, '/JSSResource/buildings');
    expect(classic.status).toBe(429);
    expect(classic.headers.get('retry-after')).toBe('2');
    expect(await classic.text()).toContain('<title>Status page</title>');
  });

  it('takes the token endpoints down for the first requests, on both paths', async () => {
    const s = await start([{ kind: 'token-outage', requests: 2 }]);
    const first = await clientToken(s, 'demo-client', 'demo-secret', '/api/oauth/token');
    expect(first.status).toBe(503);
    expect(((await first.json()) as any).httpStatus).toBe(503);
    expect((await clientToken(s, 'demo-client', 'demo-secret', '/api/v1/oauth/token')).status).toBe(503);
    const third = await clientToken(s, 'demo-client', 'demo-secret');
    expect(third.status).toBe(200);
    expect(((await third.json()) as any).token_type).toBe('Bearer');
  });

  it('rotates a client secret after N matching requests, as an admin would mid-run', async () => {
    const s = await start([{ kind: 'rotate-secret', clientId: 'demo-client', afterRequests: 2, path: '/api/v1/buildings*' }]);
    const token = await bearer(s);
    expect((await get(s, '/api/v1/buildings/1', token)).status).toBe(200);
    expect((await get(s, '/api/v1/buildings/2', token)).status).toBe(200);
    expect((await clientToken(s, 'demo-client', 'demo-secret')).status).toBe(200);
    await get(s, '/api/v1/buildings/3', token); // the third matching request rotates the secret
    const refused = await clientToken(s, 'demo-client', 'demo-secret');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as any).error).toBe('invalid_client');
    expect((await clientToken(s, 'narrow-client', 'narrow-secret')).status).toBe(200);
  });

  const drifts = [
    { change: 'remove', pointer: '/results/*/name', check: (page: any) => page.results.every((r: any) => !('name' in r)) },
    { change: 'type', pointer: '/totalCount', check: (page: any) => typeof page.totalCount === 'string' && page.totalCount === '30' },
    { change: 'null', pointer: '/results/0/city', check: (page: any) => page.results[0].city === null && page.results[1].city !== null },
  ];
  it.each(drifts)('drifts JSON from the schema: $change at $pointer', async ({ change, pointer, check }) => {
    const s = await start([{ kind: 'drift', change, pointer, path: '/api/v1/buildings' }]);
    const token = await bearer(s);
    const res = await get(s, '/api/v1/buildings?page-size=3', token);
    expect(res.status).toBe(200);
    const length = res.headers.get('content-length');
    if (length !== null) expect(Number(length)).toBe(Buffer.byteLength(await res.clone().text()));
    expect(check(await res.json())).toBe(true);
    const untouched = (await (await get(s, '/api/v1/buildings/1', token)).json()) as any;
    expect(untouched.name).toEqual(expect.any(String));
  });

  it('reads faults from the config when no faults option is given', async () => {
    sim = await startSimulator({ config: { faults: [{ kind: 'error', status: 500, path: '/api/v1/health-check' }] } });
    expect((await get(sim, '/api/v1/health-check')).status).toBe(500);
  });
});
