/**
 * One server URL, every convention. Jamf's Pro API collections write `{{baseUrl}}/v1/…`
 * with `baseUrl` = server + `/api`; the Classic collection writes `{{url}}/JSSResource/…`
 * with `url` = server; older collections write `https://{{url}}/…` with `url` a bare host.
 * Each collection's own request URLs tell which of its variables stand for the server, and
 * in which form.
 */
import type { PostmanCollection } from '../load/postman-types.ts';
import { walkItems } from '../load/postman-types.ts';
import { rawUrl } from './url-text.ts';
import { JamfContractError } from '../errors.ts';

export type ServerForm = 'server' | 'api' | 'host';

export interface ServerVariable {
  name: string;
  form: ServerForm;
  /** How many requests use it in that form. */
  uses: number;
  /** The collection writes `https://{{name}}` or `http://{{name}}`: the scheme it hard-codes. */
  scheme?: 'http' | 'https';
}

const LEADING_VAR = /^\{\{\s*([^{}\s]+)\s*\}\}(\/[^?#]*)?/;
const SCHEME_VAR = /^(https?):\/\/\{\{\s*([^{}\s]+)\s*\}\}/i;
/** Path starts that only make sense right after the server root. */
const SERVER_ROOT = /^\/(api|JSSResource|classicapi|uapi|healthCheck\.html)(\/|$)/i;
/** Path starts that only make sense right after `/api`. */
const API_ROOT = /^\/(v\d+|preview|auth|oauth)(\/|$)/i;

export function detectServerVariables(collection: PostmanCollection): ServerVariable[] {
  const tally = new Map<string, Map<ServerForm, { uses: number; scheme?: 'http' | 'https' }>>();
  const count = (name: string, form: ServerForm, scheme?: 'http' | 'https'): void => {
    const forms = tally.get(name) ?? new Map();
    const entry = forms.get(form) ?? { uses: 0, scheme };
    entry.uses += 1;
    forms.set(form, entry);
    tally.set(name, forms);
  };
  for (const { item } of walkItems(collection.item)) {
    const raw = rawUrl(item.request).trim();
    const schemed = SCHEME_VAR.exec(raw);
    if (schemed?.[1] && schemed[2]) {
      count(schemed[2], 'host', schemed[1].toLowerCase() as 'http' | 'https');
      continue;
    }
    const m = LEADING_VAR.exec(raw);
    if (!m?.[1]) continue;
    const path = m[2] ?? '';
    if (SERVER_ROOT.test(path)) count(m[1], 'server');
    else if (API_ROOT.test(path)) count(m[1], 'api');
  }
  const out: ServerVariable[] = [];
  for (const [name, forms] of tally) {
    // A variable used in two forms is taken in its majority form.
    const [form, entry] = [...forms.entries()].sort((a, b) => b[1].uses - a[1].uses)[0]!;
    out.push({ name, form, uses: entry.uses, ...(entry.scheme ? { scheme: entry.scheme } : {}) });
  }
  return out.sort((a, b) => b.uses - a.uses);
}

/** The value each server variable takes for one server URL (`https://host[:port][/prefix]`). */
export function serverVariableValues(vars: ServerVariable[], serverUrl: string): Record<string, string> {
  const base = stripSlash(serverUrl);
  const host = new URL(base).host;
  const values: Record<string, string> = {};
  for (const v of vars) {
    values[v.name] = v.form === 'api' ? `${base}/api` : v.form === 'host' ? host : base;
  }
  return values;
}

/** Works back from a collection's variable values to the server URL they point at. */
export function serverUrlFromValues(vars: ServerVariable[], values: Record<string, string | undefined>): string | undefined {
  for (const v of vars) {
    const value = values[v.name]?.trim();
    if (!value || value.includes('{{')) continue;
    if (v.form === 'host') return `${v.scheme ?? 'https'}://${stripSlash(value)}`;
    const url = stripSlash(value);
    if (!/^https?:\/\//i.test(url)) continue;
    return v.form === 'api' ? url.replace(/\/api$/i, '') : url;
  }
  return undefined;
}

export function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

const CONVENTIONAL_NAMES: ServerVariable[] = [
  { name: 'baseUrl', form: 'api', uses: 0 },
  { name: 'url', form: 'server', uses: 0 },
  { name: 'jamfUrl', form: 'server', uses: 0 },
  { name: 'serverUrl', form: 'server', uses: 0 },
];

/** The server a run targets when no URL was given: the collection's server variable in the environment file, or a usual name. */
export function serverFromEnvironment(collections: Array<{ json: PostmanCollection }>, values: Record<string, string>): string {
  for (const c of collections) {
    const vars = detectServerVariables(c.json);
    const fromEnv = serverUrlFromValues(vars, values);
    if (fromEnv) return fromEnv;
  }
  // The environment may name the server in the other convention than these collections use
  // (`url` in the file, `baseUrl` in the collection): the usual names in their usual forms.
  const fromConvention = serverUrlFromValues(CONVENTIONAL_NAMES, values);
  if (fromConvention) return fromConvention;
  throw new JamfContractError(
    'USAGE',
    'No server to run against: pass --server URL, set JAMF_URL, or give an environment file (--env) that sets the collection\'s server variable (e.g. baseUrl or url).',
  );
}
