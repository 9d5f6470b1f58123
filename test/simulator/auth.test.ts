import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';
import { bearer, call, clientToken, userToken } from './helpers.ts';

let sim: RunningSimulator;
beforeAll(async () => { sim = await startSimulator({}); });
afterAll(async () => { await sim.close(); });

describe('client credentials', () => {
  it.each(['/api/oauth/token', '/api/v1/oauth/token'])('issues a JWT with Jamf claims on %s', async (path) => {
    const res = await clientToken(sim, 'demo-client', 'demo-secret', path);
    expect(res.status).toBe(200);
    const body = await res.json() as Record<string, unknown>;
    expect(body).toMatchObject({ scope: 'api-role:1', token_type: 'Bearer', expires_in: 599 });
    const claims = JSON.parse(Buffer.from(String(body.access_token).split('.')[1] ?? '', 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'demo-client', aud: 'demo-client', 'subject-type': 'REGISTERED_CLIENT_ID', 'authentication-type': 'CLIENT_CREDENTIALS', scope: ['api-role:1'] });
    for (const claim of ['nbf', 'iat', 'exp', 'token-uuid', 'iss']) expect(claims).toHaveProperty(claim);
  });

  it.each([
    { name: 'wrong secret', form: { grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'x' }, status: 401, error: 'invalid_client' },
    { name: 'unknown client', form: { grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' }, status: 401, error: 'invalid_client' },
    { name: 'disabled client', form: { grant_type: 'client_credentials', client_id: 'disabled-client', client_secret: 'disabled-secret' }, status: 401, error: 'invalid_client' },
    { name: 'bad grant', form: { grant_type: 'password', client_id: 'demo-client', client_secret: 'demo-secret' }, status: 400, error: 'unsupported_grant_type' },
    { name: 'scope not held', form: { grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret', scope: 'api-role:5' }, status: 400, error: 'invalid_scope' },
  ])('refuses $name with an RFC 6749 body', async ({ form, status, error }) => {
    const res = await fetch(`${sim.url}/api/v1/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form as Record<string, string>).toString() });
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error });
  });

  it('accepts a scope subset', async () => {
    const res = await fetch(`${sim.url}/api/v1/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=multi-client&client_secret=multi-secret&scope=api-role:2' });
    expect(await res.json()).toMatchObject({ scope: 'api-role:2' });
  });

  it('short-lived tokens report the client lifetime', async () => {
    expect(await (await clientToken(sim, 'short-client', 'short-secret')).json()).toMatchObject({ expires_in: 5 });
  });
});

describe('privileges', () => {
  it('401 INVALID_TOKEN without or with a bad token', async () => {
    const res = await call(sim, 'garbage', 'GET', '/api/v1/buildings');
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ httpStatus: 401, errors: [{ code: 'INVALID_TOKEN', description: 'Unauthorized', id: '0', field: null }] });
  });
  it('403 INVALID_PRIVILEGE when a privilege is missing', async () => {
    const token = await bearer(sim, 'narrow-client', 'narrow-secret');
    expect((await call(sim, token, 'GET', '/api/v1/buildings')).status).toBe(200);
    const res = await call(sim, token, 'GET', '/api/v1/departments');
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ httpStatus: 403, errors: [{ code: 'INVALID_PRIVILEGE', description: 'Forbidden', id: '0', field: null }] });
  });
});

describe('the scope quirk', () => {
  it('role assignment waits for a new secret; role edits apply at once', async () => {
    const admin = await userToken(sim);
    const created = await call(sim, admin, 'POST', '/api/v1/api-integrations', { displayName: 'quirk', authorizationScopes: ['Read Buildings'], enabled: true, accessTokenLifetimeSeconds: 600 });
    expect(created.status).toBe(201);
    const id = created.json.id as number;
    const creds = (await call(sim, admin, 'POST', `/api/v1/api-integrations/${id}/client-credentials`)).json as { clientId: string; clientSecret: string };
    const oldToken = await bearer(sim, creds.clientId, creds.clientSecret);
    expect((await call(sim, oldToken, 'GET', '/api/v1/departments')).status).toBe(403);

    // Assign a role that reads departments: nothing changes for old or new tokens from the old secret.
    const role = (await call(sim, admin, 'POST', '/api/v1/api-roles', { displayName: 'Quirk departments', privileges: ['Read Departments'] })).json as { id: string };
    expect((await call(sim, admin, 'PUT', `/api/v1/api-integrations/${id}`, { displayName: 'quirk', authorizationScopes: ['Read Buildings', 'Quirk departments'] })).status).toBe(200);
    const sameSecretToken = await bearer(sim, creds.clientId, creds.clientSecret);
    expect((await call(sim, oldToken, 'GET', '/api/v1/departments')).status).toBe(403);
    expect((await call(sim, sameSecretToken, 'GET', '/api/v1/departments')).status).toBe(403);

    // A new secret freezes the new role set; the old secret stops working.
    const fresh = (await call(sim, admin, 'POST', `/api/v1/api-integrations/${id}/client-credentials`)).json as { clientSecret: string };
    expect((await clientToken(sim, creds.clientId, creds.clientSecret)).status).toBe(401);
    const newToken = await bearer(sim, creds.clientId, fresh.clientSecret);
    expect((await call(sim, newToken, 'GET', '/api/v1/departments')).status).toBe(200);

    // Editing the role's privileges applies immediately to the existing token.
    expect((await call(sim, admin, 'PUT', `/api/v1/api-roles/${role.id}`, { displayName: 'Quirk departments', privileges: ['Read Categories'] })).status).toBe(200);
    expect((await call(sim, newToken, 'GET', '/api/v1/departments')).status).toBe(403);
    expect((await call(sim, newToken, 'GET', '/api/v1/categories')).status).toBe(200);
  });

  it('rotateSecret on the state invalidates the old secret', async () => {
    const secret = sim.state.rotateSecret('multi-client');
    expect(secret).toBeTypeOf('string');
    expect((await clientToken(sim, 'multi-client', 'multi-secret')).status).toBe(401);
    expect((await clientToken(sim, 'multi-client', secret ?? '')).status).toBe(200);
  });
});

describe('user tokens', () => {
  it('token, keep-alive (old invalidated), /v1/auth, invalidate-token', async () => {
    const first = await userToken(sim);
    expect((await call(sim, first, 'GET', '/api/v1/auth')).json).toMatchObject({ account: { username: 'admin' }, authenticationType: 'JSS' });
    const kept = await call(sim, first, 'POST', '/api/v1/auth/keep-alive');
    expect(kept.status).toBe(200);
    expect(kept.json.expires).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await call(sim, first, 'GET', '/api/v1/auth')).status).toBe(401);
    const second = kept.json.token as string;
    expect((await call(sim, second, 'POST', '/api/v1/auth/invalidate-token')).status).toBe(204);
    expect((await call(sim, second, 'GET', '/api/v1/auth')).status).toBe(401);
  });
  it('bad Basic credentials give 401', async () => {
    const res = await fetch(`${sim.url}/api/v1/auth/token`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('admin:wrong').toString('base64')}` } });
    expect(res.status).toBe(401);
  });
  it('the read-only user cannot write', async () => {
    const token = await userToken(sim, 'auditor', 'auditor');
    expect((await call(sim, token, 'POST', '/api/v1/buildings', { name: 'x' })).status).toBe(403);
  });
});

describe('Classic Basic auth per version', () => {
  const basic = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
  it.each([
    { version: '11.30.1', basicAuth: undefined, status: 401 },
    { version: '11.4.0', basicAuth: true, status: 200 },
    { version: '11.4.0', basicAuth: undefined, status: 401 },
    { version: '10.34.0', basicAuth: undefined, status: 200 },
  ])('$version (classicBasicAuth $basicAuth) answers $status', async ({ version, basicAuth, status }) => {
    const s = await startSimulator({ jamfVersion: version, config: basicAuth === undefined ? {} : { classicBasicAuth: basicAuth } });
    try {
      const res = await fetch(`${s.url}/JSSResource/buildings`, { headers: { authorization: basic } });
      expect(res.status).toBe(status);
    } finally {
      await s.close();
    }
  });
  it('10.40.0 has user tokens but no client credentials', async () => {
    const s = await startSimulator({ jamfVersion: '10.40.0' });
    try {
      expect((await clientToken(s, 'demo-client', 'demo-secret')).status).toBe(404);
      expect(await userToken(s)).toBeTypeOf('string');
    } finally {
      await s.close();
    }
  });
});
