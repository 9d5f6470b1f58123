/**
 * The fleet file (`run --fleet fleet.yaml`): the servers one suite runs against. It names
 * the environment variables that hold each server's credentials, never the secrets: a file
 * that carries a secret (or credentials in a URL) is refused, field named, before anything
 * is sent. Every field is checked; an unknown one is refused as a likely typo.
 *
 * ```yaml
 * defaults:                     # optional, for every server
 *   jamfVersion: ">=11.29"      # a semver range the server's version must satisfy
 *   variables: { siteId: "1" }
 * servers:
 *   - name: acme                # also its report folder
 *     url: https://acme.jamfcloud.com
 *     clientIdEnv: ACME_CLIENT_ID
 *     clientSecretEnv: ACME_CLIENT_SECRET
 *   - name: globex
 *     url: https://jamf.globex.example
 *     usernameEnv: GLOBEX_USER
 *     passwordEnv: GLOBEX_PASSWORD
 *     variables: { buildingId: "7" }
 *     ca: certs/globex.pem
 * ```
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type Semver from 'semver';
import type * as Yaml from 'yaml';
import { JamfContractError } from '../errors.ts';
import { serverUrlProblem } from '../config.ts';
import { lazyRequire } from '../lazy-require.ts';

/** Loaded when a fleet file is read (most runs have none). */
const semverLib = lazyRequire<typeof Semver>('semver');
const yaml = lazyRequire<typeof Yaml>('yaml');

/** Jamf asks clients to keep at most 5 connections to a server. */
export const DEFAULT_PER_HOST = 5;
export const DEFAULT_HOSTS = 4;

export interface FleetServer {
  name: string;
  url: string;
  /** A client id is not a secret: given as is, or by the variable that holds it. */
  clientId?: string;
  clientIdEnv?: string;
  clientSecretEnv?: string;
  username?: string;
  usernameEnv?: string;
  passwordEnv?: string;
  /** Variables for this server's run (over `--var`s and the defaults'). */
  variables: Record<string, string>;
  /** A semver range its Jamf Pro version must satisfy, else it is not run. */
  jamfVersion?: string;
  /** A PEM file of CAs to trust (relative to the fleet file). */
  ca?: string;
  insecure?: boolean;
}

export interface Fleet {
  file: string;
  servers: FleetServer[];
}

const SERVER_KEYS = ['name', 'url', 'clientId', 'clientIdEnv', 'clientSecretEnv', 'username', 'usernameEnv', 'passwordEnv', 'variables', 'jamfVersion', 'ca', 'insecure'];
const DEFAULT_KEYS = ['variables', 'jamfVersion', 'clientIdEnv', 'clientSecretEnv', 'usernameEnv', 'passwordEnv', 'insecure'];
const SECRET_KEYS = ['clientSecret', 'secret', 'password', 'token', 'accessToken', 'client_secret'];
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SERVER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function loadFleet(file: string): Fleet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new JamfContractError('FLEET_INVALID', `Cannot read the fleet file ${file}: ${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (cause as Error).message}.`, { cause });
  }
  return parseFleet(text, file);
}

export function parseFleet(text: string, file: string): Fleet {
  let doc: unknown;
  try {
    doc = yaml().parse(text);
  } catch (cause) {
    throw new JamfContractError('FLEET_INVALID', `${file} is not valid YAML: ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
  const fail = (field: string, want: string): never => {
    throw new JamfContractError('FLEET_INVALID', `${file}: ${field} ${want}.`);
  };
  if (!isObject(doc)) fail('the file', 'must be a mapping with a "servers" list');
  const root = doc as Record<string, unknown>;
  for (const key of Object.keys(root)) if (key !== 'servers' && key !== 'defaults') fail(key, 'is not a fleet key (servers, defaults)');
  const defaults = root.defaults === undefined ? {} : root.defaults;
  if (!isObject(defaults)) fail('defaults', 'must be a mapping');
  check(defaults as Record<string, unknown>, 'defaults', DEFAULT_KEYS, fail);
  if (!Array.isArray(root.servers) || root.servers.length === 0) fail('servers', 'must be a list of at least one server');
  const servers = (root.servers as unknown[]).map((raw, i) => {
    const at = `servers[${i}]`;
    if (!isObject(raw)) fail(at, 'must be a mapping (name, url, clientIdEnv, clientSecretEnv…)');
    const s = raw as Record<string, unknown>;
    check(s, at, SERVER_KEYS, fail);
    const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>), ...s, variables: { ...variablesOf((defaults as Record<string, unknown>).variables, 'defaults.variables', fail), ...variablesOf(s.variables, `${at}.variables`, fail) } };
    return serverOf(merged, at, file, fail);
  });
  const seen = new Map<string, string>();
  servers.forEach((s, i) => {
    const key = s.name.toLowerCase();
    if (seen.has(key)) fail(`servers[${i}].name`, `"${s.name}" is used twice (${seen.get(key)}): names must be unique, they name the report folders`);
    seen.set(key, `servers[${i}]`);
  });
  return { file, servers };
}

type Fail = (field: string, want: string) => never;

function check(obj: Record<string, unknown>, at: string, known: string[], fail: Fail): void {
  for (const key of Object.keys(obj)) {
    if (SECRET_KEYS.includes(key)) {
      fail(`${at}.${key}`, `holds a secret: the fleet file names environment variables only (${key === 'password' ? 'passwordEnv' : 'clientSecretEnv'}: THE_VARIABLE), so it can be committed and shown`);
    }
    if (!known.includes(key)) fail(`${at}.${key}`, `is not a known field (${known.join(', ')})`);
  }
}

function serverOf(s: Record<string, unknown>, at: string, file: string, fail: Fail): FleetServer {
  const text = (key: string, pattern?: RegExp, want?: string): string | undefined => {
    const v = s[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '') fail(`${at}.${key}`, 'must be a non-empty string');
    if (pattern && !pattern.test(v as string)) fail(`${at}.${key}`, want ?? `must match ${pattern}`);
    return (v as string).trim();
  };
  const name = text('name', SERVER_NAME, 'must be letters, digits, ".", "_" or "-" (it names the report folder)') ?? fail(`${at}.name`, 'is required');
  const url = text('url') ?? fail(`${at}.url`, 'is required');
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol)) fail(`${at}.url`, 'must be an http:// or https:// URL');
  if (parsed!.username || parsed!.password) fail(`${at}.url`, 'carries credentials: name their environment variables with usernameEnv and passwordEnv instead');
  const problem = serverUrlProblem(url);
  if (problem) fail(`${at}.url`, problem.replace(/^\S+ /, ''));
  const env = (key: string): string | undefined => text(key, ENV_NAME, 'must be an environment variable name (letters, digits, "_")');
  const server: FleetServer = {
    name,
    url: url.replace(/\/+$/, ''),
    variables: s.variables as Record<string, string>,
    ...opt('clientId', text('clientId')),
    ...opt('clientIdEnv', env('clientIdEnv')),
    ...opt('clientSecretEnv', env('clientSecretEnv')),
    ...opt('username', text('username')),
    ...opt('usernameEnv', env('usernameEnv')),
    ...opt('passwordEnv', env('passwordEnv')),
  };
  const range = text('jamfVersion');
  if (range !== undefined) {
    if (!semverLib().validRange(range)) fail(`${at}.jamfVersion`, `"${range}" is not a version or range (e.g. "11.30.1", ">=11.29", "11.x")`);
    server.jamfVersion = range;
  }
  const ca = text('ca');
  if (ca !== undefined) server.ca = resolve(dirname(file), ca);
  if (s.insecure !== undefined) {
    if (typeof s.insecure !== 'boolean') fail(`${at}.insecure`, 'must be true or false');
    server.insecure = s.insecure as boolean;
  }
  const hasClient = server.clientId !== undefined || server.clientIdEnv !== undefined;
  const hasUser = server.username !== undefined || server.usernameEnv !== undefined;
  if (!hasClient && !hasUser) fail(at, 'needs credentials: clientIdEnv and clientSecretEnv (an API client), or usernameEnv and passwordEnv');
  if (hasClient && !server.clientSecretEnv) fail(`${at}.clientSecretEnv`, 'is required with a client id (the variable holding the client secret)');
  if (!hasClient && !server.passwordEnv) fail(`${at}.passwordEnv`, 'is required with a username (the variable holding the password)');
  return server;
}

function variablesOf(value: unknown, at: string, fail: Fail): Record<string, string> {
  if (value === undefined) return {};
  if (!isObject(value)) fail(at, 'must be a mapping of names to values');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v !== null && typeof v === 'object') fail(`${at}.${k}`, 'must be a string, number or boolean');
    out[k] = String(v ?? '');
  }
  return out;
}

function opt<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
