/**
 * HTTP for the calls jamf-contract makes itself (tokens, version, schema, preflight, role
 * reads): Node's own http and https with the run's TLS settings and the *same cookie jar* the
 * Postman engine uses, so a Jamf Cloud affinity cookie set on the token call is sent on API
 * calls and the other way round. Node's, as the engine's requests are: its HTTP parser is
 * loaded already when a run starts, where a library of its own cost a run's first call ~70 ms
 * more on the way to the server (loading it, compiling its WebAssembly parser).
 *
 * Every call follows one policy, the one Jamf asks of clients: `--timeout` for the answer, a
 * connect timeout for silent hosts, and retries for what is safe to resend — a request that
 * never reached the server, and idempotent calls answered 429 (after `Retry-After`),
 * 502/503/504, or cut off by a reset or timeout — at most `--retries` times, with back-off.
 * One connection per server, out of the host's budget (host-limit.ts, limited-agent.ts).
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { urlToHttpOptions } from 'node:url';
import { hostBudget } from './host-limit.ts';
import { limitAgent } from './limited-agent.ts';
import { JamfContractError } from '../errors.ts';
import { ANSWER_LIMIT_BYTES } from '../limits.ts';
import { cookieString, type CookieJar } from './cookies.ts';
import { ANSWER_NOT_IN_TIME, ANSWER_TIMED_OUT, ANSWER_TOO_LARGE, answerMsFor, CONNECT_NOT_IN_TIME, explainNetworkError, reachedServer } from './net-errors.ts';
import { backoffMs, parseRetryAfter, MAX_RETRY_AFTER_MS } from './retry.ts';
import { readCa, type TlsOptions } from './tls.ts';

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
  /** The most read of an answer (default ANSWER_LIMIT_BYTES, limits.ts); a larger one is RESPONSE_TOO_LARGE. */
  maxAnswerBytes?: number;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);
const TRANSIENT = new Set([429, 502, 503, 504]);

/** How long an idle connection of ours is kept for the next call. */
const KEEP_ALIVE_MS = 10_000;

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const ca = readCa(options.tls?.caFile);
  const timeoutMs = options.policy?.timeoutMs ?? 30_000;
  const maxRetries = options.policy?.retries ?? 2;
  const connectTimeoutMs = options.policy?.connectTimeoutMs ?? Math.min(timeoutMs, 10_000);
  const tls = { rejectUnauthorized: !options.tls?.insecure, ...(ca ? { ca } : {}) };
  // Made on first use. One connection per server: the tool's own calls are few, and each
  // draws on the host's budget with the engine's (a call waits for it in the agent's queue).
  let agents: Agents | undefined;
  const agentsNow = (): Agents => (agents ??= limitedAgents(tls));
  let inFlight = 0;
  let whenIdle: Array<() => void> = [];
  const userAgent = options.userAgent ?? 'jamf-contract';
  const maxAnswerBytes = options.maxAnswerBytes ?? ANSWER_LIMIT_BYTES;

  async function once(method: string, url: string, opts: SendOptions): Promise<HttpResponse> {
    const cookie = await cookieString(options.jar, url);
    const wait = opts.timeoutMs ?? timeoutMs;
    let res: http.IncomingMessage;
    inFlight += 1;
    try {
      res = await exchange(agentsNow(), method, url, { 'user-agent': userAgent, ...(cookie ? { cookie } : {}), ...opts.headers }, opts.body, wait, connectTimeoutMs);
    } catch (error) {
      callEnded();
      throw explainNetworkError(error, url, wait, false, options.tls);
    }
    const headers: Record<string, string> = {};
    let text: string;
    try {
      for (const [k, v] of Object.entries(res.headers)) {
        if (v === undefined) continue;
        // A cookie the jar refuses (set for another domain) is dropped, as the engine drops it.
        if (k === 'set-cookie') for (const c of Array.isArray(v) ? v : [v]) await options.jar.setCookie(c, url, { ignoreError: true });
        headers[k] = Array.isArray(v) ? v.join(', ') : v;
      }
      text = await bodyText(res, maxAnswerBytes);
    } catch (error) {
      throw explainNetworkError(error, url, wait, true, options.tls);
    } finally {
      // Whatever happened, the answer is not read any further and the call is over.
      if (!res.complete) res.destroy();
      callEnded();
    }
    return { status: res.statusCode ?? 0, headers, text };
  }

  function callEnded(): void {
    inFlight -= 1;
    if (inFlight > 0) return;
    const waiting = whenIdle;
    whenIdle = [];
    for (const resolve of waiting) resolve();
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
    closeIdle: () => agents?.closeIdle(),
    close: async () => {
      // Calls under way finish first, as they would on a pool closed gracefully.
      if (inFlight > 0) await new Promise<void>((resolve) => whenIdle.push(resolve));
      agents?.destroy();
      agents = undefined;
    },
  };
}

interface Agents {
  http: http.Agent;
  https: https.Agent;
  /** Closes the connections no call is using (the next call opens a fresh one). */
  closeIdle(): void;
  destroy(): void;
}

function limitedAgents(tls: https.AgentOptions): Agents {
  const plain = new http.Agent({ keepAlive: true, timeout: KEEP_ALIVE_MS });
  const secure = new https.Agent({ keepAlive: true, timeout: KEEP_ALIVE_MS, ...tls });
  const released = [limitAgent(plain, hostBudget, false, 1), limitAgent(secure, hostBudget, true, 1)];
  const idleSockets = (): Socket[] => [plain, secure].flatMap((agent) => Object.values(agent.freeSockets).flatMap((list) => list ?? []));
  return {
    http: plain,
    https: secure,
    closeIdle: () => {
      for (const socket of idleSockets()) socket.destroy();
    },
    destroy: () => {
      for (const release of released) release();
      plain.destroy();
      secure.destroy();
    },
  };
}

/**
 * One request and its answer's head. The connect timeout runs from when the budget lets the
 * connection open until it is open (TLS included); the answer timeout while the server is
 * silent (before the head, and between the body's parts).
 */
function exchange(agents: Agents, method: string, url: string, headers: Record<string, string>, body: string | undefined, answerMs: number, connectMs: number): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    // Credentials in a URL are the run's business (they become its session), never sent as Basic here.
    const { auth: _auth, ...where } = urlToHttpOptions(target);
    const req = (secure ? https : http).request({ ...where, method, headers, agent: secure ? agents.https : agents.http });
    // First, so that nothing below can leave the request without a listener for its error.
    req.once('error', reject);
    req.once('socket', (socket: Socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => socket.destroy(codeError(CONNECT_NOT_IN_TIME, `no connection within ${connectMs} ms`)), connectMs);
      const opened = (): void => clearTimeout(timer);
      socket.once(secure ? 'secureConnect' : 'connect', opened);
      socket.once('close', opened);
    });
    req.setTimeout(answerMs, () => req.destroy(codeError(ANSWER_NOT_IN_TIME, `no answer within ${answerMs} ms`)));
    // A server that answers a byte at a time never falls silent for `answerMs`: the whole
    // exchange has a deadline too, as the engine's requests have (five times the timeout).
    let answer: http.IncomingMessage | undefined;
    const whole = connectMs + answerMsFor(answerMs);
    const deadline = setTimeout(() => {
      const late = codeError(ANSWER_TIMED_OUT, `the answer did not finish within ${whole} ms`);
      if (answer) answer.destroy(late);
      else req.destroy(late);
    }, whole);
    deadline.unref();
    const over = (): void => clearTimeout(deadline);
    req.once('error', over);
    req.once('response', (res) => {
      answer = res;
      // Read to its end, or ended otherwise: the deadline never touches a finished answer
      // (its socket may be serving the next call by then).
      res.once('end', over);
      res.once('close', over);
      // Its errors are read with the body (bodyText).
      req.removeListener('error', reject);
      req.on('error', () => undefined);
      resolve(res);
    });
    req.end(body);
  });
}

/**
 * The answer's body as UTF-8 text, a leading byte-order mark dropped (as fetch's `text()`
 * reads it); an answer cut off before its end, or larger than `maxBytes`, is an error.
 */
function bodyText(res: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy(Object.assign(codeError(ANSWER_TOO_LARGE, `the answer is larger than ${sizeText(maxBytes)}`), { limit: sizeText(maxBytes) }));
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    res.once('end', () => resolve(new TextDecoder().decode(Buffer.concat(chunks))));
    res.once('error', reject);
    res.once('close', () => {
      if (!res.complete) reject(res.errored ?? codeError('ECONNRESET', 'the answer was cut off before its end'));
    });
  });
}

function sizeText(bytes: number): string {
  return bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MB` : `${bytes} bytes`;
}

function codeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
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
