/**
 * Read-only views of one computer or mobile device, worked out from what the store holds:
 * `/computerhistory`, `/mobiledevicehistory` and `/computermanagement` (what is scoped to
 * the computer: policies, profiles, apps, groups). They have no list and no writes.
 */
import { List, type Fields } from './document.ts';
import { array, dates, nameOf, pick, text, type Data, type ReadContext } from './read.ts';
import { type ClassicResource, type LookupForm, idOf } from './resource.ts';
import { document } from './respond.ts';
import { type Call, type Endpoint, privilegeName } from './routes.ts';
import { statusPage } from './status-page.ts';
import { findRecord } from './endpoints.ts';
import { groupsOf } from './group-membership.ts';
import { subsetKey, selectSubsets } from './subsets.ts';

const GET_ONLY = ['GET'] as const;
const byId = (records: Data[]): Data[] => [...records].sort((a, b) => Number(a['id']) - Number(b['id']));

const stamps = new Map<string, string>();

/** `2026/06/01 at 9:00 AM`, with Jamf's `_epoch` and `_utc` companions under `key`. */
function when(key: string, value: unknown): Fields {
  const d = dates(value);
  if (d.epoch === 0) return { [key]: '', [`${key}_epoch`]: 0, [`${key}_utc`]: '' };
  return { [key]: stamp(d.plain), [`${key}_epoch`]: d.epoch, [`${key}_utc`]: d.utc };
}

function stamp(plain: string): string {
  let out = stamps.get(plain);
  if (out === undefined) {
    const [date = '', time = ''] = plain.split(' ');
    const [h = 0, m = 0] = time.split(':').map(Number);
    out = `${date.replace(/-/g, '/')} at ${h % 12 || 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
    if (stamps.size > 10_000) stamps.clear();
    stamps.set(plain, out);
  }
  return out;
}

function forms(kind: 'computers' | 'mobile-devices'): LookupForm[] {
  const mac = kind === 'computers' ? 'hardware.macAddress' : 'wifiMacAddress';
  const serial = kind === 'computers' ? 'hardware.serialNumber' : 'serialNumber';
  const name = kind === 'computers' ? 'general.name' : 'name';
  return [
    { segment: 'id', param: 'id', methods: GET_ONLY, subsets: true },
    { segment: 'name', param: 'name', methods: GET_ONLY, subsets: true, of: (r) => text(r, name) },
    { segment: 'udid', param: 'udid', methods: GET_ONLY, subsets: true, of: (r) => text(r, 'udid') },
    { segment: 'serialnumber', param: 'serialnumber', methods: GET_ONLY, subsets: true, of: (r) => text(r, serial) },
    { segment: 'macaddress', param: 'macaddress', methods: GET_ONLY, subsets: true, of: (r) => text(r, mac) },
  ];
}

function view(path: string, item: string, kind: 'computers' | 'mobile-devices', noun: string, sections: string[], detail: ClassicResource['detail']): ClassicResource {
  const name = kind === 'computers' ? 'general.name' : 'name';
  return {
    path, listRoot: path, itemRoot: item, kind, privilegeNoun: noun, forms: forms(kind),
    subsets: Object.fromEntries(sections.map((section) => [subsetKey(section), section])),
    nameOf: (record) => text(record, name),
    detail,
    fromXml: () => ({}),
    unique: [],
  };
}

function generalOf(record: Data, kind: 'computers' | 'mobile-devices'): Fields {
  const computer = kind === 'computers';
  return {
    id: idOf(record),
    name: text(record, computer ? 'general.name' : 'name'),
    udid: text(record, 'udid'),
    serial_number: text(record, computer ? 'hardware.serialNumber' : 'serialNumber'),
    mac_address: text(record, computer ? 'hardware.macAddress' : 'wifiMacAddress'),
  };
}

function location(record: Data, ctx: ReadContext, base: string, at: unknown): Fields {
  return {
    ...when('date_time', at),
    username: text(record, `${base}.username`, 'username'),
    full_name: text(record, `${base}.realname`, `${base}.realName`),
    email_address: text(record, `${base}.email`, `${base}.emailAddress`),
    phone_number: text(record, `${base}.phone`),
    department: nameOf(ctx, 'departments', pick(record, `${base}.departmentId`)),
    building: nameOf(ctx, 'buildings', pick(record, `${base}.buildingId`)),
    room: text(record, `${base}.room`),
    position: text(record, `${base}.position`),
  };
}

/** The commands sent to this device, split as Jamf splits them. */
function commandsFor(ctx: ReadContext, kind: string, listKey: string, id: unknown): Data[] {
  return byId(ctx.store.list(kind)).filter((command) => array(command, listKey).some((target) => String(target['id']) === String(id)));
}

function computerHistory(record: Data, ctx: ReadContext): Fields {
  const reported = pick(record, 'general.reportDate');
  const commands = commandsFor(ctx, 'computer-commands', 'computers', record['id']);
  const status = (wanted: string): Data[] => commands.filter((command) => text(command, 'status') === wanted);
  const policies = byId(ctx.store.list('policies')).filter((policy) => policy['enabled'] !== false).slice(0, 3);
  return {
    general: generalOf(record, 'computers'),
    computer_usage_logs: new List('usage_log', [{ event: 'login', username: text(record, 'userAndLocation.username'), ...when('date_time', pick(record, 'general.lastLoggedInUsernameBinaryTimestamp')) }]),
    audits: new List('audit', []),
    policy_logs: new List('policy_log', policies.map((policy) => ({
      policy_id: Number(policy['id']), policy_name: text(policy, 'name'), username: text(record, 'userAndLocation.username'),
      ...when('date_completed', reported), status: 'Completed',
    }))),
    casper_remote_logs: new List('casper_remote_log', []),
    screen_sharing_logs: new List('screen_sharing_log', []),
    casper_imaging_logs: new List('casper_imaging_log', []),
    commands: {
      completed: new List('command', status('Completed').map((c) => ({ name: text(c, 'command'), ...when('completed', c['date_sent']), username: 'jamfadmin' }))),
      pending: new List('command', status('Pending').map((c) => ({ name: text(c, 'command'), status: 'Pending', ...when('issued', c['date_sent']), ...when('last_push', c['date_sent']), username: 'jamfadmin' }))),
      failed: new List('command', status('Failed').map((c) => ({ name: text(c, 'command'), status: 'Failed', ...when('issued', c['date_sent']), ...when('failed', c['date_sent']) }))),
    },
    user_location: new List('location', [location(record, ctx, 'userAndLocation', reported)]),
    mac_app_store_applications: {
      installed: new List('app', inScope(ctx, 'mac-applications', record).map((app) => ({ name: text(app, 'general.name'), version: text(app, 'general.version'), size_mb: '12' }))),
      pending: new List('app', []),
      failed: new List('app', []),
    },
  };
}

function mobileDeviceHistory(record: Data, ctx: ReadContext): Fields {
  const commands = commandsFor(ctx, 'mobile-device-commands', 'mobile_devices', record['id']);
  const status = (wanted: string): Data[] => commands.filter((command) => text(command, 'status') === wanted);
  const stamp = (value: unknown): string => String(when('at', value)['at']);
  return {
    general: generalOf(record, 'mobile-devices'),
    management_commands: {
      completed: new List('command', status('Completed').map((c) => ({ name: text(c, 'command'), date_time_completed: stamp(c['date_sent']) }))),
      pending: new List('command', status('Pending').map((c) => ({ name: text(c, 'command'), status: 'Pending', date_time_issued: stamp(c['date_sent']), date_time_failed: '' }))),
      failed: new List('command', status('Failed').map((c) => ({ name: text(c, 'command'), error: 'The device rejected the command', date_time_issued: stamp(c['date_sent']), date_time_failed: stamp(c['date_sent']) }))),
    },
    user_location: new List('location', [{ ...location(record, ctx, 'location', record['lastInventoryUpdateTimestamp']), username: text(record, 'location.username', 'username') }]),
    audits: new List('audit', []),
    applications: { installed: new List('app', []), pending: new List('app', []), failed: new List('app', []) },
    ebooks: { installed: { inhouse: new List('ebook', []), ibookstore: new List('ebook', []) }, pending: new List('ebook', []), failed: new List('ebook', []) },
  };
}

/** Objects (Classic-shaped, with a `scope`) that apply to the computer: all computers, it by id, or a group it is in. */
function inScope(ctx: ReadContext, kind: string, computer: Data): Data[] {
  const groups = computerGroups(ctx, computer).map((group) => String(group['id']));
  return byId(ctx.store.list(kind)).filter((item) => {
    const scope = (item['scope'] ?? {}) as Data;
    if (scope['all_computers'] === true) return true;
    if (array(scope, 'computers').some((entry) => String(entry['id']) === String(computer['id']))) return true;
    return array(scope, 'computer_groups').some((entry) => groups.includes(String(entry['id'])));
  });
}

function computerGroups(ctx: ReadContext, computer: Data): Data[] {
  return groupsOf(ctx, 'computer-groups', 'computers', 'computers', computer);
}

function computerManagement(record: Data, ctx: ReadContext): Fields {
  const ref = (item: Data, path = 'name'): Fields => ({ id: idOf(item), name: text(item, path) });
  const groups = computerGroups(ctx, record);
  const smart = (group: Data): boolean => group['is_smart'] === true;
  const titles = byId(ctx.store.list('patch-software-titles'));
  return {
    general: generalOf(record, 'computers'),
    policies: new List('policy', byId(ctx.store.list('policies')).filter((p) => p['allComputers'] === true || p['enabled'] !== false).map((p) => ({ ...ref(p), triggers: text(p, 'trigger').toLowerCase() }))),
    ebooks: new List('ebook', inScope(ctx, 'ebooks', record).map((item) => ref(item, 'general.name'))),
    mac_app_store_apps: new List('mac_app_store_app', inScope(ctx, 'mac-applications', record).map((item) => ref(item, 'general.name'))),
    os_x_configuration_profiles: new List('profile', inScope(ctx, 'macos-configuration-profiles', record).map((item) => ref(item, 'general.name'))),
    managed_preference_profiles: new List('profile', inScope(ctx, 'managed-preference-profiles', record).map((item) => ref(item, 'general.name'))),
    restricted_software: new List('software', inScope(ctx, 'restricted-software', record).map((item) => ref(item, 'general.name'))),
    smart_groups: new List('group', groups.filter(smart).map((group) => ref(group))),
    static_groups: new List('group', groups.filter((group) => !smart(group)).map((group) => ref(group))),
    patch_reporting: {
      patch_reporting_software_titles: new List('title', titles.map((title) => {
        const versions = array(title, 'versions').map((version) => text(version, 'software_version'));
        return { name: text(title, 'name'), latest_version: versions[0] ?? '', installed_version: versions[Number(record['id']) % Math.max(versions.length, 1)] ?? '' };
      })),
      patch_policies: new List('patch_policy', inScope(ctx, 'patch-policies', record).map((item) => ref(item, 'general.name'))),
    },
  };
}

export const computerHistoryResource = view('computerhistory', 'computer_history', 'computers', 'Computers',
  ['general', 'computer_usage_logs', 'audits', 'policy_logs', 'casper_remote_logs', 'screen_sharing_logs', 'casper_imaging_logs', 'commands', 'user_location', 'mac_app_store_applications'],
  computerHistory);

export const mobileDeviceHistoryResource = view('mobiledevicehistory', 'mobile_device_history', 'mobile-devices', 'Mobile Devices',
  ['general', 'management_commands', 'user_location', 'audits', 'applications', 'ebooks'],
  mobileDeviceHistory);

const managementSections = ['general', 'policies', 'ebooks', 'mac_app_store_apps', 'os_x_configuration_profiles', 'managed_preference_profiles', 'restricted_software', 'smart_groups', 'static_groups', 'patch_reporting'];

const managementBase = view('computermanagement', 'computer_management', 'computers', 'Computers', managementSections, computerManagement);

/** `/username/{username}` narrows to what applies to that user too; `/patchfilter/{filter}` to patch reporting. */
function managementExtras(resource: ClassicResource): Endpoint[] {
  const out: Endpoint[] = [];
  for (const form of resource.forms) {
    const base = `/computermanagement/${form.segment}/{${form.param}}`;
    const answer = (call: Call, pickSections?: (detail: Fields) => Fields): ReturnType<Endpoint['handle']> => {
      const record = findRecord(call.ctx, resource, form, call.params[form.param] ?? '');
      if (record === undefined) return statusPage(404);
      const detail = resource.detail(record, call.ctx);
      return document(call.req, resource.itemRoot, pickSections === undefined ? detail : pickSections(detail));
    };
    const subset = (call: Call) => (detail: Fields): Fields => selectSubsets(resource, detail, (call.params['subset'] ?? '').split('&'));
    const get = (tail: string, summary: string, handle: Endpoint['handle']): void => {
      out.push({ method: 'GET', path: `${base}${tail}`, privilege: privilegeName('GET', resource.privilegeNoun), summary, handle });
    };
    get('/username/{username}', 'Finds management information for a computer and user', (call) => answer(call));
    get('/username/{username}/subset/{subset}', 'Finds a subset of management information for a computer and user', (call) => answer(call, subset(call)));
    get('/patchfilter/{filter}', 'Finds patch management information for a computer (filter: all, latest, notlatest, unknown)', (call) =>
      answer(call, (detail) => ({ general: detail['general'] as Fields, patch_reporting: detail['patch_reporting'] as Fields })));
  }
  return out;
}

export const computerManagementResource: ClassicResource = { ...managementBase, extra: managementExtras(managementBase) };
