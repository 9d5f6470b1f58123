/**
 * `/JSSResource/accounts`: Jamf Pro user accounts (store kind `accounts`) and account
 * groups (store kind `account-groups`, read only here). The list holds both.
 */
import { ALL_PRIVILEGES } from '../seed.ts';
import { List, type Fields } from './document.ts';
import { type ClassicResource, WriteProblem, defined, idAndName, idOf, requireName, xmlText } from './resource.ts';
import { pick, reference, strings, text, type Data, type ReadContext } from './read.ts';

export const GROUP_KIND = 'account-groups';

const accessLevels: Record<string, string> = {
  FullAccess: 'Full Access',
  SiteAccess: 'Site Access',
  GroupBasedAccess: 'Group Access',
};
const privilegeSets: Record<string, string> = {
  ADMINISTRATOR: 'Administrator',
  AUDITOR: 'Auditor',
  ENROLLMENT: 'Enrollment Only',
  CUSTOM: 'Custom',
};
const PRIVILEGE_GROUPS = ['jss_objects', 'jss_settings', 'jss_actions', 'recon', 'casper_admin', 'casper_remote', 'casper_imaging'];

const nameOf = (record: Data): string => text(record, 'username', 'name');

/** `*` (the Administrator set) lists every privilege, as Jamf shows an administrator's. */
function privilegeList(record: Data): string[] {
  const value = pick(record, 'privileges');
  if (!Array.isArray(value)) return [];
  if (value.includes('*')) return [...ALL_PRIVILEGES];
  return value.filter((item): item is string => typeof item === 'string');
}

/** Jamf files privileges by kind; create/read/update/delete of an object type go under jss_objects. */
function privileges(record: Data): Fields {
  const objects: string[] = [];
  const actions: string[] = [];
  for (const privilege of privilegeList(record)) {
    (/^(Create|Read|Update|Delete) /.test(privilege) ? objects : actions).push(privilege);
  }
  const groups: Record<string, List> = {};
  for (const group of PRIVILEGE_GROUPS) {
    const items = group === 'jss_objects' ? objects : group === 'jss_actions' ? actions : [];
    groups[group] = new List('privilege', items, false);
  }
  return groups;
}

/** Seed users carry a privilege list only: `*` is Jamf's Administrator set, anything else Custom. */
function privilegeSetOf(record: Data): string {
  const value = pick(record, 'privileges');
  return !Array.isArray(value) || value.includes('*') ? 'Administrator' : 'Custom';
}

function accessLevelOf(record: Data): string {
  const level = text(record, 'accessLevel');
  return accessLevels[level] ?? (level || 'Full Access');
}

function privilegeSetLabel(record: Data): string {
  const level = text(record, 'privilegeLevel');
  return privilegeSets[level] ?? (level || privilegeSetOf(record));
}

function detail(record: Data, ctx: ReadContext): Fields {
  const site = pick(record, 'siteId', 'site.id');
  return {
    id: idOf(record),
    name: nameOf(record),
    directory_user: text(record, 'accountType') === 'LDAP',
    full_name: text(record, 'realname', 'realName', 'fullName'),
    email: text(record, 'email'),
    email_address: text(record, 'email'),
    enabled: record['enabled'] === false || text(record, 'accountStatus') === 'Disabled' ? 'Disabled' : 'Enabled',
    force_password_change: record['changePasswordOnNextLogin'] === true,
    access_level: accessLevelOf(record),
    privilege_set: privilegeSetLabel(record),
    ...(site === undefined ? {} : { site: reference(ctx, 'sites', site) }),
    privileges: privileges(record),
  };
}

function fromXml(body: Data, existing: Data | undefined): Data | WriteProblem {
  const name = requireName(xmlText(body, 'name'), existing);
  if (name instanceof WriteProblem) return name;
  const access = xmlText(body, 'access_level');
  const enabled = xmlText(body, 'enabled');
  const set = xmlText(body, 'privilege_set');
  const privileges = PRIVILEGE_GROUPS.flatMap((group) => privilegeTexts(body, group));
  const hasPrivileges = typeof body['privileges'] === 'object' && body['privileges'] !== null;
  return defined({
    username: name,
    realName: xmlText(body, 'full_name'),
    email: xmlText(body, 'email_address') ?? xmlText(body, 'email'),
    enabled: enabled === undefined ? undefined : enabled !== 'Disabled',
    changePasswordOnNextLogin: xmlText(body, 'force_password_change')?.toLowerCase() === 'true' || undefined,
    accessLevel: access === undefined ? undefined : (keyFor(accessLevels, access) ?? access),
    privilegeLevel: set === undefined ? undefined : (keyFor(privilegeSets, set) ?? set),
    password: xmlText(body, 'password'),
    privileges: hasPrivileges ? privileges : undefined,
  });
}

function privilegeTexts(body: Data, group: string): string[] {
  const value = pick(body, `privileges.${group}.privilege`);
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.filter((item): item is string => typeof item === 'string' && item !== '');
}

function keyFor(table: Record<string, string>, label: string): string | undefined {
  return Object.entries(table).find(([, value]) => value === label)?.[0];
}

export const accounts: ClassicResource = {
  path: 'accounts',
  listRoot: 'accounts',
  itemRoot: 'account',
  kind: 'accounts',
  privilegeNoun: 'Accounts',
  forms: idAndName(nameOf, { idSegment: 'userid', nameSegment: 'username' }),
  nameOf,
  list: (records, ctx) => ({
    users: new List('user', records.map((record) => ({ id: idOf(record), name: nameOf(record) })), false),
    groups: new List('group', sortedGroups(ctx).map((group) => ({ id: idOf(group), name: text(group, 'name') })), false),
  }),
  detail,
  fromXml,
  unique: [{ message: 'Duplicate name', of: nameOf }],
};

function sortedGroups(ctx: ReadContext): Data[] {
  return [...ctx.store.list(GROUP_KIND)].sort((a, b) => text(a, 'name').localeCompare(text(b, 'name')));
}

/** `/accounts/groupid/{id}` and `/accounts/groupname/{name}`. */
export function findGroup(ctx: ReadContext, by: 'id' | 'name', key: string): Data | undefined {
  if (by === 'id') return /^\d+$/.test(key) ? ctx.store.get(GROUP_KIND, String(Number(key))) : undefined;
  const groups = ctx.store.list(GROUP_KIND);
  return groups.find((group) => text(group, 'name') === key) ?? groups.find((group) => text(group, 'name').toLowerCase() === key.toLowerCase());
}

const groupName = (group: Data): string => text(group, 'name');

/** `/accounts/groupid/{id}` and `/accounts/groupname/{name}`: the groups listed with the accounts. */
export const accountGroups: ClassicResource = {
  path: 'accounts',
  listRoot: 'accounts',
  itemRoot: 'group',
  kind: GROUP_KIND,
  privilegeNoun: 'Accounts',
  forms: idAndName(groupName, { idSegment: 'groupid', nameSegment: 'groupname' }),
  nameOf: groupName,
  detail: groupDetail,
  fromXml: groupFromXml,
  unique: [{ message: 'Duplicate name', of: groupName }],
};

function groupFromXml(body: Data, existing: Data | undefined, ctx: ReadContext): Data | WriteProblem {
  const name = requireName(xmlText(body, 'name'), existing);
  if (name instanceof WriteProblem) return name;
  const fields = fromXml({ ...body, name: name ?? xmlText(body, 'name') }, existing);
  if (fields instanceof WriteProblem) return fields;
  const { username: _username, realName: _realName, email: _email, password: _password, ...group } = fields;
  const members = memberIds(body, ctx);
  return defined({ ...group, name, memberIds: members });
}

/** `<members><user><id>1</id></user>…</members>`, by id or by name. */
function memberIds(body: Data, ctx: ReadContext): string[] | undefined {
  if (typeof body['members'] !== 'object' || body['members'] === null) return undefined;
  const value = pick(body, 'members.user');
  const users = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const accounts = ctx.store.list('accounts');
  return users.flatMap((user) => {
    const id = xmlText(user, 'id');
    const name = xmlText(user, 'name');
    const found = accounts.find((account) => (id !== undefined && String(account['id']) === id) || (name !== undefined && nameOf(account) === name));
    return found === undefined ? [] : [String(found['id'])];
  });
}

/** A group's members are accounts named by id; ids no longer in the store are left out. */
export function groupDetail(group: Data, ctx: ReadContext): Fields {
  const site = pick(group, 'siteId', 'site.id');
  const members = strings(group, 'memberIds')
    .map((id) => ctx.store.get('accounts', id))
    .filter((account): account is Data => account !== undefined)
    .map((account) => ({ id: idOf(account), name: nameOf(account) }));
  return {
    id: idOf(group),
    name: text(group, 'name'),
    access_level: accessLevelOf(group),
    privilege_set: privilegeSetLabel(group),
    site: reference(ctx, 'sites', site),
    privileges: privileges(group),
    members: new List('user', members, false),
  };
}

