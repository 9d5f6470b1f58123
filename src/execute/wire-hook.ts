/**
 * The engine's last step before the network, made to pass through the run's gate. Every
 * request postman-runtime sends — collection items, `pm.sendRequest` from scripts, requests
 * of its auth helpers, replays, and each hop of a redirect — reaches `request-wrapper.js`
 * with its final method, URL and headers (after variables, scripts and auth). That module's
 * export is wrapped here, in this process's module cache only, before the engine loads.
 *
 * A run's gate is found through the requester's `systemHeaders` object: the run creates it
 * and the engine hands the same object to every requester of that run (partitions
 * included). Requests of engines that are not ours pass untouched; a request that arrives
 * without having passed the requester (the engine was restructured) is refused while any
 * run of ours is open, so a change upstream fails closed rather than open.
 */
import { createRequire } from 'node:module';
import { ANSWER_TIMED_OUT } from '../wire/net-errors.ts';

const require = createRequire(import.meta.url);

export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, unknown>;
  /** The body as text, when it is text (raw, urlencoded, JSON), for what it still holds unresolved. */
  body?: string;
  /** A multipart body's text fields (not its files), for the credentials it may carry elsewhere. */
  formFields?: string;
  /** `script` for `pm.sendRequest`, `auth` for the engine's auth helpers, else `item`. */
  source: 'item' | 'script' | 'auth';
  /** Set for a redirect hop: the URL it was redirected from. */
  redirectedFrom?: string;
}

/** `strip`: headers to take out before the request goes (they hold the server's credentials, and it goes elsewhere). */
export type Admission = { allow: true; strip?: string[] } | { allow: false; error: Error };

export interface Gate {
  /** A request has reached the gate: while the run is not ready to send, a promise of when it is (the request waits, then is judged). */
  arrive?(): Promise<void> | undefined;
  admit(request: WireRequest): Admission;
  /** Paces what is admitted (pacing.ts): a request goes out when `send` calls it back. */
  readonly flight?: Flight;
  /** The whole answer must have arrived this many ms after it began (see `answerDeadline`). */
  readonly answerMs?: number;
}

export interface Flight {
  send(start: () => void): void;
  /** The request ended: `ms` from sending, `status` when it was answered. */
  done(ms: number, status: number | undefined): void;
  /** Taken by `send` but never sent. */
  release(): void;
}

type Callback = (error: Error | null, ...rest: unknown[]) => void;
type RequestFn = (request: unknown, options: NodeRequestOptions, onStart: unknown, onData: unknown, callback: Callback) => unknown;
interface NodeRequestOptions {
  method: string;
  url: { href?: string } | string;
  headers?: Record<string, unknown>;
  body?: unknown;
  form?: unknown;
  formData?: unknown;
  followRedirect?: unknown;
  followOriginalHttpMethod?: boolean;
}
interface RequesterLike {
  options: { systemHeaders?: object };
  trace?: { source?: string; cursor?: { scriptId?: string } };
}

const gates = new WeakMap<object, Gate>();
let openGates = 0;
/** The gate of the requester whose `request` is on the stack (the engine calls the wrapper synchronously from it). */
let current: { gate?: Gate; source: WireRequest['source'] } | undefined;
let installed = false;

/** Registers a run: every request made with `systemHeaders` as its requester option passes `gate`. */
export function openGate(systemHeaders: object, gate: Gate): () => void {
  gates.set(systemHeaders, gate);
  openGates += 1;
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    gates.delete(systemHeaders);
    openGates -= 1;
  };
}

export function wireHookInstalled(): boolean {
  return installed;
}

/**
 * Wraps the engine's request function. Must run before postman-runtime's requester module is
 * loaded; returns false when that already happened (the hook could not be placed).
 */
export function installWireHook(): boolean {
  if (installed) return true;
  const wrapperFile = require.resolve('postman-runtime/lib/requester/request-wrapper');
  const requesterFile = require.resolve('postman-runtime/lib/requester/requester');
  if (require.cache[requesterFile]) return false;
  const original = require(wrapperFile) as RequestFn;
  const cached = require.cache[wrapperFile];
  if (!cached || typeof original !== 'function') return false;
  cached.exports = guardedRequest(original);

  const { Requester } = require(requesterFile) as { Requester: { prototype: { request: (this: RequesterLike, ...args: unknown[]) => unknown } } };
  const send = Requester.prototype.request;
  if (typeof send !== 'function') return false;
  Requester.prototype.request = function (this: RequesterLike, ...args: unknown[]) {
    const key = this.options?.systemHeaders;
    const gate = key ? gates.get(key) : undefined;
    const source = this.trace?.cursor?.scriptId ? 'script' : /\.auth$/.test(this.trace?.source ?? '') ? 'auth' : 'item';
    const outer = current;
    current = { ...(gate ? { gate } : {}), source };
    try {
      return send.apply(this, args);
    } finally {
      current = outer;
    }
  };
  installed = true;
  return true;
}

function guardedRequest(original: RequestFn): RequestFn {
  return function (request, options, onStart, onData, callback) {
    const context = current;
    if (!context) {
      // Reached without passing a requester: refuse while a run of ours could be affected.
      if (openGates > 0) return refuse(callback, new Error('jamf-contract: a request reached the network without passing the run\'s guard; it was not sent.'));
      return original(request, options, onStart, onData, callback);
    }
    const gate = context.gate;
    if (!gate) return original(request, options, onStart, onData, callback);
    const pass = (): unknown => admitted(original, gate, context.source, request, options, onStart, onData, callback);
    const opening = gate.arrive?.();
    return opening ? afterOpening(opening, pass) : pass();
  };
}

/** Judges a request that may be judged now, and sends it if it is allowed (through the run's pacing). */
function admitted(original: RequestFn, gate: Gate, source: WireRequest['source'], ...[request, options, onStart, onData, callback]: Parameters<RequestFn>): unknown {
  const url = hrefOf(options.url);
  const body = bodyText(options);
  const formFields = formFieldText(options);
  const admission = gate.admit({ method: String(options.method ?? 'GET'), url, headers: options.headers ?? {}, ...(body ? { body } : {}), ...(formFields ? { formFields } : {}), source });
  if (!admission.allow) return refuse(callback, admission.error);
  if (admission.strip && options.headers) for (const name of admission.strip) delete options.headers[name];
  guardRedirects(options, gate, source);
  const send = (done: Callback): unknown => answerDeadline(gate.answerMs, onStart, done, (started, finish) => original(request, options, started, onData, finish));
  if (!gate.flight) return send(callback);
  return paced(gate.flight, send, callback);
}

/** Judged and sent once the run is ready (or refused, if it stopped meanwhile); aborted before, never sent. */
function afterOpening(opening: Promise<void>, pass: () => unknown): { abort(): void } {
  let inner: { abort?: () => void } | undefined;
  let aborted = false;
  void opening.then(() => {
    if (!aborted) inner = pass() as { abort?: () => void } | undefined;
  });
  return {
    abort() {
      aborted = true;
      inner?.abort?.();
    },
  };
}

/**
 * postman-request's timeout bounds the wait for an answer to begin and each silence within it,
 * not the answer as a whole: a server sending a byte now and then held a request (and the
 * run) forever — in the body, or in the head before the body. Here the head must be complete
 * within `ms` of sending, and the whole answer within `ms` of the head.
 */
function answerDeadline(ms: number | undefined, onStart: unknown, callback: Callback, start: (onStart: unknown, callback: Callback) => unknown): unknown {
  if (!ms) return start(onStart, callback);
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  let begun = false;
  const finish: Callback = (error, ...rest) => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    callback(error, ...rest);
  };
  const sent: { handle?: { abort?: () => void } } = {};
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      sent.handle?.abort?.();
      finish(Object.assign(new Error(`the answer did not finish within ${ms} ms`), { code: ANSWER_TIMED_OUT }));
    }, ms);
  };
  const started = (...args: unknown[]): void => {
    if (!begun) {
      begun = true;
      arm();
    }
    if (typeof onStart === 'function') (onStart as (...a: unknown[]) => void)(...args);
  };
  // The head: a server silent before it is postman-request's timeout; one trickling it is this.
  arm();
  sent.handle = start(started, finish) as { abort?: () => void } | undefined;
  return sent.handle;
}

/** Sends when the run's pacing allows (at once, mostly), and tells it how the request went. */
function paced(flight: Flight, send: (done: Callback) => unknown, callback: Callback): { abort(): void } {
  let inner: { abort?: () => void } | undefined;
  let aborted = false;
  flight.send(() => {
    if (aborted) return flight.release();
    const started = performance.now();
    inner = send((error, ...rest) => {
      const status = (rest[0] as { statusCode?: unknown } | undefined)?.statusCode;
      flight.done(performance.now() - started, typeof status === 'number' ? status : undefined);
      callback(error, ...rest);
    }) as { abort?: () => void } | undefined;
  });
  return {
    abort() {
      aborted = true;
      inner?.abort?.();
    },
  };
}

/** Each redirect hop is a request too: judged with the method it will be sent with. */
function guardRedirects(options: NodeRequestOptions, gate: Gate, source: WireRequest['source']): void {
  // postman-request follows redirects unless `followRedirect` is false; a function decides per hop.
  if (options.followRedirect === false) return;
  const previous = typeof options.followRedirect === 'function' ? (options.followRedirect as (this: unknown, r: unknown) => boolean) : undefined;
  const keepMethod = Boolean(options.followOriginalHttpMethod);
  const headers = options.headers ?? {};
  options.followRedirect = function (this: { method?: string; uri?: { href?: string }; headers?: Record<string, unknown>; removeHeader?(name: string): unknown }, response: { statusCode: number; caseless?: { get(name: string): unknown } }) {
    if (previous && !previous.call(this, response)) return false;
    const from = this.uri?.href ?? '';
    const location = String(response.caseless?.get('location') ?? '');
    let target: string;
    try {
      target = new URL(location, from).toString();
    } catch {
      target = location;
    }
    const sameMethod = keepMethod || [307, 308, 401].includes(response.statusCode);
    const method = sameMethod || String(this.method).toUpperCase() === 'HEAD' ? String(this.method ?? 'GET') : 'GET';
    // The hop's own headers: postman-request takes Authorization and Cookie off a hop to another
    // origin after this, but not a header a script put the token in.
    const admission = gate.admit({ method, url: target, headers: this.headers ?? headers, source, redirectedFrom: from });
    if (admission.allow && admission.strip) for (const name of admission.strip) this.removeHeader?.(name);
    return admission.allow;
  };
}

function refuse(callback: Callback, error: Error): { abort(): void } {
  // Asynchronously, as a network error would arrive: the engine's callers expect that.
  setImmediate(() => callback(error));
  return { abort() {} };
}

/** Text bodies only, and only their start: enough to find a `{{variable}}` left in them. */
function bodyText(options: NodeRequestOptions): string | undefined {
  const limit = 1 << 16;
  if (typeof options.body === 'string') return options.body.slice(0, limit);
  if (Buffer.isBuffer(options.body)) return options.body.subarray(0, limit).toString('utf8');
  if (typeof options.form === 'string') return options.form.slice(0, limit);
  if (options.form && typeof options.form === 'object') return JSON.stringify(options.form).slice(0, limit);
  return undefined;
}

/** postman-runtime hands a multipart body over as `[{ key, value }]`, a value text or a file's stream: the text ones. */
function formFieldText(options: NodeRequestOptions): string | undefined {
  if (!Array.isArray(options.formData)) return undefined;
  const fields = (options.formData as Array<{ key?: unknown; value?: unknown }>)
    .filter((field) => typeof field?.value === 'string')
    .map((field) => `${String(field.key ?? '')}=${field.value as string}`);
  return fields.length > 0 ? fields.join('\n') : undefined;
}

function hrefOf(url: NodeRequestOptions['url']): string {
  if (typeof url === 'string') return url;
  return url?.href ?? String(url);
}
