/** The doctor against the simulator's seeded clients, and clients changed as `admin` through the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/doctor/index.ts';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { collection, request, tempDir, writeFile } from '../helpers/collections.ts';
import { simulator } from '../helpers/simulator.ts';
import { asAdmin, check, doctor, statuses } from './helpers.ts';

const SECRETS = ['demo-secret', 'narrow-secret', 'disabled-secret', 'wrong-secret'];

function expectNoSecrets(report: DoctorReport, extra: string[] = []): void {
  const text = JSON.stringify(report);
  for (const secret of [...SECRETS, ...extra]) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{4,}/);
}

describe('seeded clients', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator();
  });
  afterAll(() => sim.close());

  it('a healthy client: every check passes and the token is described, not shown', async () => {
    const report = await doctor(sim, { clientId: 'demo-client', clientSecret: 'demo-secret' });
    expect(statuses(report)).toEqual({
      connect: 'ok', schemes: 'ok', token: 'ok', claims: 'ok', 'scope-drift': 'ok', privileges: 'ok', affinity: 'ok', clock: 'ok',
    });
    expect(report).toMatchObject({ canRun: true, jamfVersion: '11.30.1', scheme: 'client-credentials' });
    expect(check(report, 'claims').data).toMatchObject({
      subjectType: 'REGISTERED_CLIENT_ID', authenticationType: 'CLIENT_CREDENTIALS', lifetimeSeconds: 599, roles: [{ id: '1', name: 'Read Everything' }],
    });
    expect(check(report, 'privileges').data).toMatchObject({ requests: 7, notSent: 1, willFail: [], mayFail: [] });
    expectNoSecrets(report);
  });

  it('a wrong secret: the token check fails with the client named and the remedy, later checks are skipped', async () => {
    const report = await doctor(sim, { clientId: 'demo-client', clientSecret: 'wrong-secret' });
    const token = check(report, 'token');
    expect(token).toMatchObject({ status: 'fail', data: { code: 'AUTH_INVALID_CLIENT' } });
    expect(token.remedy).toMatch(/JAMF_CLIENT_SECRET/);
    expect(report.canRun).toBe(false);
    for (const id of ['claims', 'scope-drift', 'privileges', 'affinity', 'clock'] as const) expect(check(report, id).status).toBe('skip');
    expectNoSecrets(report);
  });

  it('a disabled client is told apart from a wrong secret', async () => {
    const report = await doctor(sim, { clientId: 'disabled-client', clientSecret: 'disabled-secret' });
    expect(check(report, 'token')).toMatchObject({ status: 'fail', data: { code: 'AUTH_CLIENT_DISABLED' } });
    expect(check(report, 'token').remedy).toMatch(/Enable the API client/);
    expect(report.canRun).toBe(false);
    expectNoSecrets(report);
  });

  it('a client that cannot read API roles: the preflight degrades and says what it could not verify', async () => {
    const report = await doctor(sim, { clientId: 'narrow-client', clientSecret: 'narrow-secret' });
    expect(report.canRun).toBe(true);
    expect(check(report, 'claims').detail).toMatch(/api-role:2; role names not shown/);
    expect(check(report, 'scope-drift')).toMatchObject({ status: 'skip' });
    expect(check(report, 'scope-drift').detail).toMatch(/api-integrations was forbidden \(403\)/);
    const privileges = check(report, 'privileges');
    expect(privileges.status).toBe('warn');
    expect(privileges.detail).toMatch(/Could not verify privileges: reading \/v1\/api-roles was forbidden \(403\)/);
    expect(privileges.remedy).toMatch(/Read API Roles/);
    const unverified = (privileges.data?.unverified as Array<{ privilege: string }>).map((g) => g.privilege);
    expect(unverified).toEqual(['Read Buildings', 'Read Computers']);
    expectNoSecrets(report);
  });
});

describe('a client whose roles changed without a new secret', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator();
    await asAdmin(sim, 'PUT', '/v1/api-integrations/1', { displayName: 'Demo read-only', authorizationScopes: ['Read Everything', 'Manage Buildings'] });
  });
  afterAll(() => sim.close());

  it('drift is detected, the missing privileges are named, and the writes they block are listed', async () => {
    const report = await doctor(sim, { clientId: 'demo-client', clientSecret: 'demo-secret' }, { allowWrites: true });
    const drift = check(report, 'scope-drift');
    expect(drift.status).toBe('warn');
    expect(drift.detail).toMatch(/applies only after a new client secret is generated/);
    expect(drift.detail).toMatch(/api-role:3 \(Manage Buildings\)/);
    expect(drift.data).toMatchObject({ addedRoleIds: ['3'], removedRoleIds: [], missingPrivileges: ['Create Buildings', 'Delete Buildings', 'Update Buildings'] });
    expect(drift.remedy).toMatch(/Generate a new client secret .*\/api\/v1\/api-integrations\/1\/client-credentials/);
    expect(check(report, 'privileges').data?.willFail).toEqual([{ privilege: 'Create Buildings', requests: [expect.stringMatching(/Create building \(POST \/api\/v1\/buildings\)/)] }]);
    expect(report.canRun).toBe(true);
  });

  it('after a new secret the token carries the new roles: no drift, nothing missing', async () => {
    const { clientSecret } = (await asAdmin(sim, 'POST', '/v1/api-integrations/1/client-credentials')) as { clientSecret: string };
    const report = await doctor(sim, { clientId: 'demo-client', clientSecret }, { allowWrites: true });
    expect(check(report, 'scope-drift').status).toBe('ok');
    expect(check(report, 'privileges').status).toBe('ok');
    expectNoSecrets(report, [clientSecret]);
  });
});

describe('a role removed from a client without a new secret', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator();
    await asAdmin(sim, 'PUT', '/v1/api-integrations/1', { displayName: 'Demo read-only', authorizationScopes: ['Read Buildings'] });
  });
  afterAll(() => sim.close());

  it('says which privileges are still present until a new secret is generated', async () => {
    const drift = check(await doctor(sim, { clientId: 'demo-client', clientSecret: 'demo-secret' }), 'scope-drift');
    expect(drift.status).toBe('warn');
    expect(drift.data).toMatchObject({ addedRoleIds: ['2'], removedRoleIds: ['1'] });
    expect(drift.data?.stillPresentPrivileges).toContain('Read Computers');
    expect(drift.data?.stillPresentPrivileges).not.toContain('Read Buildings');
    expect(drift.detail).toMatch(/still present: .*Read Computers/);
  });
});

describe('a role whose privileges were edited', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator();
    const role = (await asAdmin(sim, 'GET', '/v1/api-roles/1')) as { displayName: string; privileges: string[] };
    await asAdmin(sim, 'PUT', '/v1/api-roles/1', { displayName: role.displayName, privileges: role.privileges.filter((p) => p !== 'Read Buildings') });
  });
  afterAll(() => sim.close());

  it('applies at once: no drift warning, and the requests needing the removed privilege will 403', async () => {
    const report = await doctor(sim, { clientId: 'demo-client', clientSecret: 'demo-secret' });
    expect(check(report, 'scope-drift').status).toBe('ok');
    const privileges = check(report, 'privileges');
    expect(privileges.status).toBe('warn');
    const willFail = privileges.data?.willFail as Array<{ privilege: string; requests: string[] }>;
    expect(willFail.map((g) => g.privilege)).toEqual(['Read Buildings']);
    expect(willFail[0]!.requests).toHaveLength(3);
    expect(privileges.detail).toMatch(/3 will be refused \(403\)/);
    expect(privileges.remedy).toMatch(/role edit applies at once/);
    expect(report.canRun).toBe(true);
  });
});

describe('a client whose roles grant none of what the collection needs', () => {
  let sim: RunningSimulator;
  let secret: string;
  let clientId: string;
  beforeAll(async () => {
    sim = await simulator();
    await asAdmin(sim, 'POST', '/v1/api-roles', { displayName: 'Auditor of roles', privileges: ['Read API Roles', 'Read API Integrations'] });
    const created = (await asAdmin(sim, 'POST', '/v1/api-integrations', { displayName: 'Role auditor', authorizationScopes: ['Auditor of roles'], enabled: true })) as { id: number; clientId: string };
    clientId = created.clientId;
    secret = ((await asAdmin(sim, 'POST', `/v1/api-integrations/${created.id}/client-credentials`)) as { clientSecret: string }).clientSecret;
  });
  afterAll(() => sim.close());

  it('every request needing a privilege will 403: the preflight fails and a run could not proceed', async () => {
    const only = writeFile(tempDir(), 'buildings.json', collection('Buildings', [
      request('list', '{{baseUrl}}/v1/buildings'),
      request('classic', '{{url}}/JSSResource/buildings'),
      request('version', '{{baseUrl}}/v1/jamf-pro-version'),
    ]));
    const report = await doctor(sim, { clientId, clientSecret: secret }, { collections: [only] });
    expect(check(report, 'privileges')).toMatchObject({ status: 'fail', data: { willFail: [{ privilege: 'Read Buildings', requests: [expect.any(String), expect.any(String)] }] } });
    expect(report.canRun).toBe(false);
    expectNoSecrets(report, [secret]);
  });
});

describe('a token asked for a subset of the client\'s roles (--scope)', () => {
  let sim: RunningSimulator;
  let clientSecret: string;
  beforeAll(async () => {
    sim = await simulator();
    await asAdmin(sim, 'PUT', '/v1/api-integrations/1', { displayName: 'Demo read-only', authorizationScopes: ['Read Everything', 'Read Buildings'] });
    ({ clientSecret } = (await asAdmin(sim, 'POST', '/v1/api-integrations/1/client-credentials')) as { clientSecret: string });
  });
  afterAll(() => sim.close());

  it('is not scope drift: the roles left out were left out on purpose', async () => {
    const report = await doctor(sim, { clientId: 'demo-client', clientSecret, scope: 'api-role:1' });
    expect(check(report, 'claims').data?.roles).toEqual([{ id: '1', name: 'Read Everything' }]);
    expect(check(report, 'scope-drift').status).toBe('ok');
    expect(check(report, 'scope-drift').detail).toMatch(/--scope asked for api-role:1/);
  });
});
