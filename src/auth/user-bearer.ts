/**
 * User bearer tokens (Jamf Pro 10.35+): username/password → `POST /api/v1/auth/token`,
 * kept alive with `POST /api/v1/auth/keep-alive` before expiry (which invalidates the old
 * token), and invalidated at the end of the run.
 */
import { JamfContractError } from '../errors.ts';
import type { HttpClient } from '../wire/http.ts';
import type { Redactor } from '../secrets.ts';
import { refreshBuffer } from './client-credentials.ts';
import { tokenEndpointError, unusableToken } from './token-errors.ts';
import type { TokenSource } from './token-source.ts';

export interface UserBearerOptions {
  serverUrl: string;
  username: string;
  password: string;
  http: HttpClient;
  redactor: Redactor;
  now?: () => number;
}

export class UserBearerTokens implements TokenSource {
  readonly kind = 'user-bearer' as const;
  requests = 0;
  private cached: { token: string; refreshAt: number } | undefined;
  private inflight: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: UserBearerOptions) {
    this.now = options.now ?? Date.now;
    options.redactor.addBasic(options.username, options.password, 'credential');
  }

  token(): Promise<string> {
    const c = this.cached;
    if (c && this.now() < c.refreshAt) return Promise.resolve(c.token);
    this.inflight ??= (c ? this.keepAlive(c.token) : this.login()).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  async classifyRefusal(): Promise<'bad-credentials' | 'token-rejected'> {
    try {
      this.cached = undefined;
      await this.token();
      return 'token-rejected';
    } catch {
      return 'bad-credentials';
    }
  }

  async close(): Promise<void> {
    const token = this.cached?.token;
    this.cached = undefined;
    if (!token) return;
    await this.options.http
      .send('POST', `${this.options.serverUrl}/api/v1/auth/invalidate-token`, { headers: { authorization: `Bearer ${token}` } })
      .catch(() => undefined);
  }

  private async login(): Promise<string> {
    const { serverUrl, username, password, http } = this.options;
    const url = `${serverUrl}/api/v1/auth/token`;
    const basic = Buffer.from(`${username}:${password}`).toString('base64');
    this.requests += 1;
    // Logging in twice does no harm: retried like a read. Keep-alive is not (it invalidates the old token).
    const res = await http.send('POST', url, { headers: { authorization: `Basic ${basic}`, accept: 'application/json' }, idempotent: true });
    if (res.status !== 200) throw tokenEndpointError(res, url, `user "${username}"`);
    return this.store(res.text, url);
  }

  private async keepAlive(old: string): Promise<string> {
    const url = `${this.options.serverUrl}/api/v1/auth/keep-alive`;
    this.requests += 1;
    const res = await this.options.http.send('POST', url, { headers: { authorization: `Bearer ${old}`, accept: 'application/json' } });
    // A token that can no longer be kept alive: log in again.
    if (res.status !== 200) return this.login();
    return this.store(res.text, url);
  }

  private store(text: string, url: string): string {
    const started = this.now();
    let json: { token?: unknown; expires?: unknown };
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      throw new JamfContractError('AUTH_TOKEN_ENDPOINT', `${url} answered 200 with a body that is not JSON.`);
    }
    if (typeof json.token !== 'string' || !json.token) {
      throw new JamfContractError('AUTH_TOKEN_ENDPOINT', `${url} answered without a token.`);
    }
    this.options.redactor.add(json.token, 'credential');
    const unusable = unusableToken(json.token);
    if (unusable) throw new JamfContractError('AUTH_TOKEN_ENDPOINT', `${url} answered with ${unusable}: not used. Is the server URL a Jamf Pro server, without a proxy rewriting its answers?`);
    // `expires` is ISO-8601 on current servers and epoch millis on the older /api/auth/tokens.
    const expires = typeof json.expires === 'number' ? json.expires : Date.parse(String(json.expires));
    const lifetime = Number.isFinite(expires) ? Math.max(expires - Date.now(), 10_000) : 30 * 60_000;
    this.cached = { token: json.token, refreshAt: started + lifetime - refreshBuffer(lifetime) };
    return json.token;
  }
}
