/**
 * Client-credentials tokens for one server + client: acquired once, refreshed before
 * expiry, one refresh at a time (single flight), shared by every request of every
 * collection in the run. The engine's pre-request auth hook asks `token()` before each
 * request; a 401 makes the runner `invalidate()` the token it used and replay once.
 */
import { JamfContractError } from '../errors.ts';
import type { HttpClient } from '../wire/http.ts';
import type { Redactor } from '../secrets.ts';
import { tokenEndpointError, unusableToken } from './token-errors.ts';
import type { TokenSource } from './token-source.ts';

export interface ClientCredentialsOptions {
  serverUrl: string;
  clientId: string;
  clientSecret: string;
  /** Optional `api-role:N` subset, space-separated. */
  scope?: string;
  http: HttpClient;
  redactor: Redactor;
  now?: () => number;
}

interface Cached {
  token: string;
  expiresAt: number;
  refreshAt: number;
}

/** Answers about the client itself, which asking again will not change. */
const REFUSALS = new Set(['AUTH_INVALID_CLIENT', 'AUTH_CLIENT_DISABLED', 'AUTH_INVALID_SCOPE']);

/** Jamf documents `/api/oauth/token`; the schema and most SDKs use `/api/v1/oauth/token`. */
const TOKEN_PATHS = ['/api/oauth/token', '/api/v1/oauth/token'];

export class ClientCredentialsTokens implements TokenSource {
  readonly kind = 'client-credentials' as const;
  /** Calls made to the token endpoint. */
  requests = 0;
  private cached: Cached | undefined;
  private inflight: Promise<string> | undefined;
  private refused: JamfContractError | undefined;
  /** The endpoint is down (5xx, 429, network): asked again only after `retryAt`, with growing back-off. */
  private outage: { error: JamfContractError; retryAt: number; failures: number } | undefined;
  private tokenPath: string | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ClientCredentialsOptions) {
    this.now = options.now ?? Date.now;
    options.redactor.add(options.clientSecret, 'credential');
  }

  /** A valid token, from cache when it is not due for refresh. */
  token(): Promise<string> {
    const c = this.cached;
    if (c && this.now() < c.refreshAt) return Promise.resolve(c.token);
    // Once the server has refused the client itself, asking again for every request of a
    // long run only hammers the token endpoint: the refusal stands for the rest of the run.
    if (this.refused) return Promise.reject(this.refused);
    // During an outage the endpoint is asked at most once per back-off interval, however
    // many requests want a token meanwhile.
    if (this.outage && this.now() < this.outage.retryAt) return Promise.reject(this.outage.error);
    this.inflight ??= this.fetchToken()
      .then((token) => {
        this.outage = undefined;
        return token;
      })
      .catch((error: unknown) => {
        if (error instanceof JamfContractError && REFUSALS.has(error.code)) this.refused = error;
        else this.noteOutage(error);
        throw this.outage?.error ?? error;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  private noteOutage(error: unknown): void {
    const failures = (this.outage?.failures ?? 0) + 1;
    const waitMs = Math.min(30_000, 1000 * 2 ** (failures - 1));
    const base = error instanceof JamfContractError ? error : new JamfContractError('AUTH_TOKEN_ENDPOINT', String(error));
    const message = `${base.message} The token endpoint is unavailable: no token until it answers again (next attempt in ${Math.round(waitMs / 1000)} s).`;
    this.outage = { error: new JamfContractError(base.code, message, { cause: base }), retryAt: this.now() + waitMs, failures };
  }

  /** Drops `token` if it is still the cached one, so the next `token()` fetches a fresh one. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  /** Why a fresh token was still refused: asks the token endpoint once more. */
  async classifyRefusal(): Promise<'secret-rotated' | 'client-disabled' | 'token-rejected'> {
    try {
      this.cached = undefined;
      await this.token();
      return 'token-rejected';
    } catch (error) {
      if (error instanceof JamfContractError && error.code === 'AUTH_CLIENT_DISABLED') return 'client-disabled';
      if (error instanceof JamfContractError && REFUSALS.has(error.code)) return 'secret-rotated';
      // The endpoint itself is down: nothing says the secret changed.
      return 'token-rejected';
    }
  }

  async close(): Promise<void> {
    // Client-credential tokens cannot be invalidated early; they expire on their own.
  }

  private async fetchToken(): Promise<string> {
    const { serverUrl, clientId, clientSecret, scope, http, redactor } = this.options;
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    if (scope) body.set('scope', scope);
    const paths = this.tokenPath ? [this.tokenPath] : TOKEN_PATHS;
    for (const path of paths) {
      const url = serverUrl + path;
      const started = this.now();
      this.requests += 1;
      // Asking for a token twice does no harm: the call is retried like a read.
      const res = await http.send('POST', url, {
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: body.toString(),
        idempotent: true,
      });
      // An older server without the documented path: fall back to the versioned one.
      if ((res.status === 404 || res.status === 405) && !this.tokenPath && path !== paths[paths.length - 1]) continue;
      if (res.status !== 200) throw tokenEndpointError(res, url, `API client "${clientId}"`);
      const parsed = parseTokenResponse(res.text, url);
      redactor.add(parsed.accessToken, 'credential');
      const unusable = unusableToken(parsed.accessToken);
      if (unusable) throw new JamfContractError('AUTH_TOKEN_ENDPOINT', `The token endpoint ${url} answered with ${unusable}: not used. Is the server URL a Jamf Pro server, without a proxy rewriting its answers?`);
      this.tokenPath = path;
      const lifetimeMs = parsed.expiresIn * 1000;
      // Refresh ahead of expiry by min(60 s, 10 % of the lifetime), so a request never carries a token about to die.
      // The token's `exp` is in whole seconds (it may die up to 1 s before `expires_in` says), so short
      // lifetimes keep at least 2 s (at most half the lifetime) in hand.
      const buffer = refreshBuffer(lifetimeMs);
      this.cached = { token: parsed.accessToken, expiresAt: started + lifetimeMs, refreshAt: started + lifetimeMs - buffer };
      return parsed.accessToken;
    }
    throw new JamfContractError('AUTH_TOKEN_ENDPOINT', `No token endpoint answered on ${serverUrl}.`);
  }
}

/** How long before expiry a token is replaced: min(60 s, 10 %), but at least min(2 s, half the lifetime). */
export function refreshBuffer(lifetimeMs: number): number {
  return Math.min(60_000, Math.max(lifetimeMs * 0.1, Math.min(2_000, lifetimeMs / 2)));
}

function parseTokenResponse(text: string, url: string): { accessToken: string; expiresIn: number } {
  let json: { access_token?: unknown; expires_in?: unknown };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw new JamfContractError('AUTH_TOKEN_ENDPOINT', `The token endpoint ${url} answered 200 with a body that is not JSON.`);
  }
  if (typeof json.access_token !== 'string' || !json.access_token) {
    throw new JamfContractError('AUTH_TOKEN_ENDPOINT', `The token endpoint ${url} answered without an access_token.`);
  }

  const expiresIn = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : 60;
  return { accessToken: json.access_token, expiresIn };
}
