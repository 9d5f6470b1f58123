/* eslint-disable @typescript-eslint/no-explicit-any -- responses are arbitrary JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, fetch as undiciFetch } from 'undici';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';
import { bearer, call, userToken } from './helpers.ts';

let sim: RunningSimulator;
let token: string;
let admin: string;
beforeAll(async () => {
  sim = await startSimulator({});
  token = await bearer(sim);
  admin = await userToken(sim);
});
afterAll(async () => { await sim.close(); });

describe('paging, sort and RSQL', () => {
  it.each([
    { query: 'page-size=5', total: 30, ids: ['1', '2', '3', '4', '5'] },
    { query: 'page=1&page-size=5', total: 30, ids: ['6', '7', '8', '9', '10'] },
    { query: 'page=9&page-size=5', total: 30, ids: [] },
    { query: 'page-size=3&sort=id:desc', total: 30, ids: ['30', '29', '28'] },
    { query: 'filter=id==3', total: 1, ids: ['3'] },
    { query: 'filter=id!=3&page-size=2', total: 29, ids: ['1', '2'] },
    { query: 'filter=id=in=(4,2)', total: 2, ids: ['2', '4'] },
    { query: 'filter=id=out=(1,2)&page-size=1', total: 28, ids: ['3'] },
    { query: 'filter=id=lt=3', total: 2, ids: ['1', '2'] },
    { query: 'filter=id<3 or id==30', total: 3, ids: ['1', '2', '30'] },
    { query: 'filter=city==Tokyo;id=lt=10', total: 1, ids: ['7'] },
    { query: 'filter=name=="Building 0*"&page-size=2', total: 9, ids: ['1', '2'] },
  ])('buildings?$query', async ({ query, total, ids }) => {
    const res = await call(sim, token, 'GET', `/api/v1/buildings?${encodeURI(query)}`);
    expect(res.status).toBe(200);
    expect(res.json.totalCount).toBe(total);
    expect(res.json.results.map((b: { id: string }) => b.id)).toEqual(ids);
  });
  it('sorts scripts by name by default and computers by general.name', async () => {
    const scripts = await call(sim, token, 'GET', '/api/v1/scripts?page-size=2');
    expect(scripts.json.results.map((s: { name: string }) => s.name)).toEqual(['script-01.sh', 'script-02.sh']);
    const computers = await call(sim, token, 'GET', '/api/v1/computers-inventory?page-size=1&sort=general.name:desc');
    expect(computers.json.results[0].general.name).toBe('MAC-040');
  });
});

describe('bad input', () => {
  const big = JSON.stringify({ name: 'x'.repeat(1_100_000) });
  it.each([
    { name: 'bad page', method: 'GET', path: '/api/v1/buildings?page=-1', status: 400 },
    { name: 'bad page-size', method: 'GET', path: '/api/v1/buildings?page-size=abc', status: 400 },
    { name: 'malformed RSQL', method: 'GET', path: '/api/v1/buildings?filter=name%3D%3D', status: 400 },
    { name: 'unknown filter field', method: 'GET', path: '/api/v1/buildings?filter=nope==1', status: 400 },
    { name: 'unknown sort field', method: 'GET', path: '/api/v1/buildings?sort=nope:asc', status: 400 },
    { name: 'malformed JSON', method: 'POST', path: '/api/v1/buildings', body: '{"name":', status: 400 },
    { name: 'missing required field', method: 'POST', path: '/api/v1/buildings', body: '{"city":"x"}', status: 400 },
    { name: 'unknown field', method: 'POST', path: '/api/v1/buildings', body: '{"name":"n1","colour":"red"}', status: 400 },
    { name: 'wrong type', method: 'POST', path: '/api/v1/categories', body: '{"name":"c1","priority":"high"}', status: 400 },
    { name: 'duplicate name', method: 'POST', path: '/api/v1/departments', body: '{"name":"Sales"}', status: 400 },
    { name: 'oversized body', method: 'POST', path: '/api/v1/buildings', body: big, status: 413 },
    { name: 'unknown id', method: 'GET', path: '/api/v1/buildings/999', status: 404 },
    { name: 'unknown path', method: 'GET', path: '/api/v1/nothing-here', status: 404 },
    { name: 'wrong method', method: 'PATCH', path: '/api/v1/buildings', status: 405 },
    { name: 'bad section', method: 'GET', path: '/api/v3/computers-inventory?section=NOPE', status: 400 },
  ])('$name → $status with Jamf error body', async ({ method, path, body, status }) => {
    const res = await call(sim, admin, method, path, body);
    expect(res.status).toBe(status);
    expect(res.json).toMatchObject({ httpStatus: status, errors: [expect.objectContaining({ id: '0' })] });
  });
  it('wrong content type → 415', async () => {
    const res = await fetch(`${sim.url}/api/v1/buildings`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/plain' }, body: '{"name":"t"}' });
    expect(res.status).toBe(415);
  });
});

describe('CRUD', () => {
  it('creates, reads, replaces and deletes a building', async () => {
    const created = await call(sim, admin, 'POST', '/api/v1/buildings', { name: 'New HQ', city: 'Oslo' });
    expect(created.status).toBe(201);
    expect(created.json.href).toBe(`${sim.url}/api/v1/buildings/${created.json.id}`);
    expect((await call(sim, admin, 'GET', `/api/v1/buildings/${created.json.id}`)).json).toMatchObject({ name: 'New HQ', city: 'Oslo', country: null });
    expect((await call(sim, admin, 'PUT', `/api/v1/buildings/${created.json.id}`, { name: 'Newer HQ' })).json).toMatchObject({ name: 'Newer HQ' });
    expect((await call(sim, admin, 'DELETE', `/api/v1/buildings/${created.json.id}`)).status).toBe(204);
    expect((await call(sim, admin, 'GET', `/api/v1/buildings/${created.json.id}`)).status).toBe(404);
  });
  it('POST api-roles answers 200, api-integrations 201', async () => {
    expect((await call(sim, admin, 'POST', '/api/v1/api-roles', { displayName: 'R200', privileges: ['Read Sites'] })).status).toBe(200);
    expect((await call(sim, admin, 'POST', '/api/v1/api-integrations', { displayName: 'I201', authorizationScopes: ['R200'] })).status).toBe(201);
  });
});

describe('computer inventory sections and versions', () => {
  it('fills requested sections and sends null for the rest', async () => {
    const res = await call(sim, token, 'GET', '/api/v3/computers-inventory/1?section=HARDWARE&section=OPERATING_SYSTEM');
    expect(res.json.hardware.serialNumber).toBeTypeOf('string');
    expect(res.json.operatingSystem.name).toBe('macOS');
    expect(res.json.general).toBeNull();
    expect(res.headers.get('deprecation')).toMatch(/^@\d+$/);
  });
  it('v4 exists in 11.30.1 only; v3 is deprecated in 11.30.1 only', async () => {
    const old = await startSimulator({ jamfVersion: '11.29.1' });
    try {
      const oldToken = await bearer(old);
      expect((await call(old, oldToken, 'GET', '/api/v4/computers-inventory')).status).toBe(404);
      const oldSchema = await (await fetch(`${old.url}/api/schema`)).json() as any;
      expect(oldSchema.paths['/v3/computers-inventory'].get.deprecated).toBeUndefined();
      const v4 = await call(sim, token, 'GET', '/api/v4/computers-inventory?page-size=1');
      expect(v4.json.results[0].general).toHaveProperty('lastContact');
      const schema = await (await fetch(`${sim.url}/api/schema`)).json() as any;
      expect(schema.paths['/v3/computers-inventory'].get).toMatchObject({ deprecated: true, 'x-deprecation-date': '2026-07-14' });
      expect(schema).toMatchObject({ openapi: '3.0.1', servers: [{ url: '/api' }], info: { version: 'production' } });
    } finally {
      await old.close();
    }
  });
});

describe('inspection', () => {
  it('counts requests, tokens and statuses; reset restores the seed', async () => {
    const s = await startSimulator({});
    try {
      const t = await bearer(s);
      await call(s, t, 'GET', '/api/v1/buildings?page=0');
      const a = await userToken(s);
      await call(s, a, 'DELETE', '/api/v1/buildings/1');
      const stats = await (await fetch(`${s.url}/__simulator/stats`)).json() as any;
      expect(stats.requests['GET /api/v1/buildings']).toBe(1);
      expect(stats.tokensIssued['demo-client']).toBe(1);
      expect(stats.status['204']).toBe(1);
      expect((await fetch(`${s.url}/__simulator/reset`, { method: 'POST' })).status).toBe(204);
      const t2 = await bearer(s);
      expect((await call(s, t2, 'GET', '/api/v1/buildings/1')).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('clustering', () => {
  it('alternates nodes without the cookie; writes reach the other node after the lag', async () => {
    const s = await startSimulator({ cluster: true, clusterLagMs: 300 });
    try {
      const res = await fetch(`${s.url}/api/v1/auth/token`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` } });
      expect(res.headers.get('set-cookie')).toMatch(/^jpro-ingress=node\d/);
      const a = ((await res.json()) as { token: string }).token;
      const created = await call(s, a, 'POST', '/api/v1/departments', { name: 'Lagging' }); // node 2
      const seen: number[] = [];
      for (let i = 0; i < 2; i++) seen.push((await call(s, a, 'GET', `/api/v1/departments/${created.json.id}`)).status);
      expect(seen.sort()).toEqual([200, 404]);
      const cookie = `jpro-ingress=${created.headers.get('set-cookie')?.split(';')[0]?.split('=')[1]}`;
      for (let i = 0; i < 3; i++) {
        const sticky = await fetch(`${s.url}/api/v1/departments/${created.json.id}`, { headers: { authorization: `Bearer ${a}`, cookie } });
        expect(sticky.status).toBe(200);
      }
      await new Promise((r) => setTimeout(r, 350));
      for (let i = 0; i < 2; i++) expect((await call(s, a, 'GET', `/api/v1/departments/${created.json.id}`)).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('TLS', () => {
  it('serves HTTPS with a self-signed certificate it exposes', async () => {
    const s = await startSimulator({ tls: true });
    try {
      expect(s.url).toMatch(/^https:/);
      const res = await undiciFetch(`${s.url}/api/v1/health-check`, { dispatcher: new Agent({ connect: { ca: s.ca } }) });
      expect(res.status).toBe(204);
    } finally {
      await s.close();
    }
  });
});
