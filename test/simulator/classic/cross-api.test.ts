/**
 * One simulator, two APIs, the same objects: what the Classic API shows agrees with the
 * Jamf Pro API (buildings, computer groups, extension attributes, scripts written through
 * either), the Classic swagger lists every route the handler answers, and the seed's
 * "everything" privileges cover every Classic route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { classicRoutes } from '../../../src/simulator/classic/index.ts';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { ALL_PRIVILEGES } from '../../../src/simulator/seed.ts';
import { bearer } from '../helpers.ts';

let sim: RunningSimulator;
let token: string;

async function get(path: string, accept = 'application/json'): Promise<unknown> {
  const res = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${token}`, accept } });
  expect(res.status, path).toBe(200);
  return res.json();
}

async function send(method: string, path: string, body: string, type: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${sim.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  sim = await startSimulator({});
  token = await bearer(sim, 'admin-client', 'admin-secret');
});
afterAll(async () => sim?.close());

type Named = { id: number | string; name: string };

describe('the Classic API and the Jamf Pro API show the same objects', () => {
  it('buildings, departments, categories', async () => {
    for (const [classic, pro] of [['buildings/id/1', 'v1/buildings/1'], ['departments/id/3', 'v1/departments/3'], ['categories/id/2', 'v1/categories/2']] as const) {
      const one = Object.values((await get(`/JSSResource/${classic}`)) as Record<string, Named>)[0]!;
      const other = (await get(`/api/${pro}`)) as Named;
      expect(one.name).toBe(other.name);
      expect(String(one.id)).toBe(String(other.id));
    }
  });

  it("a computer's groups exist as groups that list it, in both APIs", async () => {
    const pro = (await get('/api/v1/computers-inventory/1?section=GROUP_MEMBERSHIPS')) as { groupMemberships: Array<{ groupId: string; groupName: string }> };
    const classic = (await get('/JSSResource/computers/id/1/subset/GroupsAccounts')) as { computer: { groups_accounts: { computer_group_memberships: string[] } } };
    const names = pro.groupMemberships.map((group) => group.groupName);
    expect(names.length).toBeGreaterThan(1);
    expect(classic.computer.groups_accounts.computer_group_memberships).toEqual(names);
    for (const membership of pro.groupMemberships) {
      const group = (await get(`/JSSResource/computergroups/id/${membership.groupId}`)) as { computer_group: { name: string; computers: Named[] } };
      expect(group.computer_group.name).toBe(membership.groupName);
      expect(group.computer_group.computers.map((computer) => computer.id)).toContain(1);
    }
  });

  it("a computer's extension attributes and user exist", async () => {
    const pro = (await get('/api/v1/computers-inventory/2?section=EXTENSION_ATTRIBUTES&section=USER_AND_LOCATION')) as {
      extensionAttributes: Array<{ definitionId: string; name: string }>; userAndLocation: { username: string };
    };
    expect(pro.extensionAttributes.length).toBeGreaterThan(0);
    for (const attribute of pro.extensionAttributes) {
      const definition = (await get(`/JSSResource/computerextensionattributes/id/${attribute.definitionId}`)) as { computer_extension_attribute: Named };
      expect(definition.computer_extension_attribute.name).toBe(attribute.name);
    }
    const user = (await get(`/JSSResource/users/name/${pro.userAndLocation.username}`)) as { user: { links: { computers: Named[] } } };
    expect(user.user.links.computers.map((computer) => computer.id)).toContain(2);
  });

  it('a script written through either API reads back through the other', async () => {
    const classic = await send('POST', '/JSSResource/scripts/id/0', '<script><name>cross.sh</name><category>Utilities</category><script_contents>echo cross</script_contents></script>', 'application/xml');
    expect(classic.status).toBe(201);
    const id = /<id>(\d+)<\/id>/.exec(classic.text)?.[1];
    expect(await get(`/api/v1/scripts/${id}`)).toMatchObject({ name: 'cross.sh', categoryName: 'Utilities', scriptContents: 'echo cross' });

    const pro = await send('POST', '/api/v1/scripts', JSON.stringify({ name: 'from-pro.sh', priority: 'AT_REBOOT', scriptContents: 'echo pro' }), 'application/json');
    expect(pro.status).toBe(201);
    const proId = (JSON.parse(pro.text) as { id: string }).id;
    expect(await get(`/JSSResource/scripts/id/${proId}`)).toMatchObject({ script: { name: 'from-pro.sh', priority: 'At Reboot', script_contents: 'echo pro' } });
  });
});

describe('the Classic swagger and privileges', () => {
  it('/classicapi/doc/swagger.yaml lists every route the handler answers, with its statuses', async () => {
    const res = await fetch(`${sim.url}/classicapi/doc/swagger.yaml`);
    const swagger = parse(await res.text()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    for (const route of classicRoutes) {
      const operation = swagger.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(Object.keys(operation!.responses)).toContain(route.method === 'POST' || route.method === 'PUT' ? '201' : '200');
    }
    expect(new Set(Object.keys(swagger.paths).map((path) => path.split('/')[1])).size).toBe(78);
  });

  it('every Classic route needs a privilege the seed knows, so the admin roles reach them all', () => {
    const known = new Set(ALL_PRIVILEGES);
    expect(classicRoutes.filter((route) => !known.has(route.privilege)).map((route) => `${route.method} ${route.path}: ${route.privilege}`)).toEqual([]);
  });

  it('the demo read-only client reads a resource that is new in the Classic API', async () => {
    const readOnly = await bearer(sim);
    const res = await fetch(`${sim.url}/JSSResource/webhooks`, { headers: { authorization: `Bearer ${readOnly}` } });
    expect(res.status).toBe(200);
    const write = await fetch(`${sim.url}/JSSResource/webhooks/id/0`, { method: 'POST', headers: { authorization: `Bearer ${readOnly}`, 'content-type': 'application/xml' }, body: '<webhook><name>x</name></webhook>' });
    expect(write.status).toBe(403);
  });
});
