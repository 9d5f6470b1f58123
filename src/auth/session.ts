/**
 * Choosing and opening the auth scheme for a run. `auto`: client credentials when a client
 * id is given, else a user bearer token from username/password, else HTTP Basic when the
 * server is too old for tokens (< 10.35, no `/api/v1/auth/token`).
 */
import { JamfContractError } from '../errors.ts';
import type { HttpClient } from '../wire/http.ts';
import type { Redactor } from '../secrets.ts';
import { ClientCredentialsTokens } from './client-credentials.ts';
import type { TokenSource } from './token-source.ts';
import { UserBearerTokens } from './user-bearer.ts';

export type AuthMode = 'auto' | 'client-credentials' | 'user' | 'basic' | 'none';
export type AuthScheme = Exclude<AuthMode, 'auto'>;

export interface Credentials {
  clientId?: string;
  clientSecret?: string;
  username?: string;
  password?: string;
  scope?: string;
}

export interface AuthSession {
  scheme: AuthScheme;
  tokens?: TokenSource;
  basic?: { username: string; password: string };
  /** `11.30.1` (build suffix stripped), when the server told (set once the version call is in: see `awaitVersion`). */
  jamfVersion?: string;
  /** The version call's answer (undefined when the server did not tell, or for sessions without a token). */
  version?: Promise<string | undefined>;
  tokenRequests(): number;
  close(): Promise<void>;
}

export async function openAuthSession(options: {
  mode: AuthMode;
  serverUrl: string;
  credentials: Credentials;
  http: HttpClient;
  redactor: Redactor;
  /**
   * Wait for the version call before returning (default). A run passes false: the call goes
   * out right after the token, and the run sets its engine up while it is answered.
   */
  awaitVersion?: boolean;
}): Promise<AuthSession> {
  const { mode, serverUrl, credentials: c, http, redactor } = options;
  const awaitVersion = options.awaitVersion !== false;
  redactor.add(c.clientSecret, 'credential').addBasic(c.username, c.password, 'credential');
  const scheme = mode === 'auto' ? autoScheme(c) : mode;
  if (scheme === 'none') return plain('none');
  if (scheme === 'client-credentials') {
    if (!c.clientId || !c.clientSecret) {
      throw missing('client credentials need JAMF_CLIENT_ID and JAMF_CLIENT_SECRET (from the environment or --secrets-file)');
    }
    const tokens = new ClientCredentialsTokens({ serverUrl, clientId: c.clientId, clientSecret: c.clientSecret, scope: c.scope, http, redactor });
    await tokens.token();
    return withTokens('client-credentials', tokens, readVersion(http, serverUrl, tokens), awaitVersion);
  }
  if (!c.username || !c.password) {
    throw missing('no credentials: set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET (API client), or JAMF_USERNAME and JAMF_PASSWORD');
  }
  if (scheme === 'basic') return { ...plain('basic'), basic: { username: c.username, password: c.password } };
  const tokens = new UserBearerTokens({ serverUrl, username: c.username, password: c.password, http, redactor });
  try {
    await tokens.token();
  } catch (error) {
    // No token endpoint at all: a server older than 10.35, where Basic is the only scheme.
    if (mode === 'auto' && error instanceof JamfContractError && error.code === 'AUTH_TOKEN_ENDPOINT' && /answered 404/.test(error.message)) {
      return { ...plain('basic'), basic: { username: c.username, password: c.password } };
    }
    throw error;
  }
  return withTokens('user', tokens, readVersion(http, serverUrl, tokens), awaitVersion);
}

function autoScheme(c: Credentials): AuthScheme {
  if (c.clientId) return 'client-credentials';
  if (c.username) return 'user';
  throw missing('no credentials: set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET (API client), or JAMF_USERNAME and JAMF_PASSWORD');
}

function missing(what: string): JamfContractError {
  return new JamfContractError('AUTH_MISSING_CREDENTIALS', `Cannot authenticate: ${what}. Secrets are read from the environment or a file, never from flags.`);
}

function plain(scheme: AuthScheme): AuthSession {
  return { scheme, version: Promise.resolve(undefined), tokenRequests: () => 0, close: async () => undefined };
}

async function withTokens(scheme: AuthScheme, tokens: TokenSource, version: Promise<string | undefined>, awaitVersion: boolean): Promise<AuthSession> {
  const jamfVersion = awaitVersion ? await version : undefined;
  return {
    scheme,
    tokens,
    ...(jamfVersion ? { jamfVersion } : {}),
    version,
    tokenRequests: () => tokens.requests,
    close: () => tokens.close(),
  };
}

/** `GET /api/v1/jamf-pro-version` → `11.30.1` (the `-t<build>` suffix stripped); undefined when it cannot be read. */
export async function readVersion(http: HttpClient, serverUrl: string, tokens: TokenSource): Promise<string | undefined> {
  const token = await tokens.token();
  let res;
  try {
    res = await http.send('GET', `${serverUrl}/api/v1/jamf-pro-version`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
  } catch {
    // The server just issued a token: a version it cannot tell (after retries) is unknown, not a reason to stop.
    return undefined;
  }
  if (res.status !== 200) return undefined;
  try {
    const version = (JSON.parse(res.text) as { version?: unknown }).version;
    return typeof version === 'string' ? version.replace(/-t\d+$/, '') : undefined;
  } catch {
    return undefined;
  }
}
