/**
 * The list-like forms of computers and mobile devices: `/computers/subset/basic` and the
 * `match` searches (`*` is a wildcard; Jamf matches name, serial number, MAC address,
 * UDID, asset tag, username, real name, email and room).
 */
import { escapeRegExp } from '../../regexp.ts';
import { List, type Fields } from './document.ts';
import { bool, dates, nameOf, pick, text, type Data, type ReadContext } from './read.ts';
import { idOf } from './resource.ts';
import { document } from './respond.ts';
import type { Call, Endpoint } from './routes.ts';

/** `a*c` → /^a.*c$/i; without a `*` the value must match whole. */
export function wildcard(pattern: string): RegExp {
  const source = pattern.split('*').map(escapeRegExp).join('.*');
  return new RegExp(`^${source}$`, 'i');
}

function sortedKind(ctx: ReadContext, kind: string, name: (record: Data) => string): Data[] {
  return [...ctx.store.list(kind)].sort((a, b) => name(a).localeCompare(name(b)));
}

const computerName = (record: Data): string => text(record, 'general.name', 'name');

export function computersBasic(records: Data[], ctx: ReadContext): List {
  return new List(
    'computer',
    records.map((record) => {
      const report = dates(pick(record, 'general.reportDate', 'reportDate'));
      return {
        id: idOf(record),
        name: computerName(record),
        managed: bool(record, 'general.remoteManagement.managed', 'managed'),
        username: text(record, 'userAndLocation.username', 'username'),
        model: text(record, 'hardware.model', 'model'),
        department: nameOf(ctx, 'departments', pick(record, 'userAndLocation.departmentId', 'departmentId')),
        building: nameOf(ctx, 'buildings', pick(record, 'userAndLocation.buildingId', 'buildingId')),
        mac_address: text(record, 'hardware.macAddress', 'macAddress'),
        udid: text(record, 'udid', 'general.udid'),
        serial_number: text(record, 'hardware.serialNumber', 'serialNumber'),
        report_date_utc: report.utc,
        report_date_epoch: report.epoch,
      };
    }),
  );
}

function computerMatch(record: Data, ctx: ReadContext): Fields {
  const loc = (key: string): string => text(record, `userAndLocation.${key}`);
  const building = nameOf(ctx, 'buildings', pick(record, 'userAndLocation.buildingId'));
  const department = nameOf(ctx, 'departments', pick(record, 'userAndLocation.departmentId'));
  return {
    id: idOf(record),
    name: computerName(record),
    udid: text(record, 'udid'),
    serial_number: text(record, 'hardware.serialNumber'),
    mac_address: text(record, 'hardware.macAddress'),
    alt_mac_address: text(record, 'hardware.altMacAddress'),
    asset_tag: text(record, 'general.assetTag'),
    bar_code_1: text(record, 'general.barcode1'),
    bar_code_2: text(record, 'general.barcode2'),
    username: loc('username'),
    realname: loc('realname'),
    email: loc('email'),
    email_address: loc('email'),
    room: loc('room'),
    position: loc('position'),
    building,
    building_name: building,
    department,
    department_name: department,
  };
}

const MATCH_FIELDS = ['name', 'udid', 'serial_number', 'mac_address', 'alt_mac_address', 'asset_tag', 'username', 'realname', 'email', 'room'];

function matching(entries: Fields[], pattern: string, fields: readonly string[]): Fields[] {
  const regex = wildcard(pattern);
  return entries.filter((entry) => fields.some((field) => regex.test(String(entry[field] ?? ''))));
}

export function computerSearches(): Endpoint[] {
  const read = { privilege: 'Read Computers' } as const;
  const all = (call: Call): Fields[] => sortedKind(call.ctx, 'computers', computerName).map((record) => computerMatch(record, call.ctx));
  return [
    {
      ...read, method: 'GET', path: '/computers/subset/basic', summary: 'Finds all computers with basic information',
      handle: (call) => document(call.req, 'computers', computersBasic(sortedKind(call.ctx, 'computers', computerName), call.ctx)),
    },
    {
      ...read, method: 'GET', path: '/computers/match/{match}', summary: 'Finds computers matching a value (* is a wildcard)',
      handle: (call) => document(call.req, 'computers', new List('computer', matching(all(call), call.params['match'] ?? '', MATCH_FIELDS))),
    },
    {
      ...read, method: 'GET', path: '/computers/match/name/{matchname}', summary: 'Finds computers whose name matches (* is a wildcard)',
      handle: (call) => document(call.req, 'computers', new List('computer', matching(all(call), call.params['matchname'] ?? '', ['name']))),
    },
  ];
}

const deviceName = (record: Data): string => text(record, 'name', 'general.name');

function deviceMatch(record: Data, ctx: ReadContext): Fields {
  const loc = (key: string): string => text(record, `location.${key}`);
  const building = nameOf(ctx, 'buildings', pick(record, 'location.buildingId'));
  const department = nameOf(ctx, 'departments', pick(record, 'location.departmentId'));
  const mac = text(record, 'wifiMacAddress');
  return {
    id: idOf(record),
    name: deviceName(record),
    udid: text(record, 'udid'),
    serial_number: text(record, 'serialNumber'),
    mac_address: mac,
    wifi_mac_address: mac,
    username: loc('username') || text(record, 'username'),
    realname: loc('realName'),
    email: loc('emailAddress'),
    email_address: loc('emailAddress'),
    room: loc('room'),
    position: loc('position'),
    building,
    building_name: building,
    department,
    department_name: department,
  };
}

export function mobileDeviceSearches(): Endpoint[] {
  return [
    {
      method: 'GET', path: '/mobiledevices/match/{match}', privilege: 'Read Mobile Devices', summary: 'Finds mobile devices matching a value (* is a wildcard)',
      handle: (call) => {
        const all = sortedKind(call.ctx, 'mobile-devices', deviceName).map((record) => deviceMatch(record, call.ctx));
        return document(call.req, 'mobile_devices', new List('mobile_device', matching(all, call.params['match'] ?? '', MATCH_FIELDS)));
      },
    },
  ];
}
