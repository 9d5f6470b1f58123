/**
 * Smart and static groups of computers, mobile devices and users, and who is in them.
 * One evaluator decides smart-group membership, so the seed's inventory records (the Pro
 * API's `groupMemberships`) and the Classic API's group and device documents agree.
 * Criteria use Jamf's criterion names and search types on the fields the seed fills.
 */
import type { Obj } from './seed-helpers.ts';

export interface Criterion {
  name: string;
  priority?: number;
  and_or?: string;
  search_type: string;
  value: string;
  opening_paren?: boolean;
  closing_paren?: boolean;
}

type Lookup = (kind: string, id: unknown) => Obj | undefined;

const str = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');
const get = (record: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Obj)[key] : undefined), record);
const nameOf = (lookup: Lookup, kind: string, id: unknown): string => str(lookup(kind, id)?.['name']);

/** Criterion name → the value it reads, per kind of member. */
const FIELDS: Record<string, Record<string, (record: Obj, lookup: Lookup) => string>> = {
  computers: {
    'Computer Name': (r) => str(get(r, 'general.name')),
    'Operating System': (r) => `macOS ${str(get(r, 'operatingSystem.version'))}`,
    'Operating System Version': (r) => str(get(r, 'operatingSystem.version')),
    Model: (r) => str(get(r, 'hardware.model')),
    'Architecture Type': (r) => str(get(r, 'hardware.processorArchitecture')),
    'Serial Number': (r) => str(get(r, 'hardware.serialNumber')),
    Username: (r) => str(get(r, 'userAndLocation.username')),
    Building: (r, lookup) => nameOf(lookup, 'buildings', get(r, 'userAndLocation.buildingId')),
    Department: (r, lookup) => nameOf(lookup, 'departments', get(r, 'userAndLocation.departmentId')),
    Site: (r) => str(get(r, 'general.site.name')),
  },
  'mobile-devices': {
    'Display Name': (r) => str(r['name']),
    Model: (r) => str(r['model']),
    'Model Identifier': (r) => str(r['modelIdentifier']),
    'Serial Number': (r) => str(r['serialNumber']),
    Username: (r) => str(r['username']),
  },
  users: {
    Username: (r) => str(r['name']),
    'Full Name': (r) => str(r['full_name']),
    'Email Address': (r) => str(r['email']),
    Position: (r) => str(r['position']),
  },
};

/** A criterion's or display field's value for one record; '' when the simulator does not know the field. */
export function fieldValue(kind: string, field: string, record: Obj, lookup: Lookup): string {
  return FIELDS[kind]?.[field]?.(record, lookup) ?? '';
}

function compare(actual: string, type: string, value: string): boolean {
  const a = actual.toLowerCase();
  const v = value.toLowerCase();
  switch (type) {
    case 'is': return a === v;
    case 'is not': return a !== v;
    case 'like': return a.includes(v);
    case 'not like': return !a.includes(v);
    case 'has': return a.includes(v);
    case 'does not have': return !a.includes(v);
    case 'greater than': return versionCompare(actual, value) > 0;
    case 'less than': return versionCompare(actual, value) < 0;
    case 'matches regex': return safeRegex(value)?.test(actual) ?? false;
    default: return false;
  }
}

function versionCompare(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (Number.isNaN(diff)) return a.localeCompare(b);
    if (diff !== 0) return diff;
  }
  return 0;
}

function safeRegex(source: string): RegExp | undefined {
  try {
    return new RegExp(source);
  } catch {
    return undefined;
  }
}

/** Criteria joined left to right by `and`/`or` (parentheses are not modelled); no criteria: nobody. */
export function matchesCriteria(kind: string, record: Obj, criteria: readonly Criterion[], lookup: Lookup): boolean {
  const fields = FIELDS[kind] ?? {};
  let result: boolean | undefined;
  for (const criterion of [...criteria].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0))) {
    const read = fields[criterion.name];
    const hit = read === undefined ? false : compare(read(record, lookup), criterion.search_type, criterion.value);
    result = result === undefined ? hit : str(criterion.and_or).toLowerCase() === 'or' ? result || hit : result && hit;
  }
  return result ?? false;
}

/** Whether one record is in the group: a smart group asks its criteria, a static group its list. */
export function isMember(group: Obj, kind: string, listKey: string, record: Obj, lookup: Lookup): boolean {
  if (group['is_smart'] === true || group['is_smart'] === 'true') {
    return matchesCriteria(kind, record, (Array.isArray(group['criteria']) ? group['criteria'] : []) as Criterion[], lookup);
  }
  return (Array.isArray(group[listKey]) ? group[listKey] : []).some((item) => str((item as Obj)['id']) === str(record['id']));
}

/** The groups of `groupKind` a record is in, in id order. */
export function groupsContaining(groups: readonly Obj[], kind: string, listKey: string, record: Obj, lookup: Lookup): Obj[] {
  return [...groups].filter((group) => isMember(group, kind, listKey, record, lookup)).sort((a, b) => Number(a['id']) - Number(b['id']));
}

/** The group's members (records of `kind`): a smart group's by its criteria, a static group's as listed. */
export function groupMembers(group: Obj, kind: string, listKey: string, all: readonly Obj[], lookup: Lookup): Obj[] {
  if (group['is_smart'] === true || group['is_smart'] === 'true') {
    const criteria = (Array.isArray(group['criteria']) ? group['criteria'] : []) as Criterion[];
    return all.filter((record) => matchesCriteria(kind, record, criteria, lookup));
  }
  const listed = new Set((Array.isArray(group[listKey]) ? group[listKey] : []).map((item) => str((item as Obj)['id'])));
  return all.filter((record) => listed.has(str(record['id'])));
}

const criterion = (name: string, search_type: string, value: string, priority = 0, and_or = 'and'): Criterion => ({
  name, priority, and_or, search_type, value, opening_paren: false, closing_paren: false,
});
const members = (...list: number[]): Obj[] => list.map((id) => ({ id: String(id) }));
const noSite = { id: '-1' };

export function computerGroups(): Obj[] {
  return [
    { name: 'All Managed Clients', is_smart: true, site: noSite, criteria: [criterion('Computer Name', 'like', 'MAC-')] },
    { name: 'macOS 15', is_smart: true, site: noSite, criteria: [criterion('Operating System Version', 'like', '15.')] },
    { name: 'Apple Silicon', is_smart: true, site: noSite, criteria: [criterion('Architecture Type', 'is', 'arm64')] },
    { name: 'Engineering Macs', is_smart: true, site: noSite, criteria: [criterion('Department', 'is', 'Engineering'), criterion('Operating System Version', 'greater than', '14', 1)] },
    { name: 'Pilot Group', is_smart: false, site: noSite, criteria: [], computers: members(1, 2, 3, 5, 8) },
    { name: 'Loaner Macs', is_smart: false, site: { id: '1' }, criteria: [], computers: members(38, 39, 40) },
  ].map((group, i) => ({ id: String(i + 1), ...group }));
}

export function mobileDeviceGroups(): Obj[] {
  return [
    { name: 'All Managed iPads', is_smart: true, site: noSite, criteria: [criterion('Model', 'like', 'iPad')] },
    { name: 'Apple TVs', is_smart: true, site: noSite, criteria: [criterion('Model', 'like', 'Apple TV')] },
    { name: 'Classroom Cart A', is_smart: false, site: noSite, criteria: [], mobile_devices: members(1, 2, 3, 4, 5, 6) },
  ].map((group, i) => ({ id: String(i + 1), ...group }));
}

export function userGroups(): Obj[] {
  return [
    { name: 'Example.com Users', is_smart: true, is_notify_on_change: false, site: noSite, criteria: [criterion('Email Address', 'like', '@example.com')] },
    { name: 'Engineers', is_smart: true, is_notify_on_change: false, site: noSite, criteria: [criterion('Position', 'is', 'Engineer')] },
    { name: 'Help Desk Team', is_smart: false, is_notify_on_change: true, site: noSite, criteria: [], users: members(1, 2, 3) },
  ].map((group, i) => ({ id: String(i + 1), ...group }));
}

/** The Pro API's `groupMemberships` of one computer, from the same groups. */
export function computerMemberships(computer: Obj, groups: readonly Obj[], lookup: Lookup): Obj[] {
  return groupsContaining(groups, 'computers', 'computers', computer, lookup)
    .map((group) => ({ groupId: str(group['id']), groupName: str(group['name']), groupDescription: '', smartGroup: group['is_smart'] === true }));
}
