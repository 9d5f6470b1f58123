/* eslint-disable @typescript-eslint/no-explicit-any -- Classic JSON bodies */
/** The seed's users and groups, as `/JSSResource/accounts` shows them through the running simulator. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { accountGroups, accountRecord, storeObjects } from '../../../src/simulator/seed-accounts.ts';
import { buildSeed } from '../../../src/simulator/seed.ts';
import { userToken } from '../helpers.ts';

async function classic(sim: RunningSimulator, token: string, path: string, init: RequestInit = {}): Promise<{ status: number; text: string; json: any }> {
  const res = await fetch(`${sim.url}/JSSResource${path}`, { ...init, headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...init.headers } });
  const text = await res.text();
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, text, json };
}

describe('seed accounts in the store', () => {
  const users = buildSeed().users;

  it('derives a password-free account per user', () => {
    const records = users.map(accountRecord);
    expect(records.map((r) => r['username'])).toEqual(['admin', 'auditor', 'helpdesk']);
    expect(records[0]).toMatchObject({ id: '1', enabled: true, privileges: ['*'], accessLevel: 'FullAccess', privilegeLevel: 'ADMINISTRATOR' });
    expect(records[2]).toMatchObject({ privilegeLevel: 'CUSTOM', email: 'helpdesk@example.com' });
    for (const record of records) expect(record).not.toHaveProperty('password');
  });

  it('keeps accounts the seed names itself, and drops group members that are not users', () => {
    const own = storeObjects({ accounts: [{ id: '9', username: 'x' }] }, users);
    expect(own['accounts']).toEqual([{ id: '9', username: 'x' }]);
    const onlyAdmin = accountGroups(users.filter((user) => user.username === 'admin'));
    expect(onlyAdmin.map((group) => group['memberIds'])).toEqual([['1'], []]);
  });
});

describe('/JSSResource/accounts on the running simulator', () => {
  let sim: RunningSimulator;
  let token: string;

  beforeAll(async () => {
    sim = await startSimulator({});
    token = await userToken(sim);
  });
  afterAll(async () => sim?.close());

  it('lists the seed users and groups', async () => {
    const { status, json } = await classic(sim, token, '/accounts');
    expect(status).toBe(200);
    expect(json.accounts.users).toEqual([{ id: 1, name: 'admin' }, { id: 2, name: 'auditor' }, { id: 3, name: 'helpdesk' }]);
    expect(json.accounts.groups).toEqual([{ id: 1, name: 'Administrators' }, { id: 2, name: 'Help Desk' }]);
  });

  it('shows an administrator with every privilege and a custom user with its own', async () => {
    const admin = (await classic(sim, token, '/accounts/username/admin')).json.account;
    expect(admin).toMatchObject({ id: 1, name: 'admin', full_name: 'Administrator', enabled: 'Enabled', access_level: 'Full Access', privilege_set: 'Administrator' });
    expect(admin.privileges.jss_objects).toContain('Read Computers');
    expect(admin.privileges.jss_actions).toContain('Send Computer Remote Wipe Command');
    const helpdesk = (await classic(sim, token, '/accounts/userid/3')).json.account;
    expect(helpdesk).toMatchObject({ privilege_set: 'Custom', privileges: { jss_objects: ['Read Computers', 'Read Mobile Devices'], jss_actions: [] } });
    expect(helpdesk).not.toHaveProperty('password');
  });

  it('answers groups by id and by name, with their members', async () => {
    const byId = await classic(sim, token, '/accounts/groupid/2', { headers: { accept: 'application/xml' } });
    expect(byId.status).toBe(200);
    expect(byId.text).toContain('<group><id>2</id><name>Help Desk</name><access_level>Full Access</access_level><privilege_set>Custom</privilege_set>');
    expect(byId.text).toContain('<members><user><id>2</id><name>auditor</name></user><user><id>3</id><name>helpdesk</name></user></members>');
    const byName = await classic(sim, token, '/accounts/groupname/administrators');
    expect(byName.json.group).toMatchObject({ id: 1, name: 'Administrators', privilege_set: 'Administrator', members: [{ id: 1, name: 'admin' }] });
    expect((await classic(sim, token, '/accounts/groupid/99')).status).toBe(404);
  });

  it('creates through Classic, and a reset restores the seed accounts', async () => {
    const xml = '<account><name>newbie</name><full_name>New Bie</full_name><password>pw</password></account>';
    const created = await classic(sim, token, '/accounts/userid/0', { method: 'POST', body: xml, headers: { 'content-type': 'application/xml' } });
    expect(created.status).toBe(201);
    expect(created.text).toContain('<id>4</id>');
    expect((await classic(sim, token, '/accounts')).json.accounts.users).toHaveLength(4);
    await fetch(`${sim.url}/__simulator/reset`, { method: 'POST' });
    token = await userToken(sim);
    expect((await classic(sim, token, '/accounts')).json.accounts.users).toHaveLength(3);
  });

  it('follows the users of a --config seed', async () => {
    const custom = await startSimulator({
      config: { users: [{ id: '7', username: 'solo', password: 'solo-pass', realName: 'Solo', email: '', enabled: true, privileges: ['*'], siteId: '1' }] },
    });
    try {
      const soloToken = await userToken(custom, 'solo', 'solo-pass');
      const list = (await classic(custom, soloToken, '/accounts')).json.accounts;
      expect(list.users).toEqual([{ id: 7, name: 'solo' }]);
      expect(list.groups).toEqual([{ id: 1, name: 'Administrators' }, { id: 2, name: 'Help Desk' }]);
      const solo = (await classic(custom, soloToken, '/accounts/userid/7')).json.account;
      expect(solo.site).toEqual({ id: 1, name: 'Headquarters' });
    } finally {
      await custom.close();
    }
  });
});
