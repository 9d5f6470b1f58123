/**
 * HTTP for the calls jamf-contract makes itself (tokens, version, schema): undici with the
 * run's TLS settings and the *same cookie jar* the Postman engine uses, so a Jamf Cloud
 * affinity cookie set on the token call is sent on API calls and the other way round.
 */
import { readFileSync } from 'node:fs';
import { Agent, fetch as undiciFetch, request } from 'undici';
import { JamfContractError } from '../errors.ts';
import { explainNetworkError } from './net-errors.ts';

/** The cookie jar of `postman-request`, which the engine uses too. */
export interface CookieJar {
  setCookie(cookie: string, url: string): unknown;
  getCookieString(url: string, cb: (err: Error | null, cookies: string) => void): void;
}

export interface TlsOptions {
  insecure?: boolean;
  /** Path of a PEM file with extra CA certificates. */
  caFile?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface HttpClient {
  send(method: string, url: string, options?: { headers?: Record<string, string>; body?: string; timeoutMs?: number }): Promise<HttpResponse>;
  /** A `fetch` bound to the same TLS settings, for code that wants one. */
  fetch: typeof fetch;
  close(): Promise<void>;
}

export function createHttpClient(options: { jar: CookieJar; tls?: TlsOptions; userAgent?: string }): HttpClient {
  const ca = readCa(options.tls?.caFile);
  const dispatcher = new Agent({
    connect: { rejectUnauthorized: !options.tls?.insecure, ...(ca ? { ca } : {}) },
    keepAliveTimeout: 10_000,
  });
  const userAgent = options.userAgent ?? 'jamf-contract';

  async function send(method: string, url: string, opts: { headers?: Record<string, string>; body?: string; timeoutMs?: number } = {}): Promise<HttpResponse> {
    const cookie = await cookieString(options.jar, url);
    let res;
    try {
      res = await request(url, {
        method: method as 'GET',
        dispatcher,
        headers: { 'user-agent': userAgent, ...(cookie ? { cookie } : {}), ...opts.headers },
        body: opts.body,
        headersTimeout: opts.timeoutMs ?? 30_000,
        bodyTimeout: opts.timeoutMs ?? 30_000,
      });
    } catch (error) {
      throw explainNetworkError(error, url);
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined) continue;
      if (k === 'set-cookie') for (const c of Array.isArray(v) ? v : [v]) await options.jar.setCookie(c, url);
      headers[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    return { status: res.statusCode, headers, text: await res.body.text() };
  }

  const boundFetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
    undiciFetch(input as string, { ...(init as object), dispatcher })) as unknown as typeof fetch;

  return { send, fetch: boundFetch, close: () => dispatcher.close() };
}

function readCa(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new JamfContractError('CONFIG_INVALID', `Cannot read the CA file given with --ca: "${file}".`, { cause });
  }
}

function cookieString(jar: CookieJar, url: string): Promise<string> {
  return new Promise((resolve) => jar.getCookieString(url, (err, cookies) => resolve(err ? '' : cookies)));
}
