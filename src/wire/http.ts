/**
 * HTTP for the calls jamf-contract makes itself (tokens, version, schema, preflight, role
 * reads): undici with the run's TLS settings and the *same cookie jar* the Postman engine
 * uses, so a Jamf Cloud affinity cookie set on the token call is sent on API calls and the
 * other way round.
 *
 * Every call follows one policy, the one Jamf asks of clients: `--timeout` for the answer, a
 * connect timeout for silent hosts, and retries for what is safe to resend — a request that
 * never reached the server, and idempotent calls answered 429 (after `Retry-After`),
 * 502/503/504, or cut off by a reset or timeout — at most `--retries` times, with back-off.
 */
import type { Socket } from 'node:net';
import type * as Undici from 'undici';
import { holdUntilClosed, hostBudget, hostKey, hostKeyOf } from './host-limit.ts';
import { JamfContractError } from '../errors.ts';
import { cookieString, type CookieJar } from './cookies.ts';
import { explainNetworkError, reachedServer } from './net-errors.ts';
import { backoffMs, parseRetryAfter, MAX_RETRY_AFTER_MS } from './retry.ts';
import { readCa, type TlsOptions } from './tls.ts';
import { undiciParts } from './undici-parts.ts';

export type { CookieJar } from './cookies.ts';
export type { TlsOptions } from './tls.ts';

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface SendOptions {
  headers?: Record<string, string>;
  body?: string;
  /** This call's answer timeout, when it must differ from the run's. */
  timeoutMs?: number;
  /** Safe to resend after it may have reached the server (default: GET, HEAD and OPTIONS are). */
  idempotent?: boolean;
  /** Retries for this call (default: the client's). */
  retries?: number;
}

export interface HttpClient {
  send(method: string, url: string, options?: SendOptions): Promise<HttpResponse>;
  /** A `fetch` over `send`: the same TLS settings, cookie jar, timeouts and retries. */
  fetch: typeof fetch;
  /**
   * Closes the connections this client holds and is not using now (the next call opens a
   * fresh one). A run calls it before the engine opens its own: a place given back then is
   * free when the engine wants it, not 50 ms after it asked (host-limit.ts).
   */
  closeIdle(): void;
  close(): Promise<void>;
}

export interface CallPolicy {
  /** Answer timeout (`--timeout`), default 30 s. */
  timeoutMs?: number;
  /** Retries of what is safe to resend (`--retries`), default 2. */
  retries?: number;
  /** Connect timeout, default min(timeout, 10 s). */
  connectTimeoutMs?: number;
}

export interface HttpClientOptions {
  jar: CookieJar;
  tls?: TlsOptions;
  userAgent?: string;
  policy?: CallPolicy;
  /** Aborting it ends waits between retries (a run interrupted by a signal); a call in flight finishes. */
  signal?: AbortSignal;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);
const TRANSIENT = new Set([429, 502, 503, 504]);

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const ca = readCa(options.tls?.caFile);
  const timeoutMs = options.policy?.timeoutMs ?? 30_000;
  const maxRetries = options.policy?.retries ?? 2;
  const tls = { rejectUnauthorized: !options.tls?.insecure, ...(ca ? { ca } : {}), timeout: options.policy?.connectTimeoutMs ?? Math.min(timeoutMs, 10_000) };
  let connect: Undici.buildConnector.connector | undefined;
  // Connections count against the host's budget (host-limit.ts); idle ones are given back when someone waits.
  const limited: Undici.buildConnector.connector = (opts, done) => {
    const key = hostKey(opts.hostname, opts.port, opts.protocol === 'https:');
    connect ??= undiciParts().buildConnector(tls);
    hostBudget.acquire(key, () =>
      connect!(opts, (error, socket) => {
        if (error || !socket) {
          hostBudget.release(key);
          return done(error ?? new Error('no socket'), null);
        }
        holdUntilClosed(hostBudget, key, socket as Socket);
        done(null, socket);
      }),
    );
  };
  // Made on first use: undici (the parts used, undici-parts.ts) is loaded only by commands that call out.
  let dispatcher: Undici.Agent | undefined;
  // One connection per server: the tool's own calls are few, and a second one could wait on
  // the budget behind the first (idle by then, but undici has promised the call to the new one).
  const pool = (): Undici.Agent => (dispatcher ??= new (undiciParts().Agent)({ connect: limited, keepAliveTimeout: 10_000, connections: 1 }));
  let inFlight = 0;
  /** Nothing of ours is using a connection: end them all (a fresh pool opens on the next call). */
  const closeIdle = (): boolean => {
    if (inFlight > 0 || !dispatcher) return false;
    const idle = dispatcher;
    dispatcher = undefined;
    void idle.close();
    return true;
  };
  const stopReclaim = hostBudget.reclaimWith(closeIdle);
  const userAgent = options.userAgent ?? 'jamf-contract';

  async function once(method: string, url: string, opts: SendOptions): Promise<HttpResponse> {
    const cookie = await cookieString(options.jar, url);
    const wait = opts.timeoutMs ?? timeoutMs;
    let res;
    inFlight += 1;
    try {
      res = await undiciParts().request(url, {
        method: method as 'GET',
        dispatcher: pool(),
        headers: { 'user-agent': userAgent, ...(cookie ? { cookie } : {}), ...opts.headers },
        body: opts.body,
        headersTimeout: wait,
        bodyTimeout: wait,
      });
    } catch (error) {
      callEnded(url);
      throw explainNetworkError(error, url, wait, false, options.tls);
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined) continue;
      if (k === 'set-cookie') for (const c of Array.isArray(v) ? v : [v]) await options.jar.setCookie(c, url);
      headers[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    let text: string;
    try {
      text = await res.body.text();
    } catch (error) {
      throw explainNetworkError(error, url, wait, true, options.tls);
    } finally {
      callEnded(url);
    }
    return { status: res.statusCode, headers, text };
  }

  /**
   * A call is over. Someone may have waited for this host while it ran (reclaiming declines
   * while a call is in flight): its connection, idle now, is closed to make room, as the
   * engine's agents do with theirs.
   */
  function callEnded(url: string): void {
    inFlight -= 1;
    const key = hostKeyOf(url);
    if (inFlight > 0 || !dispatcher || !key || !hostBudget.wanted(key)) return;
    const idle = dispatcher;
    dispatcher = undefined;
    setImmediate(() => void idle.close());
  }

  async function send(method: string, url: string, opts: SendOptions = {}): Promise<HttpResponse> {
    const idempotent = opts.idempotent ?? IDEMPOTENT.has(method.toUpperCase());
    const limit = opts.retries ?? maxRetries;
    for (let attempt = 0; ; attempt++) {
      let delay: number | undefined;
      try {
        const res = await once(method, url, opts);
        if (!idempotent || attempt >= limit || !TRANSIENT.has(res.status)) return res;
        delay = res.status === 429 ? retryAfter(res.headers['retry-after'], attempt) : backoffMs(attempt);
        if (delay === undefined) return res;
      } catch (error) {
        const neverSent = error instanceof JamfContractError && !reachedServer(error);
        const retryable = error instanceof JamfContractError && (error.code === 'NETWORK' || error.code === 'TIMEOUT');
        if (!retryable || attempt >= limit || !(idempotent || neverSent)) throw error;
        delay = backoffMs(attempt);
      }
      await pause(delay, options.signal);
    }
  }

  // Code that speaks fetch (the schema download) gets the same policy as every other call.
  const boundFetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const res = await send(init?.method ?? 'GET', url, { headers: plainHeaders(init?.headers), ...(typeof init?.body === 'string' ? { body: init.body } : {}) });
    return answerAsFetch(res);
  }) as typeof fetch;

  return {
    send,
    fetch: boundFetch,
    closeIdle: () => void closeIdle(),
    close: async () => {
      stopReclaim();
      await dispatcher?.close();
    },
  };
}

function retryAfter(header: string | undefined, attempt: number): number | undefined {
  const ms = parseRetryAfter(header);
  if (ms === undefined) return backoffMs(attempt);
  return ms <= MAX_RETRY_AFTER_MS ? ms : undefined;
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(interrupted());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(interrupted());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function interrupted(): JamfContractError {
  return new JamfContractError('INTERRUPTED', 'The run was interrupted while waiting to retry.');
}

/**
 * fetch's headers as a plain object. Not through the global `Headers` (nor `Response` below):
 * the first use of either loads Node's own copy of undici, ~40 ms of a run's start.
 */
function plainHeaders(init: HeadersInit | undefined): Record<string, string> {
  if (!init) return {};
  const pairs: Iterable<[string, string]> = Array.isArray(init) ? (init as Array<[string, string]>) : typeof (init as Headers).entries === 'function' ? (init as Headers).entries() : Object.entries(init as Record<string, string>);
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) out[name.toLowerCase()] = String(value);
  return out;
}

/** The parts of a fetch `Response` our fetch callers read: ok, status, headers.get, text(), json(). */
function answerAsFetch(res: HttpResponse): Response {
  const empty = [101, 204, 205, 304].includes(res.status);
  const text = empty ? '' : res.text;
  const answer = {
    ok: res.status >= 200 && res.status < 300,
    status: res.status,
    statusText: '',
    url: '',
    headers: { get: (name: string): string | null => res.headers[name.toLowerCase()] ?? null, has: (name: string): boolean => name.toLowerCase() in res.headers },
    text: () => Promise.resolve(text),
    json: () => Promise.resolve(text).then((t) => JSON.parse(t) as unknown),
  };
  return answer as unknown as Response;
}
