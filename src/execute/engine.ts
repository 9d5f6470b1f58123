/**
 * Drives postman-runtime for one collection and turns its callbacks into RequestResults.
 * The engine runs scripts, variables, auth helpers and cookies exactly as Postman does;
 * this module adds the token hook (through the engine's own oauth2 `refreshOAuth2Token`
 * and auth-replay mechanisms), keeps no response bodies past the `request` callback, and
 * hands each exchange to the run's observers (contract checks, shapes) while it is fresh.
 */
import { readFile } from 'node:fs';
import type { AuthSession } from '../auth/session.ts';
import { HOOK_ID } from '../auth/collection-auth.ts';
import type { PostmanCollection } from '../load/postman-types.ts';
import type { AuthFailureKind, ConsoleLine, RequestResult } from '../result.ts';
import { toResult, type Pending } from './item-result.ts';
import { UNRESOLVED_MARKER } from '../resolve/variables.ts';
import type { Redactor } from '../secrets.ts';
import type { CookieJar, TlsOptions } from './http.ts';
import { explainNetworkError } from './net-errors.ts';
import { installReplayHook, ON_RESPONSE, type ResponseHandler } from './replay-hook.ts';
import { retryDelay } from './retry.ts';
import { loadEngine, type VariableScope } from './load-engine.ts';

/** One response as the contract checker and shape recorder see it, before it is dropped. */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface EngineOptions {
  collection: PostmanCollection;
  name: string;
  /** Values for the environment scope (server variables and the user's environment). */
  environment: Record<string, string>;
  globals?: Record<string, string>;
  iterations: number;
  /** One row of data variables per iteration (`--iteration-data`). */
  iterationData?: Array<Record<string, unknown>>;
  /** Stop at the first failed test or request error (`--bail`), as the engine's stopOnFailure. */
  bail?: boolean;
  /** Pause between requests in ms (`--delay-request`), for servers that want pacing. */
  delayMs?: number;
  session: AuthSession;
  /** Variables that hold the token for scripts (`{{accessToken}}`). */
  tokenVariables: string[];
  jar: CookieJar;
  tls: TlsOptions;
  timeoutMs: number;
  redactor: Redactor;
  /** Called for every item execution, in order. `exchange` is only valid during the call. */
  onResult(result: Omit<RequestResult, 'index' | 'collection'>, exchange: Exchange | undefined): void;
  onConsole(line: ConsoleLine): void;
  /** Called before each item with its id, so the caller can emit static skips in order. */
  onBeforeItem?(itemId: string, iteration: number): void;
  onIterationEnd?(iteration: number): void;
  fastScheduling?: boolean;
  /** Retries of a read answered 429/502/503/504 (default 2; 0 turns them off). */
  maxRetries?: number;
}


export async function runCollection(options: EngineOptions): Promise<void> {
  const engine = loadEngine({ fastScheduling: options.fastScheduling });
  installReplayHook(engine);
  const { sdk } = engine;
  const { redactor, session } = options;
  const environment = scope(sdk, options.environment);
  const globals = scope(sdk, options.globals ?? {});
  let pending: Pending | undefined;
  let exchangeFor: Exchange | undefined;
  let tail: Promise<void> = Promise.resolve();

  let tokenInVariables: string | undefined;
  const setTokenVariables = (token: string): void => {
    // Only on change: the engine tracks variable mutations, and one per request adds up.
    if (token === tokenInVariables) return;
    tokenInVariables = token;
    for (const name of options.tokenVariables) environment.set(name, token, 'secret');
  };
  if (session.tokens && options.tokenVariables.length > 0) setTokenVariables(await session.tokens.token());

  const refreshOAuth2Token = Object.assign(
    (id: string, cb: (err: Error | null, token?: string) => void): void => {
      if (id !== HOOK_ID) return cb(null);
      const give = (): void => {
        if (!session.tokens) return cb(null);
        session.tokens.token().then(
          (token) => {
            setTokenVariables(token);
            cb(null, token);
          },
          (error: Error) => cb(error),
        );
      };
      const pause = pending?.pauseMs ?? 0;
      if (pending) pending.pauseMs = 0;
      if (pause > 0) setTimeout(give, pause);
      else give();
    },
    {
      [ON_RESPONSE]: ((response, token, done) => {
        const p = pending;
        if (!p) return done(false);
        if (response.code === 401) {
          if (!session.tokens || p.replayed) {
            // The fresh token was refused too: find out why before the result is written.
            if (session.tokens) p.classification ??= session.tokens.classifyRefusal();
            return done(false);
          }
          p.replaying = true;
          p.replayed = true;
          if (token) session.tokens.invalidate(token);
          return done(true);
        }
        const delay = retryDelay(p.method, response.code, response.header('retry-after'), p.retries, options.maxRetries ?? 2);
        if (delay === undefined) return done(false);
        p.retries += 1;
        p.replaying = true;
        // The engine wants the verdict before the body arrives; the pause happens in the
        // refresh hook, which the replay calls before it resends.
        p.pauseMs = delay;
        done(true);
      }) satisfies ResponseHandler,
    },
  );

  const collection = new sdk.Collection(options.collection);
  const runner = new engine.runtime.Runner();

  await new Promise<void>((resolve, reject) => {
    runner.run(
      collection,
      {
        iterationCount: options.iterations,
        ...(options.iterationData ? { data: options.iterationData } : {}),
        ...(options.bail ? { stopOnFailure: true } : {}),
        ...(options.delayMs ? { delay: { item: options.delayMs } } : {}),
        environment,
        globals,
        timeout: { request: options.timeoutMs },
        requester: {
          cookieJar: options.jar,
          strictSSL: !options.tls.insecure,
          ...(options.tls.caFile ? { extendedRootCA: options.tls.caFile } : {}),
          timings: false,
          implicitTraceHeader: false,
          systemHeaders: { 'User-Agent': 'jamf-contract (PostmanRuntime)' },
          authorizer: { refreshOAuth2Token },
        },
        // The engine reads `extendedRootCA` through the file resolver only; it may read nothing else.
        fileResolver: options.tls.caFile ? caOnlyResolver(options.tls.caFile) : undefined,
      },
      (err, run) => {
        if (err) return reject(err);
        run.start({
          beforeItem(_err: Error | null, cursor: Cursor, item: SdkItem) {
            // Through the same queue as results, so static skips land in collection order.
            if (options.onBeforeItem) tail = tail.then(() => options.onBeforeItem!(item.id, cursor.iteration));
            pending = {
              itemId: item.id,
              itemName: item.name,
              folders: foldersOf(item),
              iteration: cursor.iteration,
              method: item.request?.method ?? 'GET',
              url: redactor.redact(item.request?.url?.toString() ?? ''),
              tests: [],
              scriptErrors: [],
              replaying: false,
              replayed: false,
              retries: 0,
            };
          },
          request(error: Error | null, cursor: Cursor, response: SdkResponse | undefined, request: SdkRequest | undefined) {
            // `pm.sendRequest` calls carry a script id: they are the scripts' business.
            if (cursor.scriptId || !pending) return;
            const p = pending;
            if (p.replaying) {
              // The answer that triggers a replay (401) or retry: the last attempt's answer is the one that counts.
              p.replaying = false;
              return;
            }
            if (request) {
              p.method = request.method;
              p.url = redactor.redact(request.url.toString());
            }
            if (error || !response) {
              const explained = explainNetworkError(error, p.url);
              p.error = { code: explained.code, message: redactor.redact(explained.message) };
              return;
            }
            const headers = headerObject(response);
            p.response = {
              status: response.code,
              statusText: response.status ?? '',
              ...(headers['content-type'] ? { contentType: headers['content-type'] } : {}),
              timeMs: response.responseTime ?? 0,
              sizeBytes: response.stream?.length ?? 0,
            };
            if (response.code === 401 && session.scheme === 'basic') p.settled = 'basic-auth-disabled';
            exchangeFor = { method: p.method, url: p.url, status: response.code, headers, body: response.stream ?? Buffer.alloc(0) };
          },
          console(_cursor: Cursor, level: string, ...args: unknown[]) {
            if (args[0] === UNRESOLVED_MARKER) {
              if (pending) pending.unresolved = String(args[1] ?? '').split(',').filter(Boolean);
              return;
            }
            const message = redactor.redact(args.map(formatArg).join(' '));
            options.onConsole({ level, message, ...(pending ? { itemName: pending.itemName } : {}) });
          },
          assertion(cursor: Cursor, assertions: SdkAssertion[]) {
            if (cursor.scriptId && !pending) return;
            for (const a of assertions) {
              pending?.tests.push({
                name: redactor.redact(a.name),
                passed: !a.error && !a.skipped,
                ...(a.skipped ? { skipped: true } : {}),
                ...(a.error ? { error: redactor.redact(a.error.message ?? String(a.error)) } : {}),
              });
            }
          },
          exception(_cursor: Cursor, error: Error) {
            pending?.scriptErrors.push(redactor.redact(`${error.name ?? 'Error'}: ${error.message}`));
          },
          item(_err: Error | null, _cursor: Cursor, _item: SdkItem) {
            const p = pending;
            pending = undefined;
            if (!p) return;
            const exchange = exchangeFor;
            exchangeFor = undefined;
            finish(p, exchange).catch(reject);
          },
          iteration(_err: Error | null, cursor: Cursor) {
            if (options.onIterationEnd) tail = tail.then(() => options.onIterationEnd!(cursor.iteration));
          },
          done(error: Error | null) {
            // Results finish in order: wait for the last classification before resolving.
            tail.then(() => (error ? reject(error) : resolve()), reject);
          },
        });
      },
    );
  });

  function finish(p: Pending, exchange: Exchange | undefined): Promise<void> {
    // Emit synchronously when we can, so the exchange (body) is released at once.
    const emit = (kind: AuthFailureKind | undefined): void => options.onResult(toResult(p, kind), exchange);
    if (!p.classification) {
      tail = tail.then(() => emit(p.settled));
      return tail;
    }
    tail = tail.then(() => p.classification!.then(emit));
    return tail;
  }
}

function caOnlyResolver(caFile: string): { readFile(path: string, cb: (err: Error | null, data?: Buffer) => void): void } {
  return {
    readFile(path, cb) {
      if (path !== caFile) return cb(new Error('jamf-contract does not let collections read local files'));
      readFile(path, cb);
    },
  };
}

interface Cursor {
  iteration: number;
  position: number;
  scriptId?: string;
}
interface SdkItem {
  id: string;
  name: string;
  request?: SdkRequest;
  parent(): SdkGroup | undefined;
}
interface SdkGroup {
  name: string;
  parent?: () => SdkGroup | undefined;
}
interface SdkRequest {
  method: string;
  url: { toString(): string };
}
interface SdkResponse {
  code: number;
  status?: string;
  responseTime?: number;
  stream?: Buffer;
  headers: { each(fn: (h: { key: string; value: string }) => void): void };
}
interface SdkAssertion {
  name: string;
  skipped?: boolean;
  error?: { message?: string };
}

function scope(sdk: ReturnType<typeof loadEngine>['sdk'], values: Record<string, string>): VariableScope {
  return new sdk.VariableScope({ values: Object.entries(values).map(([key, value]) => ({ key, value })) });
}

function foldersOf(item: SdkItem): string[] {
  const names: string[] = [];
  let group = item.parent();
  // The outermost group is the collection itself: it has no parent.
  while (group && group.parent?.()) {
    names.unshift(group.name);
    group = group.parent();
  }
  return names;
}

function headerObject(response: SdkResponse): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.each((h) => {
    const key = h.key.toLowerCase();
    out[key] = out[key] === undefined ? String(h.value) : `${out[key]}, ${String(h.value)}`;
  });
  return out;
}

function formatArg(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  try {
    return JSON.stringify(arg);
  } catch {
    return String(arg);
  }
}
