/**
 * The simulator's starting state: API roles, API clients, users, Classic Basic auth switch
 * and objects per kind. The default is fixed; `--config FILE` overrides parts of it and is
 * validated field by field so a broken file is refused with the field named.
 */
import { readFileSync } from 'node:fs';
import { JamfContractError } from '../errors.ts';
import { parseFaultsConfig } from './faults/config.ts';
import { classicObjects } from './seed-classic.ts';
import { computerGroups, computerMemberships } from './seed-groups.ts';
import * as objects from './seed-objects.ts';

export interface SeedRole { id: string; displayName: string; privileges: string[] }
export interface SeedClient {
  id: number;
  displayName: string;
  clientId: string;
  clientSecret: string;
  enabled: boolean;
  accessTokenLifetimeSeconds: number;
  /** Role display names, as Jamf's `authorizationScopes`. */
  authorizationScopes: string[];
}
export interface SeedUser {
  id: string;
  username: string;
  password: string;
  realName: string;
  email: string;
  enabled: boolean;
  /** Privilege names; "*" means every privilege the simulator knows. */
  privileges: string[];
  /** Classic account fields: `FullAccess`/`SiteAccess`/`GroupBasedAccess`, `ADMINISTRATOR`/`AUDITOR`/`ENROLLMENT`/`CUSTOM`. */
  accessLevel?: string;
  privilegeLevel?: string;
  siteId?: string;
}
export interface Seed {
  apiRoles: SeedRole[];
  apiClients: SeedClient[];
  users: SeedUser[];
  /** Whether Classic Basic auth is on (only honoured below 11.5; default: on below 10.42, as Jamf shipped it). */
  classicBasicAuth?: boolean;
  userTokenLifetimeSeconds: number;
  objects: Record<string, Array<Record<string, unknown>>>;
}

const OBJECT_TYPES = ['API Integrations', 'API Roles', 'Buildings', 'Categories', 'Computers', 'Departments',
  'Mobile Devices', 'Packages', 'Scripts', 'Sites', 'Policies', 'Accounts', 'Smart Computer Groups',
  'Static Computer Groups', 'Computer Extension Attributes', 'Mobile Device Applications', 'Network Segments',
  // The Classic API's other object types, named as Jamf's privilege list names them.
  'Advanced Computer Searches', 'Advanced Mobile Device Searches', 'Advanced User Searches', 'Allowed File Extension',
  'Classes', 'Computer Commands', 'Computer Configurations', 'Computer Enrollment Invitations', 'Directory Bindings',
  'Disk Encryption Configurations', 'Distribution Points', 'Dock Items', 'eBooks', 'Enrollment Profiles', 'File Uploads',
  'iBeacon', 'Infrastructure Managers', 'iOS Configuration Profiles', 'JSON Web Token Configuration', 'LDAP Servers',
  'Licensed Software', 'Mac Applications', 'macOS Configuration Profiles', 'Managed Preference Profiles',
  'Mobile Device Commands', 'Mobile Device Enrollment Invitations', 'Mobile Device Extension Attributes',
  'NetBoot Servers', 'Patch External Source', 'Patch Internal Source', 'Patch Management Software Titles', 'Patch Policies',
  'Peripheral Types', 'Personal Device Profiles', 'Printers', 'Provisioning Profiles', 'Removable MAC Address',
  'Restricted Software', 'Smart Mobile Device Groups', 'Smart User Groups', 'Software Update Servers',
  'Static Mobile Device Groups', 'Static User Groups', 'User', 'User Extension Attributes', 'Volume Purchasing Locations',
  'VPP Assignment', 'VPP Invitations', 'Webhooks'];
/** Server settings: read and update only. */
const SETTINGS = ['Activation Code', 'Computer Check-In', 'Computer Inventory Collection Settings', 'GSX Connection', 'SMTP Server'];

export const ALL_PRIVILEGES: readonly string[] = [
  ...OBJECT_TYPES.flatMap((t) => ['Create', 'Read', 'Update', 'Delete'].map((verb) => `${verb} ${t}`)),
  ...SETTINGS.flatMap((t) => [`Read ${t}`, `Update ${t}`]),
  'Read Self Service', 'View Disk Encryption Recovery Key', 'View Recovery Lock', 'View Computer Device Lock Pin',
  'Send Computer Remote Wipe Command', 'Send Computer Unmanage Command', 'Send Mobile Device Remote Wipe Command',
  'Unmanage Mobile Devices',
].sort();

const READ_EVERYTHING = ALL_PRIVILEGES.filter((p) => p.startsWith('Read ') || p.startsWith('View '));

function defaultSeed(): Seed {
  return {
    apiRoles: [
      { id: '1', displayName: 'Read Everything', privileges: [...READ_EVERYTHING] },
      { id: '2', displayName: 'Read Buildings', privileges: ['Read Buildings'] },
      { id: '3', displayName: 'Manage Buildings', privileges: ['Create Buildings', 'Read Buildings', 'Update Buildings', 'Delete Buildings'] },
      { id: '4', displayName: 'Read Computers', privileges: ['Read Computers'] },
      { id: '5', displayName: 'Everything', privileges: [...ALL_PRIVILEGES] },
    ],
    apiClients: [
      client(1, 'Demo read-only', 'demo-client', 'demo-secret', ['Read Everything']),
      client(2, 'Demo admin', 'admin-client', 'admin-secret', ['Everything']),
      { ...client(3, 'Disabled integration', 'disabled-client', 'disabled-secret', ['Read Everything']), enabled: false },
      { ...client(4, 'Short-lived tokens', 'short-client', 'short-secret', ['Read Everything']), accessTokenLifetimeSeconds: 5 },
      client(5, 'Buildings only', 'narrow-client', 'narrow-secret', ['Read Buildings']),
      client(6, 'Two roles', 'multi-client', 'multi-secret', ['Read Buildings', 'Read Computers']),
    ],
    users: [
      user('1', 'admin', 'admin', 'Administrator', ['*']),
      user('2', 'auditor', 'auditor', 'Read-only auditor', [...READ_EVERYTHING]),
      user('3', 'helpdesk', 'helpdesk', 'Help desk', ['Read Computers', 'Read Mobile Devices']),
    ],
    classicBasicAuth: undefined,
    userTokenLifetimeSeconds: 1800,
    objects: defaultObjects(),
  };
}

/**
 * Objects both APIs share, then the Classic-only ones. Each computer's `groupMemberships`
 * (Pro API inventory) names the seeded groups it is in, decided as the Classic API decides.
 */
function defaultObjects(): Seed['objects'] {
  const shared = {
    buildings: objects.buildings(),
    departments: objects.departments(),
    categories: objects.categories(),
    sites: objects.sites(),
    scripts: objects.scripts(),
    packages: objects.packages(),
    computers: objects.computers(),
    'mobile-devices': objects.mobileDevices(),
    policies: objects.policies(),
    users: objects.users(),
  };
  const groups = computerGroups();
  const byKind = new Map(Object.entries(shared).map(([kind, list]) => [kind, new Map(list.map((record) => [String(record['id']), record]))]));
  const lookup = (kind: string, id: unknown): Record<string, unknown> | undefined => byKind.get(kind)?.get(String(id));
  const computers = shared.computers.map((computer) => ({ ...computer, groupMemberships: computerMemberships(computer, groups, lookup) }));
  return { ...shared, computers, ...classicObjects() };
}

function client(id: number, displayName: string, clientId: string, clientSecret: string, roles: string[]): SeedClient {
  return { id, displayName, clientId, clientSecret, enabled: true, accessTokenLifetimeSeconds: 599, authorizationScopes: roles };
}

function user(id: string, username: string, password: string, realName: string, privileges: string[]): SeedUser {
  return { id, username, password, realName, email: `${username}@example.com`, enabled: true, privileges };
}

/** The default seed with the overrides of a config object applied (each top-level key replaces the default). */
export function buildSeed(overrides?: unknown): Seed {
  const seed = defaultSeed();
  if (overrides === undefined) return seed;
  validateConfig(overrides);
  const o = overrides as Partial<Seed>;
  return {
    apiRoles: o.apiRoles ?? seed.apiRoles,
    apiClients: o.apiClients ?? seed.apiClients,
    users: o.users ?? seed.users,
    classicBasicAuth: o.classicBasicAuth ?? seed.classicBasicAuth,
    userTokenLifetimeSeconds: o.userTokenLifetimeSeconds ?? seed.userTokenLifetimeSeconds,
    objects: { ...seed.objects, ...(o.objects ?? {}) },
  };
}

export function loadSeedFile(file: string): Seed {
  return loadConfigFile(file).seed;
}

/** A `--config` file: the seed overrides plus an optional `faults` section (the shape of `parseFaultsConfig`). */
export function loadConfigFile(file: string): { seed: Seed; faults?: unknown } {
  const parsed = readJsonFile(file, 'simulator config', '--config');
  const seed = buildSeed(parsed);
  const faults = (parsed as Record<string, unknown>)['faults'];
  return faults === undefined ? { seed } : { seed, faults };
}

/** Reads a JSON file, refusing a missing or malformed one with CONFIG_INVALID. */
export function readJsonFile(file: string, what: string, flag: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new JamfContractError('CONFIG_INVALID', `Cannot read ${what} ${file}: ${reason}. Check the ${flag} path.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new JamfContractError('CONFIG_INVALID', `${what[0]?.toUpperCase()}${what.slice(1)} ${file} is not valid JSON (${(error as Error).message}).`);
  }
}

const fail = (field: string, want: string): never => {
  throw new JamfContractError('CONFIG_INVALID', `Simulator config field "${field}" must be ${want}. Fix it in the --config file.`);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, field: string): void => void (typeof v === 'string' && v.length > 0 ? 0 : fail(field, 'a non-empty string'));
const strList = (v: unknown, field: string): void => {
  if (!Array.isArray(v)) fail(field, 'an array of strings');
  (v as unknown[]).forEach((s, i) => str(s, `${field}[${i}]`));
};
const bool = (v: unknown, field: string): void => void (typeof v === 'boolean' ? 0 : fail(field, 'true or false'));
const positive = (v: unknown, field: string): void =>
  void (Number.isInteger(v) && (v as number) > 0 ? 0 : fail(field, 'a positive integer'));

function list(value: unknown, field: string, item: (v: Record<string, unknown>, at: string) => void): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) fail(field, 'an array');
  (value as unknown[]).forEach((v, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(v)) fail(at, 'an object');
    item(v as Record<string, unknown>, at);
  });
}

export function validateConfig(config: unknown): void {
  if (!isObject(config)) fail('(root)', 'a JSON object');
  const c = config as Record<string, unknown>;
  const known = ['apiRoles', 'apiClients', 'users', 'classicBasicAuth', 'userTokenLifetimeSeconds', 'objects', 'faults'];
  for (const key of Object.keys(c)) if (!known.includes(key)) fail(key, `one of the known keys (${known.join(', ')})`);
  list(c.apiRoles, 'apiRoles', (r, at) => {
    str(r.id, `${at}.id`);
    str(r.displayName, `${at}.displayName`);
    strList(r.privileges, `${at}.privileges`);
  });
  list(c.apiClients, 'apiClients', (r, at) => {
    positive(r.id, `${at}.id`);
    for (const k of ['displayName', 'clientId', 'clientSecret']) str(r[k], `${at}.${k}`);
    bool(r.enabled, `${at}.enabled`);
    positive(r.accessTokenLifetimeSeconds, `${at}.accessTokenLifetimeSeconds`);
    strList(r.authorizationScopes, `${at}.authorizationScopes`);
  });
  list(c.users, 'users', (r, at) => {
    for (const k of ['id', 'username', 'password', 'realName']) str(r[k], `${at}.${k}`);
    if (typeof r.email !== 'string') fail(`${at}.email`, 'a string');
    bool(r.enabled, `${at}.enabled`);
    strList(r.privileges, `${at}.privileges`);
    for (const k of ['accessLevel', 'privilegeLevel', 'siteId']) if (r[k] !== undefined) str(r[k], `${at}.${k}`);
  });
  if (c.faults !== undefined) parseFaultsConfig(c.faults);
  if (c.classicBasicAuth !== undefined) bool(c.classicBasicAuth, 'classicBasicAuth');
  if (c.userTokenLifetimeSeconds !== undefined) positive(c.userTokenLifetimeSeconds, 'userTokenLifetimeSeconds');
  if (c.objects !== undefined) {
    if (!isObject(c.objects)) fail('objects', 'an object keyed by kind');
    for (const [kind, items] of Object.entries(c.objects as Record<string, unknown>)) {
      list(items, `objects.${kind}`, (o, at) => str(o.id, `${at}.id`));
    }
  }
}
