/**
 * Computer, mobile device and user groups. A smart group's members are worked out from its
 * criteria at read time (the same evaluator the seed used for the inventory's group
 * memberships); a static group lists its members and takes `<…_additions>` and
 * `<…_deletions>` on PUT, as Jamf's own examples do.
 */
import { groupMembers } from '../../seed-groups.ts';
import type { ResourceDef } from '../generic.ts';
import type { Data, ReadContext } from '../read.ts';
import { ListOf, Ref, type Template, fromBody } from '../template.ts';
import { criteria, site } from './common.ts';


const lookupIn = (ctx: ReadContext) => (kind: string, id: unknown): Data | undefined => ctx.store.get(kind, String(id));

/** The members of a group document, as links; `listKey` is both its element and its member kind's list. */
function withMembers(kind: string, listKey: string) {
  return (data: Data, _record: Data, ctx: ReadContext): Data => ({
    ...data,
    [listKey]: groupMembers(data, kind, listKey, ctx.store.list(kind), lookupIn(ctx)).map((member) => ({ id: member['id'] })),
  });
}

/** `<computer_additions>`/`<computer_deletions>` change a static group's list. */
function additions(listKey: string, item: string, member: Template) {
  const list = new ListOf(item, member);
  return (merged: Data, body: Data, ctx: ReadContext): Data => {
    const read = (key: string): Data[] => (fromBody(list, body[key], ctx) as Data[] | undefined) ?? [];
    const added = read(`${item}_additions`);
    const removed = new Set(read(`${item}_deletions`).map((entry) => String(entry['id'])));
    if (added.length === 0 && removed.size === 0) return merged;
    const current = (Array.isArray(merged[listKey]) ? merged[listKey] : []) as Data[];
    const kept = [...current, ...added].filter((entry) => !removed.has(String(entry['id'])));
    const unique = kept.filter((entry, at) => kept.findIndex((other) => String(other['id']) === String(entry['id'])) === at);
    return { ...merged, [listKey]: unique };
  };
}

const computer = new Ref('computers', 'None', { mac_address: 'hardware.macAddress', alt_mac_address: 'hardware.altMacAddress', serial_number: 'hardware.serialNumber' });
const mobileDevice = new Ref('mobile-devices', 'None', { mac_address: 'wifiMacAddress', udid: 'udid', wifi_mac_address: 'wifiMacAddress', serial_number: 'serialNumber' });
const user = new Ref('users', 'None', { username: 'name', full_name: 'full_name', phone_number: 'phone_number', email_address: 'email' });

export const groups: ResourceDef[] = [
  {
    path: 'computergroups', item: 'computer_group', list: 'computer_groups', kind: 'computer-groups', noun: 'Smart Computer Groups',
    listItem: ['id', 'name', 'is_smart'],
    template: { id: 0, name: '', is_smart: false, site, criteria, computers: new ListOf('computer', computer) },
    derive: withMembers('computers', 'computers'),
    onWrite: additions('computers', 'computer', computer),
  },
  {
    path: 'mobiledevicegroups', item: 'mobile_device_group', list: 'mobile_device_groups', kind: 'mobile-device-groups', noun: 'Smart Mobile Device Groups',
    listItem: ['id', 'name', 'is_smart'],
    template: { id: 0, name: '', is_smart: false, criteria, site, mobile_devices: new ListOf('mobile_device', mobileDevice) },
    derive: withMembers('mobile-devices', 'mobile_devices'),
    onWrite: additions('mobile_devices', 'mobile_device', mobileDevice),
  },
  {
    path: 'usergroups', item: 'user_group', list: 'user_groups', kind: 'user-groups', noun: 'Smart User Groups',
    listItem: ['id', 'name', 'is_smart', 'is_notify_on_change'],
    template: { id: 0, name: '', is_smart: false, is_notify_on_change: false, site, criteria, users: new ListOf('user', user) },
    derive: withMembers('users', 'users'),
    onWrite: additions('users', 'user', user),
  },
];
