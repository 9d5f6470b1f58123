/**
 * Getting in: picks the scheme a run would use (the same rules as `openAuthSession`),
 * obtains a token (or proves Basic works) and explains a refusal. Jamf answers a disabled
 * Basic auth with the same 401 as a wrong password, so a Basic 401 is told apart by asking
 * for a user token with the same account.
 */
import { openAuthSession, readVersion, type AuthScheme, type AuthSession } from '../auth/session.ts';
import type { TokenSource } from '../auth/token-source.ts';
import { isJamfContractError, type ErrorCode } from '../errors.ts';
import { add, type DoctorContext } from './types.ts';
import type { ServerProbe } from './server.ts';

export interface Access {
  scheme: AuthScheme;
  session?: AuthSession;
  tokens?: TokenSource;
  /** The access token, in memory only: never printed. */
  token?: string;
  /** Local time right after the token arrived, for the clock check. */
  receivedAt?: number;
  basic?: { username: string; password: string };
}

const REMEDIES: Partial<Record<ErrorCode, string>> = {
  AUTH_INVALID_CLIENT:
    'Check JAMF_CLIENT_ID and JAMF_CLIENT_SECRET. A client secret stops working as soon as a new one is generated in Jamf Pro: use the newest one.',
  AUTH_CLIENT_DISABLED: 'Enable the API client in Jamf Pro (Settings → API roles and clients → API Clients), or use another client.',
  AUTH_INVALID_SCOPE: 'Drop --scope / JAMF_SCOPE, or ask only for roles that were assigned when the client secret was generated.',
  AUTH_BAD_CREDENTIALS: 'Check JAMF_USERNAME and JAMF_PASSWORD; the account may also be disabled or locked in Jamf Pro.',
  AUTH_MISSING_CREDENTIALS:
    'Set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET (API client), or JAMF_USERNAME and JAMF_PASSWORD, in the environment or a --secrets-file.',
  AUTH_TOKEN_ENDPOINT: 'Check the server URL is the Jamf Pro root (e.g. https://yourorg.jamfcloud.com, without /api).',
  TLS: 'Pass the server\'s CA certificate with --ca FILE (PEM), or --insecure for a test server you trust.',
  NETWORK: 'Check the server URL and that this machine can reach it.',
};

export function chooseScheme(ctx: DoctorContext, probe: ServerProbe): AuthScheme | undefined {
  const { auth = 'auto', credentials: c } = ctx.options;
  if (auth !== 'auto') return auth;
  if (c.clientId) return 'client-credentials';
  if (c.username) return probe.userTokens ? 'user' : 'basic';
  return undefined;
}

export async function obtainAccess(ctx: DoctorContext, probe: ServerProbe): Promise<Access | undefined> {
  const scheme = chooseScheme(ctx, probe);
  const c = ctx.options.credentials;
  if (!scheme) {
    fail(ctx, 'No credentials to check', 'Neither an API client id nor a username was given.', 'AUTH_MISSING_CREDENTIALS');
    return undefined;
  }
  ctx.scheme = scheme;
  if (scheme === 'none') {
    add(ctx, { id: 'token', status: 'skip', title: 'No authentication (--auth none)', detail: 'Requests will be sent without credentials.' });
    return { scheme };
  }
  if (scheme === 'client-credentials' && !probe.clientCredentials) {
    fail(ctx, 'This server has no API clients', 'The client-credentials token endpoint answered 404: API clients exist from Jamf Pro 10.49.', undefined,
      'Use a Jamf Pro user account instead (JAMF_USERNAME and JAMF_PASSWORD), or upgrade the server.');
    return undefined;
  }
  if (scheme === 'user' && !probe.userTokens) {
    fail(ctx, 'This server has no user tokens', 'POST /api/v1/auth/token answered 404: bearer tokens exist from Jamf Pro 10.35; older servers take Basic auth only.', undefined,
      'Use --auth basic (or --auth auto, which falls back to Basic on these servers).');
    return undefined;
  }
  if (scheme === 'basic') return basicAccess(ctx, probe);
  try {
    // A run's preflight hands over its own session: the token endpoint is not asked twice.
    const given = ctx.options.session;
    const session = given ?? (await openAuthSession({ mode: scheme, serverUrl: ctx.serverUrl, credentials: c, http: ctx.http, redactor: ctx.redactor }));
    const tokens = session.tokens;
    const token = tokens ? await tokens.token() : undefined;
    const receivedAt = ctx.now();
    if (session.jamfVersion) ctx.jamfVersion = session.jamfVersion;
    const who = scheme === 'client-credentials' ? `API client "${c.clientId}"` : `user "${c.username}"`;
    add(ctx, { id: 'token', status: 'ok', title: 'Token obtained', detail: `The server issued a ${scheme === 'user' ? 'user bearer' : 'client-credentials'} token to ${who}.` });
    return { scheme, ...(given ? {} : { session }), ...(tokens ? { tokens } : {}), ...(token ? { token, receivedAt } : {}) };
  } catch (error) {
    if (!isJamfContractError(error)) throw error;
    fail(ctx, 'No token', error.message, error.code);
    return undefined;
  }
}

/** Basic is proven by a Classic request: anything but a 401 means the account got in. */
async function basicAccess(ctx: DoctorContext, probe: ServerProbe): Promise<Access | undefined> {
  const { username, password } = ctx.options.credentials;
  if (!username || !password) {
    fail(ctx, 'No credentials for Basic auth', 'Basic auth needs a username and a password.', 'AUTH_MISSING_CREDENTIALS');
    return undefined;
  }
  ctx.redactor.addBasic(username, password);
  const header = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const res = await ctx.http.send('GET', `${ctx.serverUrl}/JSSResource/jssuser`, { headers: { authorization: header, accept: 'application/xml' } });
  if (res.status !== 401) {
    const version = res.status === 200 ? /<version>\s*([\d.]+)/.exec(res.text)?.[1] : undefined;
    if (version) ctx.jamfVersion = version;
    add(ctx, { id: 'token', status: 'ok', title: 'Basic auth accepted', detail: `The Classic API accepted user "${username}" with HTTP Basic.` });
    return { scheme: 'basic', basic: { username, password } };
  }
  await explainBasicRefusal(ctx, probe, username);
  return undefined;
}

async function explainBasicRefusal(ctx: DoctorContext, probe: ServerProbe, username: string): Promise<void> {
  const title = 'Basic auth refused';
  if (!probe.userTokens) {
    fail(ctx, title, `The Classic API answered 401 to user "${username}". On a server this old Basic is the only scheme, so the username or password is wrong.`, 'AUTH_BAD_CREDENTIALS');
    return;
  }
  // A user token for the same account tells a wrong password from Basic being switched off.
  let session: AuthSession | undefined;
  try {
    session = await openAuthSession({ mode: 'user', serverUrl: ctx.serverUrl, credentials: ctx.options.credentials, http: ctx.http, redactor: ctx.redactor });
    const version = session.jamfVersion ?? (session.tokens ? await readVersion(ctx.http, ctx.serverUrl, session.tokens) : undefined);
    if (version) ctx.jamfVersion = version;
  } catch {
    fail(ctx, title, `The Classic API answered 401 to user "${username}", and the same account cannot get a user token either: the username or password is wrong (or the account is disabled).`, 'AUTH_BAD_CREDENTIALS');
    return;
  } finally {
    await session?.close();
  }
  const removed = ctx.jamfVersion !== undefined && compareVersions(ctx.jamfVersion, '11.5.0') >= 0;
  const why = removed
    ? `Jamf Pro ${ctx.jamfVersion} has no Basic auth (removed in 11.5)`
    : 'Basic auth is disabled on this server (off by default since 10.42)';
  fail(ctx, 'Basic auth is not available', `The Classic API answered 401 to user "${username}", yet the same account got a user bearer token: the password is right. ${why}; Jamf answers that with the same 401 as a wrong password.`, undefined,
    'Use --auth user (or --auth auto), which sends the same account as a bearer token; or an API client (JAMF_CLIENT_ID and JAMF_CLIENT_SECRET).');
}

function fail(ctx: DoctorContext, title: string, detail: string, code?: ErrorCode, remedy?: string): void {
  add(ctx, { id: 'token', status: 'fail', title, detail, remedy: remedy ?? (code ? REMEDIES[code] : undefined) ?? 'Check the credentials.', ...(code ? { data: { code } } : {}) });
}

/** Compares `x.y.z` versions numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
