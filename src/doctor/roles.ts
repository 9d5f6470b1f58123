/**
 * What the token's roles are: the claims it carries (decoded, never printed), the API roles
 * behind its `api-role:N` scope (`/v1/api-roles`, needs "Read API Roles") and the roles now
 * assigned to the client (`/v1/api-integrations`, needs "Read API Integrations").
 */
import type { JWTPayload } from 'jose';
import { lazyRequire } from '../lazy-require.ts';
import type { HttpClient } from '../wire/http.ts';

export interface ApiRole {
  id: string;
  displayName: string;
  privileges: string[];
}

export interface ApiIntegration {
  id: string;
  displayName: string;
  clientId: string;
  enabled: boolean;
  authorizationScopes: string[];
}

/** A list read from the server, or why it could not be read. */
export type Readable<T> = { ok: true; value: T } | { ok: false; status: number; reason: string };

export interface Claims {
  subject?: string;
  subjectType?: string;
  authenticationType?: string;
  issuedAt?: number;
  expiresAt?: number;
  notBefore?: number;
  issuer?: string;
  /** Role ids from `scope: ["api-role:2", …]` (a space-separated string on some servers). */
  roleIds: string[];
}

/** jose, loaded when a token is first decoded (not at every CLI start). */
const jose = lazyRequire<typeof import('jose')>('jose');

export function decodeClaims(token: string): Claims | undefined {
  let payload: JWTPayload;
  try {
    payload = jose().decodeJwt(token);
  } catch {
    return undefined;
  }
  const scope = payload.scope;
  const entries = Array.isArray(scope) ? scope.map(String) : typeof scope === 'string' ? scope.split(/\s+/) : [];
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    ...(payload.sub ? { subject: payload.sub } : {}),
    ...(str(payload['subject-type']) ? { subjectType: str(payload['subject-type']) } : {}),
    ...(str(payload['authentication-type']) ? { authenticationType: str(payload['authentication-type']) } : {}),
    ...(payload.iat !== undefined ? { issuedAt: payload.iat } : {}),
    ...(payload.exp !== undefined ? { expiresAt: payload.exp } : {}),
    ...(payload.nbf !== undefined ? { notBefore: payload.nbf } : {}),
    ...(payload.iss ? { issuer: payload.iss } : {}),
    roleIds: entries.map((e) => /^api-role:(.+)$/.exec(e)?.[1]).filter((id): id is string => id !== undefined),
  };
}

const MAX_PAGES = 20;

/** Every item of a paged Jamf list (`{totalCount, results}`), stopping on an empty page. */
async function readAll(http: HttpClient, url: string, token: string): Promise<Readable<Array<Record<string, unknown>>>> {
  const out: Array<Record<string, unknown>> = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await http.send('GET', `${url}?page=${page}&page-size=200`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    if (res.status !== 200) return { ok: false, status: res.status, reason: refusal(res.status) };
    let body: { totalCount?: unknown; results?: unknown };
    try {
      body = JSON.parse(res.text) as typeof body;
    } catch {
      return { ok: false, status: res.status, reason: 'the answer was not JSON' };
    }
    const results = Array.isArray(body.results) ? (body.results as Array<Record<string, unknown>>) : [];
    out.push(...results);
    if (results.length === 0 || (typeof body.totalCount === 'number' && out.length >= body.totalCount)) break;
  }
  return { ok: true, value: out };
}

function refusal(status: number): string {
  if (status === 403) return 'forbidden (403)';
  if (status === 401) return 'the token was refused (401)';
  if (status === 404) return 'not found on this server (404)';
  return `the server answered ${status}`;
}

export async function readRoles(http: HttpClient, serverUrl: string, token: string): Promise<Readable<ApiRole[]>> {
  const all = await readAll(http, `${serverUrl}/api/v1/api-roles`, token);
  if (!all.ok) return all;
  return {
    ok: true,
    value: all.value.map((r) => ({
      id: String(r.id),
      displayName: String(r.displayName ?? ''),
      privileges: Array.isArray(r.privileges) ? r.privileges.map(String) : [],
    })),
  };
}

export async function readIntegration(http: HttpClient, serverUrl: string, token: string, clientId: string): Promise<Readable<ApiIntegration | undefined>> {
  const all = await readAll(http, `${serverUrl}/api/v1/api-integrations`, token);
  if (!all.ok) return all;
  const found = all.value.find((c) => c.clientId === clientId);
  if (!found) return { ok: true, value: undefined };
  return {
    ok: true,
    value: {
      id: String(found.id),
      displayName: String(found.displayName ?? ''),
      clientId,
      enabled: found.enabled !== false,
      authorizationScopes: Array.isArray(found.authorizationScopes) ? found.authorizationScopes.map(String) : [],
    },
  };
}

/** Everything the roles with these ids grant (privileges add up across roles). */
export function privilegesOf(roles: ApiRole[], ids: string[]): Set<string> {
  const out = new Set<string>();
  for (const role of roles) if (ids.includes(role.id)) for (const p of role.privileges) out.add(p);
  return out;
}

export function roleLabel(roles: ApiRole[] | undefined, id: string): string {
  const role = roles?.find((r) => r.id === id);
  return role ? `api-role:${id} (${role.displayName})` : `api-role:${id}`;
}
