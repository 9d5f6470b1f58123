/**
 * What schema mode promises, on a small document written for the test (schema-fixture.ts):
 * paging, ids that agree between a list and its detail operation, 404s in Jamf's error
 * body, writes that later reads see, privileges and authentication as the document says,
 * media types, the version it answers as, and which native routes stay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';
import { bearer, call, userToken } from './helpers.ts';
import { fixtureDocument } from './schema-fixture.ts';

let sim: RunningSimulator;
let admin: string;
beforeAll(async () => {
  sim = await startSimulator({ openapi: fixtureDocument(), jamfVersion: '11.26.0' });
  admin = await userToken(sim);
});
afterAll(async () => { await sim.close(); });

const NOT_FOUND = { httpStatus: 404, errors: [{ code: 'INVALID_ID', description: 'Object with the specified ID could not be found', id: '0', field: null }] };

describe('collections', () => {
  it('lists three objects with Jamf paging and sorting', async () => {
    const all = await call(sim, admin, 'GET', '/api/v1/widgets');
    expect(all.status).toBe(200);
    expect(all.json.totalCount).toBe(3);
    expect(all.json.results.map((w: { id: string }) => w.id)).toEqual(['1', '2', '3']);
    const page = await call(sim, admin, 'GET', '/api/v1/widgets?page=1&page-size=2');
    expect(page.json).toMatchObject({ totalCount: 3, results: [{ id: '3' }] });
    const sorted = await call(sim, admin, 'GET', '/api/v1/widgets?sort=id:desc');
    expect(sorted.json.results.map((w: { id: string }) => w.id)).toEqual(['3', '2', '1']);
    const bad = await call(sim, admin, 'GET', '/api/v1/widgets?page-size=0');
    expect(bad.status).toBe(400);
    expect(bad.json.httpStatus).toBe(400);
  });

  it('every listed id answers its detail operation with the same object', async () => {
    const list = await call(sim, admin, 'GET', '/api/v1/widgets');
    for (const item of list.json.results as Array<Record<string, unknown>>) {
      const detail = await call(sim, admin, 'GET', `/api/v1/widgets/${String(item.id)}`);
      expect(detail.status).toBe(200);
      expect(detail.json).toEqual(item);
    }
  });

  it('leaves writeOnly properties out, fills required ones, never sends null', async () => {
    const widget = (await call(sim, admin, 'GET', '/api/v1/widgets/2')).json as Record<string, unknown>;
    expect(widget).not.toHaveProperty('secret');
    expect(['SMALL', 'LARGE']).toContain(widget.size);
    expect(widget.name).toEqual(expect.any(String));
    expect(widget.note).not.toBeNull();
  });

  it('keys an array collection by its uuid property; the detail schema carries the item values', async () => {
    const list = await call(sim, admin, 'GET', '/api/v1/gadgets');
    expect(list.json).toHaveLength(3);
    for (const gadget of list.json as Array<{ gadgetId: string; label: string }>) {
      expect(gadget.gadgetId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
      const detail = await call(sim, admin, 'GET', `/api/v1/gadgets/${gadget.gadgetId}`);
      expect(detail.json).toMatchObject({ gadgetId: gadget.gadgetId, label: gadget.label });
      expect(detail.json.weight).toBeGreaterThanOrEqual(1);
    }
  });

  it('answers 404 in Jamf\'s error body for ids a collection does not hold, also as a parent', async () => {
    for (const path of ['/api/v1/widgets/4', '/api/v1/widgets/abc', '/api/v1/widgets/9/history', '/api/v1/gadgets/1', '/api/v1/logs/4']) {
      const res = await call(sim, admin, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.json).toEqual(NOT_FOUND);
    }
    expect((await call(sim, admin, 'GET', '/api/v1/widgets/2/history?page-size=1')).json).toMatchObject({ totalCount: 3, results: [{ id: 1 }] });
    // Items without an id property still have the ids 1, 2, 3.
    expect((await call(sim, admin, 'GET', '/api/v1/logs/3')).status).toBe(200);
  });

  it('is the same data on every request and after a restart', async () => {
    const first = (await call(sim, admin, 'GET', '/api/v1/widgets')).json;
    const again = await startSimulator({ openapi: fixtureDocument(), jamfVersion: '11.26.0' });
    try {
      expect((await call(again, await userToken(again), 'GET', '/api/v1/widgets')).json).toEqual(first);
    } finally {
      await again.close();
    }
  });
});

describe('writes', () => {
  it('create, read, delete: documented statuses, and later reads see them until a reset', async () => {
    const created = await call(sim, admin, 'POST', '/api/v1/widgets', { name: 'New', size: 'SMALL' });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: '4', href: `${sim.url}/api/v1/widgets/4` });
    expect((await call(sim, admin, 'GET', '/api/v1/widgets')).json.totalCount).toBe(4);
    expect((await call(sim, admin, 'GET', '/api/v1/widgets/4')).json.id).toBe('4');
    expect((await call(sim, admin, 'PUT', '/api/v1/widgets/4', { name: 'Renamed', size: 'LARGE' })).status).toBe(200);
    expect((await call(sim, admin, 'DELETE', '/api/v1/widgets/1')).status).toBe(204);
    expect((await call(sim, admin, 'GET', '/api/v1/widgets/1')).status).toBe(404);
    expect((await call(sim, admin, 'DELETE', '/api/v1/widgets/1')).status).toBe(404);
    expect((await call(sim, admin, 'GET', '/api/v1/widgets')).json.results.map((w: { id: string }) => w.id)).toEqual(['2', '3', '4']);
    await fetch(`${sim.url}/__simulator/reset`, { method: 'POST' });
    admin = await userToken(sim);
    expect((await call(sim, admin, 'GET', '/api/v1/widgets')).json.totalCount).toBe(3);
  });

  it('answers other writes with their documented status; refuses a body that is not JSON', async () => {
    expect((await call(sim, admin, 'POST', '/api/v1/both')).status).toBe(202);
    const bad = await call(sim, admin, 'POST', '/api/v1/widgets', '{"name":');
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].code).toBe('INVALID_JSON');
  });

  it('serves non-JSON media types with their content type', async () => {
    const res = await fetch(`${sim.url}/api/v1/widgets/export`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv');
    expect(await res.text()).toBe('id,name\n1,Sprocket\n');
  });
});

describe('privileges and authentication', () => {
  it('enforces x-required-privileges against the token\'s roles', async () => {
    const narrow = await bearer(sim, 'narrow-client', 'narrow-secret');
    expect((await call(sim, narrow, 'GET', '/api/v1/widgets')).status).toBe(403);
    // "Read Everything" holds every Read privilege the document names; "Everything" holds all.
    const reader = await bearer(sim);
    expect((await call(sim, reader, 'GET', '/api/v1/widgets')).status).toBe(200);
    expect((await call(sim, reader, 'POST', '/api/v1/widgets', { name: 'x', size: 'SMALL' })).status).toBe(403);
    const everything = await bearer(sim, 'admin-client', 'admin-secret');
    expect((await call(sim, everything, 'POST', '/api/v1/widgets', { name: 'x', size: 'SMALL' })).status).toBe(201);
  });

  it('privileges of one verb are alternatives, of different verbs all needed', async () => {
    const s = await startSimulator({
      openapi: fixtureDocument(),
      config: {
        apiRoles: [{ id: '1', displayName: 'Gadgets', privileges: ['Read Gadgets'] }, { id: '2', displayName: 'Widget reader', privileges: ['Read Widgets'] }],
        apiClients: [
          { id: 1, displayName: 'g', clientId: 'gadgets', clientSecret: 'gadgets-secret', enabled: true, accessTokenLifetimeSeconds: 60, authorizationScopes: ['Gadgets'] },
          { id: 2, displayName: 'w', clientId: 'widgets', clientSecret: 'widgets-secret', enabled: true, accessTokenLifetimeSeconds: 60, authorizationScopes: ['Widget reader'] },
        ],
      },
    });
    try {
      const gadgets = await bearer(s, 'gadgets', 'gadgets-secret');
      expect((await call(s, gadgets, 'GET', '/api/v1/either')).status).toBe(200);
      const widgets = await bearer(s, 'widgets', 'widgets-secret');
      expect((await call(s, widgets, 'POST', '/api/v1/both')).status).toBe(403);
    } finally {
      await s.close();
    }
  });

  it('honours x-authentication-required: false; everything else needs a token', async () => {
    const open = await fetch(`${sim.url}/api/v1/public-info`);
    expect(open.status).toBe(200);
    expect(await open.json()).toEqual({ name: expect.any(String) });
    expect((await fetch(`${sim.url}/api/v1/widgets`)).status).toBe(401);
  });

  it('counts the document\'s privileges among those roles can hold (/v1/api-role-privileges lists them)', () => {
    expect(sim.state.auth.allPrivileges).toEqual(expect.arrayContaining(['Read Widgets', 'Create Widgets', 'Read Gadgets', 'Read Buildings']));
  });
});

describe('the served document and version', () => {
  it('serves the document at /api/schema and answers as the given version', async () => {
    expect(await (await fetch(`${sim.url}/api/schema`)).json()).toEqual(fixtureDocument());
    expect(sim.jamfVersion).toBe('11.26.0');
    expect(sim.notices).toEqual([]);
    expect((await call(sim, admin, 'GET', '/api/v1/jamf-pro-version')).json.version).toMatch(/^11\.26\.0-t\d+$/);
  });

  it('says when the version is assumed', async () => {
    const s = await startSimulator({ openapi: fixtureDocument() });
    try {
      expect(s.jamfVersion).toBe('11.30.1');
      expect(s.notices.join(' ')).toMatch(/answering as 11\.30\.1/);
    } finally {
      await s.close();
    }
  });

  it('keeps native resources the document has, drops those it has not, keeps the token endpoints', async () => {
    const buildings = await call(sim, admin, 'GET', '/api/v1/buildings');
    expect(buildings.json.results[0].name).toBe('Building 01 Minneapolis');
    expect((await call(sim, admin, 'GET', '/api/v1/buildings/1')).status).toBe(404);
    expect((await call(sim, admin, 'GET', '/api/v1/departments')).status).toBe(404);
    expect((await call(sim, admin, 'GET', '/api/v1/auth')).status).toBe(200);
  });
});
