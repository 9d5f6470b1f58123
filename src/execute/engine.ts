/**
 * Drives postman-runtime for one collection and turns its callbacks into RequestResults.
 * The engine runs scripts, variables, auth helpers and cookies exactly as Postman does;
 * this module adds the token hook (through the engine's own oauth2 `refreshOAuth2Token`
 * and auth-replay mechanisms), the run's gate at the wire (every request judged as it is
 * really sent), keeps no response bodies past the `request` callback, and hands each
 * exchange to the run's observers (contract checks, shapes) while it is fresh.
 */
import type { AuthSession } from '../auth/session.ts';
import type { JamfContractError } from '../errors.ts';
import type { PostmanCollection } from '../load/postman-types.ts';
import type { AuthFailureKind, ConsoleLine, RequestResult } from '../result.ts';
import type { Redactor } from '../secrets.ts';
import { engineJar, type CookieJar } from '../wire/cookies.ts';
import type { Exchange } from '../wire/exchange.ts';
import { apiPath, pathVariants } from '../wire/guard/index.ts';
import { explainEngineError } from '../wire/net-errors.ts';
import type { TlsOptions } from '../wire/tls.ts';
import { createFileResolver, type FileResolverOptions } from './file-resolver.ts';
import { isHeldBack, isNotSent, isUnresolved, type GateLane } from './gate.ts';
import { hasNoResponse, newPending, refusalKind, toResult, type Pending } from './item-result.ts';
import { loadEngine, type VariableScope } from './load-engine.ts';
import { unresolvedIn } from '../resolve/unresolved.ts';
import { installReplayHook } from './replay-hook.ts';
import { POOL_KEY, type SandboxPool } from './sandbox-host.ts';
import { createTokenHook } from './token-hook.ts';
import { openGate } from './wire-hook.ts';

export type { Exchange };

export interface EngineOptions {
  collection: PostmanCollection;
  name: string;
  /** Values for the environment scope (server variables and the user's environment). */
  environment: Record<string, string>;
  globals?: Record<string, string>;
  /**
   * Values as their files typed them (numbers, booleans, objects), for the keys whose text
   * above is the file's own: scripts get `5`, not `"5"`, as under newman.
   */
  typed?: { environment?: Record<string, unknown>; globals?: Record<string, unknown> };
  /** The environment file's name (`pm.environment.name`). */
  environmentName?: string;
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
  /** This engine run's side of the run's gate (every request it sends passes it at the wire). */
  gate: GateLane;
  /** Added to the engine's iteration numbers (a unit that runs one iteration of many: `--parallel`). */
  iterationOffset?: number;
  /** Connection-limited agents for the engine's requests (wire/engine-agents.ts). */
  agents?: { http: unknown; https: unknown };
  tls: TlsOptions;
  timeoutMs: number;
  /** Script timeout (`--timeout-script`), ms; none when absent. */
  scriptTimeoutMs?: number;
  /** Follow redirects (default true; `--ignore-redirects` turns it off). */
  followRedirects?: boolean;
  /** Answers larger than this many bytes are cut off and end as RESPONSE_TOO_LARGE (0: no limit). */
  maxResponseBytes?: number;
  /** Where the files a collection names are read from. */
  files: FileResolverOptions;
  redactor: Redactor;
  /** Aborting it stops the engine after the request in flight. */
  signal?: AbortSignal;
  /** The token endpoint refused the client: the run must stop. */
  onRefused(error: JamfContractError): void;
  /** The environment scope as the run left it (scripts' changes included), when the collection ends. */
  onEnvironment?(variables: Array<{ key: string; value: unknown; type?: string }>): void;
  /** Called for every item execution, in order. `exchange` is only valid during the call. */
  onResult(result: Omit<RequestResult, 'index' | 'collection'>, exchange: Exchange | undefined): void;
  onConsole(line: ConsoleLine): void;
  /** Called before each item with its id, so the caller can emit static skips in order. */
  onBeforeItem?(itemId: string, iteration: number): void;
  onIterationEnd?(iteration: number): void;
  fastScheduling?: boolean;
  /** The run's warm script sandbox (one for every engine run of the run); without it, each engine run starts its own. */
  sandbox?: SandboxPool;
  /** Retries of a read answered 429/502/503/504 (default 2; 0 turns them off). */
  maxRetries?: number;
}

export async function runCollection(options: EngineOptions): Promise<void> {
  const engine = loadEngine({ fastScheduling: options.fastScheduling });
  installReplayHook(engine);
  const { sdk } = engine;
  const { redactor, session, gate } = options;
  const environment = scope(sdk, options.environment, options.typed?.environment, options.environmentName);
  const globals = scope(sdk, options.globals ?? {}, options.typed?.globals);
  let pending: Pending | undefined;
  let exchangeFor: Exchange | undefined;
  /** Results, skips and iteration ends, in order; it never rejects (a fault ends it, see `fault`). */
  let tail: Promise<void> = Promise.resolve();
  /**
   * The first fault in what the run calls back (a caller's `onResult` or contract check that
   * throws): nothing more is reported, the engine stops between items, and the run rejects
   * with it once the engine is done — never an unhandled rejection beside the caller's catch.
   */
  let faulted: { error: unknown } | undefined;
  let stopEngine = (): void => {};
  const fault = (error: unknown): void => {
    if (faulted) return;
    faulted = { error };
    stopEngine();
  };
  const then = (step: () => void | Promise<void>): Promise<void> =>
    (tail = tail.then(() => (faulted ? undefined : step())).catch(fault));
  /** Responses the engine reported (items and scripts): never more than the gate let through. */
  let answered = 0;

  let tokenInVariables: string | undefined;
  const setTokenVariables = (token: string): void => {
    // Only on change: the engine tracks variable mutations, and one per request adds up.
    if (token === tokenInVariables) return;
    tokenInVariables = token;
    for (const name of options.tokenVariables) environment.set(name, token, 'secret');
  };
  if (session.tokens && options.tokenVariables.length > 0) setTokenVariables(await session.tokens.token());

  const refreshOAuth2Token = createTokenHook({
    session,
    gate,
    pending: () => pending,
    onToken: setTokenVariables,
    onRefused: options.onRefused,
    maxRetries: options.maxRetries ?? 2,
  });

  const collection = new sdk.Collection(options.collection);
  const runner = new engine.runtime.Runner();
  const offset = options.iterationOffset ?? 0;
  // The key by which this engine run's requests find its gate (see wire-hook.ts).
  const systemHeaders = { 'User-Agent': 'jamf-contract (PostmanRuntime)' };
  const closeGate = openGate(systemHeaders, gate);

  await new Promise<void>((resolve, reject) => {
    let tampered: Error | undefined;
    runner.run(
      collection,
      {
        iterationCount: options.iterations,
        ...(options.iterationData ? { data: options.iterationData } : {}),
        ...(options.bail ? { stopOnFailure: true } : {}),
        ...(options.delayMs ? { delay: { item: options.delayMs } } : {}),
        environment,
        globals,
        ...(options.sandbox ? { host: { [POOL_KEY]: options.sandbox } } : {}),
        // `global: 0` is no limit (the engine's default would end every collection after 3 minutes); --timeout-run is the run's.
        timeout: { request: options.timeoutMs, global: 0, ...(options.scriptTimeoutMs ? { script: options.scriptTimeoutMs } : {}) },
        requester: {
          cookieJar: engineJar(options.jar),
          strictSSL: !options.tls.insecure,
          ...(options.tls.caFile ? { extendedRootCA: options.tls.caFile } : {}),
          timings: false,
          implicitTraceHeader: false,
          systemHeaders,
          ...(options.agents ? { agents: options.agents } : {}),
          // As newman runs the engine: URLs parsed and encoded as browsers (and servers) expect.
          useWhatWGUrlParser: true,
          ...(options.followRedirects === false ? { followRedirects: false } : {}),
          // A body is held whole in memory and handed to scripts as one string: without a cap a
          // huge or endless answer ends the process (V8's strings stop at 512 MB).
          ...(options.maxResponseBytes ? { maxResponseSize: options.maxResponseBytes } : {}),
          authorizer: { refreshOAuth2Token },
        },
        // Form-data files, binary bodies, certificates, and `extendedRootCA`: all through one resolver.
        fileResolver: createFileResolver({ ...options.files, allow: [...(options.files.allow ?? []), ...(options.tls.caFile ? [options.tls.caFile] : [])] }),
      },
      (err, run) => {
        if (err) {
          closeGate();
          return reject(err);
        }
        // Stopping: the item in flight finishes and is reported (the gate already sends nothing
        // more); the engine is stopped between items.
        let stopping = false;
        const abort = (): void => {
          stopping = true;
          if (!pending) run.abort();
        };
        stopEngine = abort;
        if (options.signal?.aborted) abort();
        options.signal?.addEventListener('abort', abort, { once: true });
        run.start({
          beforeItem(_err: Error | null, cursor: Cursor, item: SdkItem) {
            // Held back between items (collection-level scripts of no item) would otherwise land on the next one.
            gate.drainHeld();
            if (stopping) return;
            // Through the same queue as results, so static skips land in collection order.
            if (options.onBeforeItem) void then(() => options.onBeforeItem!(item.id, cursor.iteration + offset));
            pending = newPending({
              itemId: item.id,
              itemName: item.name,
              folders: foldersOf(item),
              iteration: cursor.iteration + offset,
              method: item.request?.method ?? 'GET',
              url: redactor.redact(item.request?.url?.toString() ?? ''),
            });
          },
          request(error: Error | null, cursor: Cursor, response: SdkResponse | undefined, request: SdkRequest | undefined) {
            if (response) answered += 1;
            if (answered > gate.admitted) {
              // A response the gate never let out: the guard is not in the path. Stop at once.
              tampered ??= new Error('A request reached the server without passing the read-only guard; the run was stopped. Please report this with the engine versions (npm ls postman-runtime).');
              run.abort();
            }
            // `pm.sendRequest` calls carry a script id: they are the scripts' business, but
            // what the gate held back while an item ran (its scripts' requests, redirect hops) is listed on the item.
            if (cursor.scriptId) return;
            const p = pending;
            if (!p) return;
            if (p.replaying) {
              // The answer that triggers a replay (401) or retry: the last attempt's answer is the one that counts.
              p.replaying = false;
              if (response) p.replayedStatus = response.code;
              return;
            }
            if (request) {
              p.method = request.method.toUpperCase();
              p.url = redactor.redact(request.url.toString());
            }
            if (isHeldBack(error)) {
              p.heldAtWire = error.record;
              return;
            }
            if (isUnresolved(error)) {
              p.unresolved = error.names;
              return;
            }
            if (isNotSent(error)) {
              p.error = { code: error.code, message: redactor.redact(error.message), sent: false };
              if (p.replayed) p.settled = refusalKind(error.code);
              return;
            }
            if (error || !response) {
              const explained = explainEngineError(error, p.url, options.timeoutMs, options.tls, options.maxResponseBytes);
              p.error = { code: explained.code, message: redactor.redact(explained.message), sent: explained.sent };
              return;
            }
            if (gate.lastItemUnresolved.length > 0) p.unresolvedSent = gate.lastItemUnresolved;
            const headers = headerObject(response);
            p.response = {
              status: response.code,
              statusText: response.status ?? '',
              ...(headers['content-type'] ? { contentType: headers['content-type'] } : {}),
              timeMs: response.responseTime ?? 0,
              sizeBytes: response.stream?.length ?? 0,
            };
            if (response.code === 401 && session.scheme === 'basic') p.settled = apiPath(pathVariants(p.url)[0] ?? '').api === 'pro' ? 'basic-not-accepted' : 'basic-auth-disabled';
            exchangeFor = { method: p.method, url: p.url, status: response.code, headers, body: response.stream ?? Buffer.alloc(0) };
          },
          console(_cursor: Cursor, level: string, ...args: unknown[]) {
            if (faulted) return;
            const message = redactor.redact(args.map(formatArg).join(' '));
            try {
              options.onConsole({ level, message, ...(pending ? { itemName: pending.itemName } : {}) });
            } catch (error) {
              fault(error);
            }
          },
          assertion(cursor: Cursor, assertions: SdkAssertion[]) {
            if (cursor.scriptId && !pending) return;
            // Tests of a request that got no response are not results (engines whose test step could not be skipped).
            if (pending && hasNoResponse(pending)) return;
            for (const a of assertions) {
              pending?.tests.push({
                name: redactor.redact(a.name),
                passed: !a.error && !a.skipped,
                ...(a.skipped ? { skipped: true } : {}),
                ...(a.error ? { error: redactor.redact(a.error.message ?? String(a.error)) } : {}),
              });
            }
          },
          // Errors the sandbox reports on a script's result rather than as an exception (a script timeout).
          prerequest(_err: Error | null, _cursor: Cursor, results: ScriptResult[] | undefined) {
            noteScriptFailures(pending, results, redactor);
          },
          test(_err: Error | null, _cursor: Cursor, results: ScriptResult[] | undefined) {
            if (pending && hasNoResponse(pending)) return;
            noteScriptFailures(pending, results, redactor);
          },
          exception(_cursor: Cursor, error: Error) {
            // Only test scripts run after a request that got no response; their throws are not results either.
            if (pending && hasNoResponse(pending)) return;
            pending?.scriptErrors.push(redactor.redact(`${error.name ?? 'Error'}: ${error.message}`));
          },
          item(_err: Error | null, cursor: Cursor, item: SdkItem) {
            const p = pending;
            pending = undefined;
            const held = gate.drainHeld();
            if (!p) return;
            // Skipped by its own pre-request script (a generated guard, say) while a value it
            // needs is unset: reported as the wire would have, with the variables' names.
            if (!p.response && !p.error && !p.heldAtWire && !p.unresolved) {
              const unset = unsetIn(item, [run.state?.environment, run.state?.globals, run.state?.collectionVariables], dataRow(options.iterationData, cursor.iteration));
              if (unset.length > 0) p.unresolved = unset;
            }
            p.heldBack.push(...held.filter((h) => h !== p.heldAtWire));
            const exchange = exchangeFor;
            exchangeFor = undefined;
            finish(p, exchange);
            if (stopping) run.abort();
          },
          iteration(_err: Error | null, cursor: Cursor) {
            if (options.onIterationEnd) void then(() => options.onIterationEnd!(cursor.iteration + offset));
          },
          done(error: Error | null) {
            closeGate();
            options.signal?.removeEventListener('abort', abort);
            options.onEnvironment?.(environment.values.toJSON());
            // Results finish in order: wait for the last classification before resolving.
            void tail.then(() => (tampered ? reject(tampered) : faulted ? reject(faulted.error) : error ? reject(error) : resolve()));
          },
        });
      },
    );
  });

  function finish(p: Pending, exchange: Exchange | undefined): void {
    // Emit synchronously when we can, so the exchange (body) is released at once.
    const emit = (kind: AuthFailureKind | undefined): void => options.onResult(toResult(p, kind), exchange);
    if (!p.classification) void then(() => emit(p.settled));
    else void then(() => p.classification!.then(emit));
  }
}

interface ScriptResult {
  error?: { name?: string; message?: string };
}

/** A script error not already reported as an exception (the sandbox timing out, say). */
function noteScriptFailures(pending: Pending | undefined, results: ScriptResult[] | undefined, redactor: Redactor): void {
  if (!pending) return;
  for (const r of results ?? []) {
    // Under --bail the engine marks the failed test script with an AssertionFailure: the failed tests already say it.
    if (!r.error || r.error.name === 'AssertionFailure') continue;
    const text = redactor.redact(`${r.error.name ?? 'Error'}: ${r.error.message ?? ''}`);
    if (!pending.scriptErrors.includes(text)) pending.scriptErrors.push(text);
  }
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

/** The `{{variables}}` of an item's URL that no scope (nor the data row) defines now. */
function unsetIn(item: SdkItem, scopes: Array<VariableScope | undefined>, row: Record<string, unknown> | undefined): string[] {
  const names = unresolvedIn({ url: item.request?.url?.toString() ?? '' });
  return names.filter((name) => !(row && Object.hasOwn(row, name)) && !scopes.some((s) => s?.has(name)));
}

/** The iteration's data row (the last one again when there are more iterations than rows, as newman does). */
function dataRow(rows: Array<Record<string, unknown>> | undefined, iteration: number): Record<string, unknown> | undefined {
  return rows && rows.length > 0 ? rows[Math.min(iteration, rows.length - 1)] : undefined;
}

function scope(sdk: ReturnType<typeof loadEngine>['sdk'], values: Record<string, string>, typed: Record<string, unknown> = {}, name?: string): VariableScope {
  return new sdk.VariableScope({
    ...(name ? { name } : {}),
    values: Object.entries(values).map(([key, value]) => ({ key, value: Object.hasOwn(typed, key) ? typed[key] : value })),
  });
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
