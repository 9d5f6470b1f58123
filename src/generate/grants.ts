/**
 * `--privileges-of`: what a client may read, from the server itself. `self` is the
 * credentials in use — an API client's token roles (`api-role:N` in its scope, looked up
 * in `/v1/api-roles`) or a user's privileges (`/v1/auth`); any other value is an API
 * client id, whose roles assigned now (`/v1/api-integrations`) are looked up. Reading roles
 * needs "Read API Roles" (and "Read API Integrations" for another client).
 */
import type { AuthSession } from '../auth/session.ts';
import { decodeClaims, privilegesOf, readIntegration, readRoles, type ApiRole } from '../doctor/roles.ts';
import { JamfContractError } from '../errors.ts';
import type { HttpClient } from '../wire/http.ts';
import type { Grants } from './types.ts';

export async function readGrants(who: string, session: AuthSession, http: HttpClient, serverUrl: string): Promise<Grants> {
  const token = await session.tokens?.token();
  if (!token) throw unavailable(`authentication "${session.scheme}" uses no token, so no roles can be read`);
  if (who === 'self' && session.scheme === 'user') return userGrants(http, serverUrl, token);
  const roles = await readRoles(http, serverUrl, token);
  if (!roles.ok) throw unavailable(`reading /api/v1/api-roles was ${roles.reason}; the credentials need "Read API Roles"`);
  if (who === 'self') {
    const claims = decodeClaims(token);
    if (!claims) throw unavailable('the token is not a JWT, so its roles are unknown');
    return { label: 'the token\'s roles', privileges: privilegesOf(roles.value, claims.roleIds) };
  }
  const client = await readIntegration(http, serverUrl, token, who);
  if (!client.ok) throw unavailable(`reading /api/v1/api-integrations was ${client.reason}; the credentials need "Read API Integrations"`);
  if (!client.value) throw new JamfContractError('USAGE', `No API client with client id "${who}" on this server: give the client id of an API integration (Settings → API roles and clients), or "self".`);
  return { label: `API client "${who}"`, privileges: assignedPrivileges(roles.value, client.value.authorizationScopes) };
}

/** An integration's `authorizationScopes` name its roles by display name. */
function assignedPrivileges(roles: ApiRole[], names: string[]): Set<string> {
  return privilegesOf(roles, roles.filter((r) => names.includes(r.displayName)).map((r) => r.id));
}

async function userGrants(http: HttpClient, serverUrl: string, token: string): Promise<Grants> {
  const res = await http.send('GET', `${serverUrl}/api/v1/auth`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  if (res.status !== 200) throw unavailable(`/api/v1/auth answered ${res.status}`);
  let account: { privilegeSet?: unknown; privilegesBySite?: unknown };
  try {
    account = (JSON.parse(res.text) as { account?: typeof account }).account ?? {};
  } catch {
    throw unavailable('/api/v1/auth answered with a body that is not JSON');
  }
  if (account.privilegeSet === 'ADMINISTRATOR') return { label: 'this account', privileges: 'all' };
  const bySite = account.privilegesBySite && typeof account.privilegesBySite === 'object' ? Object.values(account.privilegesBySite) : [];
  const privileges = new Set(bySite.flatMap((list) => (Array.isArray(list) ? list.map(String) : [])));
  // An empty list says nothing (the account's privileges are not shown), not "may read nothing".
  if (privileges.size === 0) throw unavailable('/api/v1/auth lists no privileges for this account');
  return { label: 'this account', privileges };
}

function unavailable(why: string): JamfContractError {
  return new JamfContractError('PRIVILEGES_UNAVAILABLE', `Cannot read whose privileges --privileges-of names: ${why}. Drop --privileges-of to generate every read, or use credentials that may read roles.`);
}
