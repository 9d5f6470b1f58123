/** A small in-memory store and a fake authenticate for the Classic handler's tests. */
import type { AuthResult, ClassicDeps, SimRequest, SimResponse, SimStore } from '../../../src/simulator/http.ts';
import { storeObjects } from '../../../src/simulator/seed-accounts.ts';
import { ALL_PRIVILEGES, buildSeed } from '../../../src/simulator/seed.ts';
import { IdSequence, MemoryStore } from '../../../src/simulator/store.ts';

type Obj = Record<string, unknown>;

export class TestStore implements SimStore {
  private readonly kinds = new Map<string, Map<string, Obj>>();
  private nextId = 100;

  constructor(objects: Record<string, Obj[]>) {
    for (const [kind, items] of Object.entries(objects)) {
      this.kinds.set(kind, new Map(items.map((item) => [String(item['id']), structuredClone(item)])));
    }
  }

  private table(kind: string): Map<string, Obj> {
    const table = this.kinds.get(kind) ?? new Map<string, Obj>();
    this.kinds.set(kind, table);
    return table;
  }

  list(kind: string): Obj[] {
    return [...this.table(kind).values()];
  }

  get(kind: string, id: string): Obj | undefined {
    return this.table(kind).get(id);
  }

  create(kind: string, fields: Obj): Obj {
    const record = { ...fields, id: String(this.nextId++) };
    this.table(kind).set(record.id, record);
    return record;
  }

  update(kind: string, id: string, fields: Obj): Obj | undefined {
    const existing = this.get(kind, id);
    if (existing === undefined) return undefined;
    const record = { ...existing, ...fields, id };
    this.table(kind).set(id, record);
    return record;
  }

  remove(kind: string, id: string): boolean {
    return this.table(kind).delete(id);
  }
}

const VERBS = ['Create', 'Read', 'Update', 'Delete'];
const NOUNS = ['Accounts', 'Buildings', 'Categories', 'Computers', 'Departments', 'Mobile Devices', 'Policies'];
export const ALL = NOUNS.flatMap((noun) => VERBS.map((verb) => `${verb} ${noun}`));

/** `Authorization: Bearer <token>`; tokens name privilege sets. */
const tokens: Record<string, readonly string[]> = {
  all: ALL,
  'read-buildings': ['Read Buildings'],
  'read-all': ALL.filter((privilege) => privilege.startsWith('Read ')),
};

export const PLAIN_401: SimResponse = { status: 401, headers: { 'content-type': 'text/html;charset=UTF-8' }, body: 'unauthorized' };

export function fakeAuthenticate(req: SimRequest): AuthResult {
  const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
  const privileges = token === undefined ? undefined : tokens[token];
  if (privileges === undefined) return { ok: false, response: PLAIN_401 };
  return { ok: true, privileges: new Set(privileges), subject: token ?? '' };
}

export function request(method: string, path: string, options: { token?: string | null; accept?: string; type?: string; body?: string } = {}): SimRequest {
  const headers: Record<string, string> = {};
  if (options.token !== null) headers['authorization'] = `Bearer ${options.token ?? 'all'}`;
  if (options.accept !== undefined) headers['accept'] = options.accept;
  if (options.type !== undefined) headers['content-type'] = options.type;
  return { method, path, query: new URLSearchParams(), headers, body: Buffer.from(options.body ?? '') };
}

export function deps(store: SimStore = seedStore()): ClassicDeps {
  return { authenticate: fakeAuthenticate, store, version: '11.30.1' };
}

/** Invented values in the Pro API shapes the core's seed uses. */
export function seedStore(): TestStore {
  return new TestStore({
    buildings: [
      { id: '1', name: 'Harbor House', streetAddress1: '1 Quay', city: 'Oslo' },
      { id: '2', name: 'Alder Hall' },
      { id: '3', name: 'Cedar Court' },
    ],
    departments: [{ id: '1', name: 'Finance' }, { id: '2', name: 'Engineering' }],
    categories: [{ id: '4', name: 'Tools', priority: 3 }, { id: '7', name: 'Browsers', priority: 9 }],
    sites: [{ id: '1', name: 'Main' }],
    accounts: [
      { id: '1', username: 'root-admin', realName: 'Root Admin', email: 'root@example.test', enabled: true, privileges: ['*'] },
      { id: '2', username: 'viewer', realName: 'Viewer', email: '', enabled: false, privileges: ['Read Buildings', 'Send Computer Remote Wipe Command'] },
    ],
    computers: [computer('1', 'MAC-ALPHA', 'SER0001'), computer('2', 'MAC-BRAVO', 'SER0002')],
    'mobile-devices': [mobileDevice('5', 'Tablet Five'), { ...mobileDevice('6', 'Tablet Six'), udid: 'udid-6', serialNumber: 'MD0006' }],
    policies: [
      { id: '1', name: 'Install Tools', enabled: true, categoryId: '4', frequency: 'Ongoing', trigger: 'CHECKIN', triggerCheckin: true, siteId: '-1' },
      { id: '2', name: 'Self Service Browser', enabled: false, categoryId: '-1', trigger: 'USER_INITIATED' },
    ],
  });
}

function computer(id: string, name: string, serial: string): Obj {
  return {
    id,
    udid: `udid-computer-${id}`,
    general: {
      name,
      lastIpAddress: '10.1.1.1',
      platform: 'Mac',
      remoteManagement: { managed: true, managementUsername: 'mgmt' },
      mdmCapable: { capable: true, capableUsers: ['someone'] },
      reportDate: '2026-01-02T03:04:05.000Z',
      site: { id: '1', name: 'Main' },
    },
    hardware: { model: 'MacBook Air', modelIdentifier: 'Mac15,12', serialNumber: serial, macAddress: '00:11:22:33:44:55' },
    operatingSystem: { name: 'macOS', version: '15.5', build: '24F74' },
    userAndLocation: { username: 'someone', realname: 'Some One', departmentId: '2', buildingId: '1', room: '12' },
  };
}

function mobileDevice(id: string, name: string): Obj {
  return {
    id,
    name,
    serialNumber: `MD000${id}`,
    wifiMacAddress: '10:20:30:40:50:60',
    udid: `udid-${id}`,
    phoneNumber: '',
    model: 'iPad Pro',
    modelIdentifier: 'iPad14,3',
    username: 'someone',
    type: 'ios',
    managed: true,
    supervised: true,
    lastInventoryUpdateTimestamp: '2026-02-03T14:05:06.789Z',
    location: { username: 'someone', emailAddress: 'someone@example.test', departmentId: '1', buildingId: '2' },
    ios: {
      capacityMb: 1000,
      availableMb: 400,
      applications: [
        { identifier: 'com.example.notes', name: 'Notes Plus', version: '2.0' },
        { identifier: 'com.example.paint', name: 'Paint', version: '1.1' },
      ],
      certificates: [{ commonName: 'Device Identity', identity: true }, { commonName: 'Example CA', identity: false }],
      configurationProfiles: [{ displayName: 'Wi-Fi', version: '1', uuid: 'uuid-wifi', identifier: 'com.example.wifi' }],
      provisioningProfiles: [{ displayName: 'In-house apps', uuid: 'uuid-prov', expirationDate: '2027-01-01T00:00:00Z' }],
    },
    extensionAttributes: [{ definitionId: '1', name: 'Asset Owner', type: 'STRING', value: ['IT'] }],
  };
}

/** The default seed in a real store, and a caller holding every privilege the simulator knows. */
export function seededDeps(): { deps: ClassicDeps; store: MemoryStore } {
  const seed = buildSeed();
  const objects = storeObjects(seed.objects, seed.users);
  const store = new MemoryStore(objects, new IdSequence(objects));
  const everything = new Set(ALL_PRIVILEGES);
  const authenticate = (req: SimRequest): AuthResult =>
    req.headers.authorization === undefined ? { ok: false, response: PLAIN_401 } : { ok: true, privileges: everything, subject: 'admin' };
  return { deps: { authenticate, store, version: '11.30.1' }, store };
}
