/**
 * MDM commands: `/computercommands` and `/mobiledevicecommands` (read by id, command name
 * or UUID; sent with POST, which records the command for the devices named) and
 * `/commandflush`, which removes pending or failed ones. Sent commands show up in the
 * devices' history (`derived.ts`).
 */
import type { SimResponse } from '../http.ts';
import { List, type Fields, toXml } from './document.ts';
import { array, dates, text, type Data, type ReadContext } from './read.ts';
import { document, xmlBody, XML_TYPE } from './respond.ts';
import type { Call, Endpoint } from './routes.ts';
import { statusPage } from './status-page.ts';

interface Flavour {
  path: string;
  kind: string;
  listRoot: string;
  item: string;
  /** Element and store kind of the targets. */
  targets: string;
  target: string;
  targetKind: string;
  noun: string;
}

const COMPUTERS: Flavour = {
  path: 'computercommands', kind: 'computer-commands', listRoot: 'computer_commands', item: 'computer_command',
  targets: 'computers', target: 'computer', targetKind: 'computers', noun: 'Computer Commands',
};
const MOBILE: Flavour = {
  path: 'mobiledevicecommands', kind: 'mobile-device-commands', listRoot: 'mobile_device_commands', item: 'mobile_device_command',
  targets: 'mobile_devices', target: 'mobile_device', targetKind: 'mobile-devices', noun: 'Mobile Device Commands',
};

const byId = (records: Data[]): Data[] => [...records].sort((a, b) => Number(a['id']) - Number(b['id']));

/** Deterministic, so a reset simulator answers the same UUIDs. */
export function commandUuid(id: string | number): string {
  return `c0ffee00-0000-4000-8000-${String(id).padStart(12, '0')}`;
}

function target(flavour: Flavour, ctx: ReadContext, ref: Data): Fields | undefined {
  const device = ctx.store.get(flavour.targetKind, String(ref['id']));
  if (device === undefined) return undefined;
  if (flavour === COMPUTERS) return { id: Number(device['id']), udid: text(device, 'udid'), serial_number: text(device, 'hardware.serialNumber') };
  return {
    id: Number(device['id']), udid: text(device, 'udid'), serial_number: text(device, 'serialNumber'),
    phone_number: text(device, 'phoneNumber'), wifi_mac_address: text(device, 'wifiMacAddress'),
  };
}

function targets(flavour: Flavour, ctx: ReadContext, command: Data): List {
  return new List(flavour.target, array(command, flavour.targets).map((ref) => target(flavour, ctx, ref)).filter((item): item is Fields => item !== undefined));
}

function general(command: Data): Fields {
  const sent = dates(command['date_sent']);
  return {
    id: Number(command['id']), command: text(command, 'command'), udid: text(command, 'uuid'), uuid: text(command, 'uuid'),
    profile_id: Number(command['profile_id'] ?? -1), date_sent: sent.plain, date_sent_epoch: sent.epoch, date_sent_utc: sent.utc,
    apns_result_status: text(command, 'status') === 'Completed' ? 'Acknowledged' : text(command, 'status'), profile_udid: '',
  };
}

function listEntry(flavour: Flavour, ctx: ReadContext, command: Data): Fields {
  const { date_sent: _a, date_sent_epoch: _b, date_sent_utc: _c, apns_result_status: _d, profile_udid: _e, ...head } = general(command);
  return { ...head, [flavour.targets]: targets(flavour, ctx, command) };
}

function detail(flavour: Flavour, ctx: ReadContext, command: Data): Fields {
  return { general: general(command), [flavour.targets]: targets(flavour, ctx, command) };
}

function reads(flavour: Flavour): Endpoint[] {
  const privilege = `Read ${flavour.noun}`;
  const all = (call: Call): Data[] => byId(call.ctx.store.list(flavour.kind));
  const list = (call: Call, records: Data[]): SimResponse =>
    document(call.req, flavour.listRoot, new List(flavour.item, records.map((command) => listEntry(flavour, call.ctx, command))));
  const one = (call: Call, found: Data | undefined): SimResponse =>
    found === undefined ? statusPage(404) : document(call.req, flavour.item, detail(flavour, call.ctx, found));
  const named = (call: Call, key: string): Data[] => all(call).filter((command) => text(command, 'command').toLowerCase() === (call.params[key] ?? '').toLowerCase());
  const out: Endpoint[] = [
    { method: 'GET', path: `/${flavour.path}`, privilege, summary: `Finds all ${flavour.listRoot.replace(/_/g, ' ')}`, handle: (call) => list(call, all(call)) },
    { method: 'GET', path: `/${flavour.path}/id/{id}`, privilege, summary: 'Finds a command by id (deprecated: use the UUID form)', handle: (call) => one(call, call.ctx.store.get(flavour.kind, String(Number(call.params['id'] ?? '')))) },
    { method: 'GET', path: `/${flavour.path}/name/{name}`, privilege, summary: 'Finds all commands of a name', handle: (call) => list(call, named(call, 'name')) },
    { method: 'GET', path: `/${flavour.path}/uuid/{uuid}`, privilege, summary: 'Finds a command by UUID', handle: (call) => one(call, all(call).find((command) => text(command, 'uuid') === call.params['uuid'])) },
  ];
  if (flavour === MOBILE) {
    out.push({ method: 'GET', path: '/mobiledevicecommands/command/{command}', privilege, summary: 'Finds all commands of a name', handle: (call) => list(call, named(call, 'command')) });
  }
  return out;
}

/** Records one command for the devices named; answers as Jamf does for each flavour. */
function send(flavour: Flavour, call: Call, command: string, ids: string[], extra: Data = {}): SimResponse {
  const known = ids.filter((id) => call.ctx.store.get(flavour.targetKind, id) !== undefined);
  if (command === '' || known.length === 0) return statusPage(409, command === '' ? 'Problem with command' : `Unable to match ${flavour.targets.replace(/_/g, ' ')}`);
  const saved = call.ctx.store.create(flavour.kind, {
    command, status: 'Pending', profile_id: -1, date_sent: new Date().toISOString(), [flavour.targets]: known.map((id) => ({ id })), ...extra,
  });
  const uuid = commandUuid(String(saved['id']));
  call.ctx.store.update(flavour.kind, String(saved['id']), { uuid });
  const body: Fields = flavour === COMPUTERS
    ? { command: { name: command, command_uuid: uuid, computer_id: Number(known[0]) } }
    : { id: Number(saved['id']), uuid, command, mobile_devices: new List('mobile_device', known.map((id) => ({ id: Number(id), status: 'Command sent' })), false) };
  return { status: 201, headers: { 'content-type': XML_TYPE }, body: toXml(flavour.item, body) };
}

const idList = (value: string | undefined): string[] => (value ?? '').split(',').map((id) => id.trim()).filter((id) => /^\d+$/.test(id)).map((id) => String(Number(id)));

/** `<computers><computer><id>1</id></computer>…` or `<mobile_devices><mobile_device><id>…` in a body. */
function bodyTargets(flavour: Flavour, body: Data): string[] {
  const holder = (body[flavour.targets] ?? (body['general'] as Data | undefined)?.[flavour.targets]) as Data | undefined;
  const value = holder?.[flavour.target];
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.map((item) => text(item, 'id')).filter((id) => /^\d+$/.test(id)).map((id) => String(Number(id)));
}

function sends(flavour: Flavour): Endpoint[] {
  const privilege = `Create ${flavour.noun}`;
  const fromBody = (call: Call, command: string | undefined): SimResponse => {
    const body = xmlBody(call.req);
    if ('status' in body) return body;
    const named = command ?? (text(body.value, 'general.command') || text(body.value, 'command'));
    return send(flavour, call, named, bodyTargets(flavour, body.value));
  };
  const base = `/${flavour.path}/command`;
  if (flavour === COMPUTERS) {
    return [
      { method: 'POST', path: `${base}/{command}`, privilege, summary: 'Sends a command to the computers listed in the body', handle: (call) => fromBody(call, call.params['command']) },
      { method: 'POST', path: `${base}/{command}/id/{id}`, privilege, summary: 'Sends a command to computers by id (comma-separated)', handle: (call) => send(flavour, call, call.params['command'] ?? '', idList(call.params['id'])) },
      { method: 'POST', path: `${base}/{command}/passcode/{passcode}/id/{id}`, privilege, summary: 'Sends a command with a passcode to computers by id', handle: (call) => send(flavour, call, call.params['command'] ?? '', idList(call.params['id'])) },
      { method: 'POST', path: `${base}/{command}/action/{action}/id/{id}`, privilege, summary: 'Sends a command with an action to computers by id', handle: (call) => send(flavour, call, call.params['command'] ?? '', idList(call.params['id'])) },
    ];
  }
  const byIds = (call: Call, command: string): SimResponse => send(flavour, call, command, idList(call.params['id_list']));
  return [
    { method: 'POST', path: base, privilege, summary: 'Sends the command the body names to the devices it lists', handle: (call) => fromBody(call, undefined) },
    { method: 'POST', path: `${base}/{command}/id/{id_list}`, privilege, summary: 'Sends a command to mobile devices by id (comma-separated)', handle: (call) => byIds(call, call.params['command'] ?? '') },
    { method: 'POST', path: `${base}/DeviceLock/{lock_message}/id/{id_list}`, privilege, summary: 'Locks mobile devices with a message', handle: (call) => byIds(call, 'DeviceLock') },
    { method: 'POST', path: `${base}/DeviceName/{device_name}/id/{id_list}`, privilege, summary: 'Renames mobile devices', handle: (call) => byIds(call, 'DeviceName') },
    { method: 'POST', path: `${base}/ScheduleOSUpdate/{install_action}/id/{id_list}`, privilege, summary: 'Schedules an OS update', handle: (call) => byIds(call, 'ScheduleOSUpdate') },
    { method: 'POST', path: `${base}/ScheduleOSUpdate/{install_action}/{product_version}/id/{id_list}`, privilege, summary: 'Schedules an OS update to a version', handle: (call) => byIds(call, 'ScheduleOSUpdate') },
  ];
}

/** `/commandflush`: removes pending and/or failed commands of the devices or groups named. */
function flush(): Endpoint[] {
  const privilege = 'Delete Computer Commands';
  const remove = (call: Call, statuses: string[], matches: (command: Data, flavour: Flavour) => boolean): SimResponse => {
    let removed = 0;
    for (const flavour of [COMPUTERS, MOBILE]) {
      for (const command of call.ctx.store.list(flavour.kind)) {
        if (statuses.includes(text(command, 'status')) && matches(command, flavour)) {
          call.ctx.store.remove(flavour.kind, String(command['id']));
          removed += 1;
        }
      }
    }
    return { status: 200, headers: { 'content-type': XML_TYPE }, body: toXml('commandflush', { status: statuses.join('+'), commands_removed: removed }) };
  };
  const statusesOf = (value: string): string[] => value.split(/[+ ]/).filter((status) => status === 'Pending' || status === 'Failed');
  return [
    {
      method: 'DELETE', path: '/commandflush', privilege, summary: 'Flushes the commands an XML body names (status and devices)',
      handle: (call) => {
        const body = xmlBody(call.req);
        if ('status' in body) return body;
        const statuses = statusesOf(text(body.value, 'status'));
        const wanted = new Map([COMPUTERS, MOBILE].map((flavour) => [flavour, new Set(bodyTargets(flavour, body.value))]));
        return remove(call, statuses, (command, flavour) => array(command, flavour.targets).some((ref) => wanted.get(flavour)?.has(String(ref['id']))));
      },
    },
    {
      method: 'DELETE', path: '/commandflush/{idtype}/id/{id}/status/{status}', privilege, summary: 'Flushes pending or failed commands of computers or mobile devices (idtype: computers, computergroups, mobiledevices, mobiledevicegroups)',
      handle: (call) => {
        const type = (call.params['idtype'] ?? '').toLowerCase();
        const flavour = type.startsWith('mobiledevice') ? MOBILE : type.startsWith('computer') ? COMPUTERS : undefined;
        if (flavour === undefined) return statusPage(404);
        const ids = new Set(idList(call.params['id']));
        return remove(call, statusesOf(call.params['status'] ?? ''), (command, each) => each === flavour && array(command, flavour.targets).some((ref) => ids.has(String(ref['id']))));
      },
    },
  ];
}

export const commandEndpoints: readonly Endpoint[] = [...reads(COMPUTERS), ...sends(COMPUTERS), ...reads(MOBILE), ...sends(MOBILE), ...flush()];
