/**
 * Options in, config out, once: defaults → Postman environment (read later, by the run) →
 * `JAMF_*` variables → flags. This is the one place `process.env` is read for a run.
 * Secrets (client secret, password) come from the environment or a secrets file, never
 * from a flag: flags show in process lists and CI logs.
 */
import { readFileSync } from 'node:fs';
import type { AuthMode, Credentials } from './auth/session.ts';
import { JamfContractError } from './errors.ts';
import { withoutUserinfo } from './resolve/server-url.ts';

export interface RunFlags {
  server?: string;
  env?: string;
  var?: string[];
  clientId?: string;
  username?: string;
  secretsFile?: string;
  scope?: string;
  auth?: string;
}

export interface ResolvedConnection {
  serverUrl?: string;
  credentials: Credentials;
  auth: AuthMode;
  vars: Record<string, string>;
}

const AUTH_MODES: AuthMode[] = ['auto', 'client-credentials', 'user', 'basic', 'none'];

export function resolveConnection(flags: RunFlags, env: NodeJS.ProcessEnv): ResolvedConnection {
  const file = flags.secretsFile ? readSecretsFile(flags.secretsFile) : {};
  const pick = (key: string): string | undefined => nonEmpty(env[key]) ?? nonEmpty(file[key]);
  const auth = (flags.auth ?? 'auto') as AuthMode;
  if (!AUTH_MODES.includes(auth)) {
    throw new JamfContractError('USAGE', `--auth must be one of ${AUTH_MODES.join(', ')} (got "${flags.auth}").`);
  }
  const serverUrl = nonEmpty(flags.server) ?? pick('JAMF_URL');
  if (serverUrl && !/^https?:\/\/[^/]/i.test(serverUrl)) {
    throw new JamfContractError('USAGE', `The server URL must start with https:// or http:// (got "${withoutUserinfo(serverUrl)}"), e.g. https://yourorg.jamfcloud.com.`);
  }
  const problem = serverUrl ? serverUrlProblem(serverUrl) : undefined;
  if (problem) throw new JamfContractError('USAGE', `The server URL ${problem}`);
  const credentials: Credentials = {
    clientId: nonEmpty(flags.clientId) ?? pick('JAMF_CLIENT_ID'),
    clientSecret: pick('JAMF_CLIENT_SECRET'),
    username: nonEmpty(flags.username) ?? pick('JAMF_USERNAME'),
    password: pick('JAMF_PASSWORD'),
    scope: nonEmpty(flags.scope) ?? pick('JAMF_SCOPE'),
  };
  return { ...(serverUrl ? { serverUrl } : {}), credentials, auth, vars: parseVars(flags.var ?? []) };
}

/**
 * The server URL is the server's root (or its context path, on premises): the collections add
 * `/api` and `/JSSResource`. A URL that already ends in one of them (the Pro API's base URL
 * copied from Jamf's documentation, say) would have every request go to `/api/api/…` and the
 * token call to a 404; one with a query or a fragment would carry them into every path. What
 * is wrong with it, naming the URL meant (after "The server URL …"), or `undefined`.
 */
export function serverUrlProblem(serverUrl: string): string | undefined {
  const shown = withoutUserinfo(serverUrl.trim());
  let url: URL;
  try {
    url = new URL(serverUrl.trim());
  } catch {
    return `"${shown}" is not a URL, e.g. https://yourorg.jamfcloud.com.`;
  }
  const api = /^(.*?)\/(api|JSSResource)(\/.*)?$/i.exec(url.pathname.replace(/\/+$/, ''));
  if (api) return `${shown} includes the API path /${api[2]}: give the server's own URL, ${url.protocol}//${url.host}${api[1]} (the collections add /api and /JSSResource themselves).`;
  if (url.search || url.hash || /[?#]$/.test(serverUrl.trim())) return `${shown} has a query or a fragment: give the server's own URL, ${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}.`;
  return undefined;
}

export function parseVars(list: string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const entry of list) {
    const at = entry.indexOf('=');
    if (at <= 0) throw new JamfContractError('USAGE', `--var takes key=value (got "${entry}").`);
    vars[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return vars;
}

/** `KEY=value` lines (dotenv style, `#` comments) or a JSON object of strings. */
export function readSecretsFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new JamfContractError('CONFIG_INVALID', `Cannot read the secrets file "${path}".`, { cause });
  }
  if (text.trimStart().startsWith('{')) {
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, String(v)]));
    } catch (cause) {
      throw new JamfContractError('CONFIG_INVALID', `The secrets file "${path}" looks like JSON but does not parse.`, { cause });
    }
  }
  const out: Record<string, string> = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new JamfContractError('CONFIG_INVALID', `The secrets file "${path}", line ${i + 1}: expected KEY=value.`);
    out[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
