/**
 * `runDoctor`: checks a server and a set of credentials, in the order a run meets them,
 * and explains why auth or privileges will fail before a run does. `preflight` is the
 * same checks for `run --preflight`, with a yes/no for "can the run proceed".
 */
import { newCookieJar } from '../wire/cookies.ts';
import { createHttpClient } from '../wire/http.ts';
import { loadCollections } from '../load/collection.ts';
import { loadSpec, resolveAutoSpec, type LoadedSpec } from '../load/spec.ts';
import { Redactor } from '../secrets.ts';
import { stripSlash } from '../resolve/conventions.ts';
import { affinityCheck, clockCheck } from './affinity.ts';
import { claimsCheck, driftCheck } from './drift.ts';
import { privilegeCheck, type Grants } from './privileges.ts';
import { needOf, plannedRequests, type PlannedRequest } from './requests.ts';
import { decodeClaims, privilegesOf, readIntegration, readRoles, type ApiRole, type Claims, type Readable } from './roles.ts';
import { schemesCheck } from './schemes.ts';
import { probeServer } from './server.ts';
import { obtainAccess, type Access } from './token.ts';
import { skip, type CheckId, type DoctorContext, type DoctorOptions, type DoctorReport } from './types.ts';

export type { CheckId, CheckStatus, DoctorCheck, DoctorOptions, DoctorReport } from './types.ts';
export { renderDoctorText } from './render.ts';

const ORDER: CheckId[] = ['connect', 'schemes', 'token', 'claims', 'scope-drift', 'privileges', 'affinity', 'clock'];
const TITLES: Record<CheckId, string> = {
  connect: 'Server reachable', schemes: 'Auth schemes', token: 'Token', claims: 'Token claims', 'scope-drift': 'Scope drift',
  privileges: 'Privilege preflight', affinity: 'Token endpoint across nodes', clock: 'Clock skew',
};

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const redactor = options.redactor ?? new Redactor();
  redactor.add(options.credentials.clientSecret).addBasic(options.credentials.username, options.credentials.password);
  // Bad input (unreadable collections) is refused before anything is sent.
  const collections = options.loadedCollections ?? (options.collections?.length ? await loadCollections(options.collections) : []);
  const ownHttp = options.http ? undefined : createHttpClient({ jar: newCookieJar(), tls: options.tls ?? {} });
  const ctx: DoctorContext = {
    options,
    serverUrl: stripSlash(options.serverUrl),
    http: options.http ?? ownHttp!,
    redactor,
    now: options.now ?? Date.now,
    checks: [],
  };
  let access: Access | undefined;
  try {
    access = await checkAll(ctx, plannedRequests(collections, { writes: options.allowWrites ?? false, destructive: options.allowDestructive ?? false }));
  } finally {
    await access?.session?.close().catch(() => undefined);
    await ownHttp?.close();
  }
  for (const id of ORDER) if (!ctx.checks.some((c) => c.id === id)) skip(ctx, id, TITLES[id], 'Not checked: an earlier check failed.');
  const checks = ctx.checks.sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
  const report: DoctorReport = {
    server: ctx.serverUrl,
    ...(options.embedded ? { embedded: true } : {}),
    ...(ctx.jamfVersion ? { jamfVersion: ctx.jamfVersion } : {}),
    ...(ctx.scheme ? { scheme: ctx.scheme } : {}),
    canRun: !checks.some((c) => c.status === 'fail'),
    checks,
    generatedAt: new Date(ctx.now()).toISOString(),
  };
  return redactor.redactDeep(report);
}

/** For `run --preflight`: `ok` is false when a run could not proceed (no token, every request would 403, …). */
export async function preflight(options: DoctorOptions): Promise<{ ok: boolean; report: DoctorReport }> {
  const report = await runDoctor(options);
  return { ok: report.canRun, report };
}

async function checkAll(ctx: DoctorContext, requests: PlannedRequest[]): Promise<Access | undefined> {
  const probe = await probeServer(ctx);
  if (!probe.reachable) return undefined;
  const access = await obtainAccess(ctx, probe);
  schemesCheck(ctx, probe, ctx.scheme);
  if (!access) return undefined;
  const claims = access.token ? decodeClaims(access.token) : undefined;
  const clientId = ctx.options.credentials.clientId;
  const isClient = access.scheme === 'client-credentials' && access.token !== undefined;
  const roles = isClient ? await readRoles(ctx.http, ctx.serverUrl, access.token!) : undefined;
  if (access.token) claimsCheck(ctx, access.scheme, claims, roles);
  else skip(ctx, 'claims', TITLES.claims, `Not checked: ${access.scheme === 'basic' ? 'Basic auth' : 'this scheme'} uses no token.`);
  if (left(ctx, 'scope-drift')) {
    // left out on request
  } else if (isClient && claims && roles && clientId) {
    driftCheck(ctx, claims, roles, await readIntegration(ctx.http, ctx.serverUrl, access.token!, clientId), clientId);
  } else {
    skip(ctx, 'scope-drift', TITLES['scope-drift'], 'Not checked: only API clients (client credentials) have a token scope that can drift.');
  }
  if (!left(ctx, 'privileges')) await checkPrivileges(ctx, requests, access, claims, roles);
  if (!left(ctx, 'affinity')) await affinityCheck(ctx, access);
  clockCheck(ctx, claims?.issuedAt, access.receivedAt);
  return access;
}

/** True (and a `skip` recorded) when the caller asked to leave this check out. */
function left(ctx: DoctorContext, id: CheckId): boolean {
  if (!ctx.options.leaveOut?.includes(id)) return false;
  skip(ctx, id, TITLES[id], 'Left out on request.');
  return true;
}

async function checkPrivileges(ctx: DoctorContext, requests: PlannedRequest[], access: Access, claims: Claims | undefined, roles: Readable<ApiRole[]> | undefined): Promise<void> {
  const wantsPro = requests.some((r) => r.api === 'pro' && !r.notSent);
  const pro = wantsPro ? await proSchema(ctx) : { why: 'no Jamf Pro API requests' };
  const needs = requests.map((r) => needOf(r, pro.spec, pro.why));
  const grants = await grantsOf(ctx, access, claims, roles);
  const remedy =
    access.scheme === 'client-credentials'
      ? 'Add the missing privileges to one of the client\'s API roles (a role edit applies at once, also to live tokens), or assign a role that has them and then generate a new client secret (a role assignment applies only to a new secret).'
      : 'Give the account the missing privileges in Jamf Pro (Settings → User accounts and groups), or use an API client whose roles have them.';
  privilegeCheck(ctx, requests, needs, grants, remedy);
}

async function proSchema(ctx: DoctorContext): Promise<{ spec?: LoadedSpec; why: string }> {
  const url = `${ctx.serverUrl}/api/schema`;
  try {
    const cacheDir = ctx.options.specCacheDir;
    const spec = cacheDir && ctx.jamfVersion
      ? await resolveAutoSpec({ serverUrl: ctx.serverUrl, jamfVersion: ctx.jamfVersion, fetch: ctx.http.fetch, cacheDir })
      : await loadSpec(url, { fetch: ctx.http.fetch, kind: 'pro' });
    return spec ? { spec, why: '' } : { why: `the server's schema (${url}) could not be read` };
  } catch (error) {
    return { why: `the server's schema could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

async function grantsOf(ctx: DoctorContext, access: Access, claims: Claims | undefined, roles: Readable<ApiRole[]> | undefined): Promise<Grants> {
  if (access.scheme === 'client-credentials') {
    if (!claims) return { kind: 'unknown', why: 'the token is not a JWT, so its roles are unknown', remedy: 'Nothing can be verified before the run; its 403s will name the requests.' };
    if (!roles?.ok) {
      const scope = claims.roleIds.map((id) => `api-role:${id}`).join(', ') || 'no roles';
      return {
        kind: 'unknown',
        why: `reading /v1/api-roles was ${roles?.reason ?? 'not possible'}, so the privileges behind the token's scope (${scope}) are unknown`,
        remedy: 'Add "Read API Roles" to one of the client\'s roles (a role edit applies at once) to have privileges checked, or run doctor with an administrator\'s client against the same collections.',
      };
    }
    return { kind: 'set', privileges: privilegesOf(roles.value, claims.roleIds) };
  }
  if (access.scheme === 'user' && access.token) return userGrants(ctx, access.token);
  return {
    kind: 'unknown',
    why: access.scheme === 'basic' ? 'with Basic auth the account\'s privileges cannot be read' : 'no credentials are sent',
    remedy: 'Use a user bearer token or an API client to have privileges checked before the run.',
  };
}

/** `/v1/auth` describes the caller: an administrator holds everything; otherwise its privileges by site. */
async function userGrants(ctx: DoctorContext, token: string): Promise<Grants> {
  const res = await ctx.http.send('GET', `${ctx.serverUrl}/api/v1/auth`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  const unknown = (why: string): Grants => ({ kind: 'unknown', why, remedy: 'Check the account\'s privileges in Jamf Pro (Settings → User accounts and groups).' });
  if (res.status !== 200) return unknown(`/v1/auth answered ${res.status}`);
  try {
    const account = (JSON.parse(res.text) as { account?: { privilegeSet?: unknown; privilegesBySite?: unknown } }).account ?? {};
    if (account.privilegeSet === 'ADMINISTRATOR') return { kind: 'all' };
    const bySite = account.privilegesBySite && typeof account.privilegesBySite === 'object' ? Object.values(account.privilegesBySite) : [];
    const privileges = new Set(bySite.flatMap((list) => (Array.isArray(list) ? list.map(String) : [])));
    return privileges.size ? { kind: 'set', privileges } : unknown('/v1/auth lists no privileges for this account');
  } catch {
    return unknown('/v1/auth answered with a body that is not JSON');
  }
}
