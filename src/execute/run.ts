/**
 * A whole run: load → resolve → auth → execute (→ contract checks) → reporters.
 * Results stream to reporters as they come; nothing keeps response bodies.
 *
 * How a run ends is part of its result. Before the reporters start (bad input, no session,
 * no contract) it throws and no report is written. Once they have started, a signal
 * (`signal`), or the token endpoint refusing the client, stops it: nothing more is sent,
 * and the summary says why (`stopped`) next to everything that did run. Only a fault of
 * the tool itself after that point aborts the reports.
 */
import { dirname } from 'node:path';
import { openAuthSession, type AuthMode, type AuthSession, type Credentials } from '../auth/session.ts';
import { isJamfContractError, JamfContractError } from '../errors.ts';
import { loadCollections, type LoadedCollection } from '../load/collection.ts';
import { loadEnvironment, loadGlobals, type LoadedEnvironment } from '../load/environment.ts';
import { loadIterationData } from '../load/iteration-data.ts';
import { selectFolders } from '../load/select.ts';
import { selectShard, type ShardSpec } from '../load/shard.ts';
import { serverFromEnvironment, stripSlash } from '../resolve/conventions.ts';
import { splitServerCredentials, type SplitServerUrl } from '../resolve/server-url.ts';
import type { Reporter, RequestResult, RunInfo, RunStop, RunSummary } from '../result.ts';
import { Redactor, REDACTED } from '../secrets.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import type { ResponseObserver } from '../validate/observer.ts';
import { newCookieJar, type CookieJar } from '../wire/cookies.ts';
import { createHttpClient, type HttpClient } from '../wire/http.ts';
import type { TlsOptions } from '../wire/tls.ts';
import { runCollection } from './engine.ts';
import { RunGate, type UnresolvedMode } from './gate.ts';
import { prepareCollection, type PreparedCollection, type StaticSkip } from './prepare.ts';
import { Tally } from './tally.ts';
import { openGate } from './wire-hook.ts';

export type { ResponseObserver };

export interface RunOptions {
  collections: string[];
  folders?: string[];
  excludeFolders?: string[];
  /** `--shard K/N`: run one part of the requests (see load/shard.ts). */
  shard?: ShardSpec;
  /** Server base URL; when absent it is worked out from the environment file. */
  serverUrl?: string;
  envFile?: string;
  /** `--globals`: a Postman globals file (JSON or v3 `*.globals.yaml`) for the globals scope. */
  globalsFile?: string;
  vars?: Record<string, string>;
  credentials: Credentials;
  auth?: AuthMode;
  /** Iterations; defaults to the number of data rows when `iterationData` is given, else 1. */
  iterations?: number;
  /** `--iteration-data`: a JSON array or CSV file, one row of variables per iteration. */
  iterationDataFile?: string;
  /** Stop at the first failed test or request error. */
  bail?: boolean;
  /** Pause between requests, in ms. */
  delayMs?: number;
  allowWrites?: boolean;
  allowDestructive?: boolean;
  /** Collection requests still using `{{variables}}` nothing defined when they are sent: `skip` (default), `send` as written, or `fail` (refuse the run up front). */
  unresolved?: UnresolvedMode;
  /** The same as `unresolved: 'fail'` (the old flag). */
  strictVariables?: boolean;
  tls?: TlsOptions;
  /** Where a collection's files (form-data, binary bodies) are read from; default: each collection's own folder. */
  workingDir?: string;
  /** Let collections read files outside the working directory. */
  insecureFileRead?: boolean;
  /** Follow redirects (default true). */
  followRedirects?: boolean;
  /** Script timeout, ms (none by default). */
  scriptTimeoutMs?: number;
  /** Stops the whole run after this long (reports of what ran are written; `stopped` says so). */
  runTimeoutMs?: number;
  /** Writes the environment as the last collection left it (newman's `--export-environment`), secrets redacted. */
  exportEnvironmentFile?: string;
  /** Answer timeout for every request, the collection's and the tool's own (ms, default 60 s). */
  timeoutMs?: number;
  /** Retries of what is safe to resend (default 2; 0 turns them off). */
  maxRetries?: number;
  /** Aborting it stops the run: the reason (`SIGINT`, `SIGTERM`) is reported. */
  signal?: AbortSignal;
  reporters?: Reporter[];
  redactor?: Redactor;
  /** Builds the contract checker once the server and its version are known. */
  contract?: (context: { serverUrl: string; jamfVersion?: string; http: HttpClient }) => Promise<ResponseObserver | undefined>;
  /** Adds a body shape signature to each result (for baselines). */
  shapeOf?: (body: Buffer, contentType: string | undefined) => Record<string, string>;
  /**
   * Runs once the session is open and before any collection request is sent; throwing stops
   * the run (`run --preflight`: the doctor's checks, with the run's own token).
   */
  preflight?: (context: { serverUrl: string; credentials: Credentials; session: AuthSession; http: HttpClient; collections: LoadedCollection[] }) => Promise<void>;
  /** Every result, after reporters (for baselines and tests). */
  onResult?: (result: RequestResult) => void;
  fastScheduling?: boolean;
}

export async function runCollections(options: RunOptions): Promise<RunSummary> {
  const redactor = options.redactor ?? new Redactor();
  const reporters = options.reporters ?? [];
  const { collections: loaded, suite, shard, notices: shardNotices } = selectShard(selectFolders(await loadCollections(options.collections), {
    include: options.folders ?? [],
    exclude: options.excludeFolders ?? [],
  }), options.shard);
  const env = options.envFile ? await loadEnvironment(options.envFile) : undefined;
  const globals = options.globalsFile ? await loadGlobals(options.globalsFile) : undefined;
  const data = options.iterationDataFile ? await loadIterationData(options.iterationDataFile) : undefined;
  const iterations = options.iterations ?? data?.length ?? 1;
  for (const key of env?.secretKeys ?? []) redactor.add(env?.values[key]);
  for (const key of globals?.secretKeys ?? []) redactor.add(globals?.values[key]);
  // Credentials in the server URL (flag, JAMF_URL or environment file) leave it here, before anything shows it.
  const split = splitServerCredentials(options.serverUrl ?? serverFromEnvironment(loaded, { ...env?.values, ...options.vars }));
  redactor.add(split.password).addBasic(split.username, split.password);
  const serverUrl = stripSlash(split.url);
  const credentials = credentialsWithUrl(options.credentials, split);
  const timeoutMs = options.timeoutMs ?? 60_000;

  // One stop for everything: the caller's signal, or the client refused mid-run.
  const stopper = new AbortController();
  let stop: RunStop | undefined;
  const stopWith = (reason: RunStop): void => {
    stop ??= reason;
    gate.stop(reason.code, `not sent: ${reason.message}`);
    stopper.abort();
  };
  const onSignal = (): void => {
    const signal = String(options.signal?.reason ?? 'SIGINT') === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
    stopWith({ kind: 'interrupted', code: 'INTERRUPTED', signal, message: `the run was interrupted (${signal}) before it finished` });
  };

  const jar = newCookieJar();
  const tls = options.tls ?? {};
  const http = createHttpClient({ jar, tls, policy: { timeoutMs, retries: options.maxRetries ?? 2 }, signal: stopper.signal });
  const unresolved: UnresolvedMode = options.strictVariables ? 'fail' : (options.unresolved ?? 'skip');
  const gate = new RunGate({ allowWrites: options.allowWrites ?? false, allowDestructive: options.allowDestructive ?? false }, redactor, unresolved);
  // The key by which the engine's requests find this run's gate (see wire-hook.ts).
  const systemHeaders = { 'User-Agent': 'jamf-contract (PostmanRuntime)' };
  const closeGate = openGate(systemHeaders, gate);
  if (options.signal?.aborted) onSignal();
  options.signal?.addEventListener('abort', onSignal, { once: true });
  const runTimer = options.runTimeoutMs
    ? setTimeout(() => stopWith({ kind: 'error', code: 'TIMEOUT', message: `the run took longer than --timeout-run ${options.runTimeoutMs} ms` }), options.runTimeoutMs)
    : undefined;
  let session: AuthSession | undefined;
  const started = Date.now();
  try {
    session = await openAuthSession({ mode: options.auth ?? 'auto', serverUrl, credentials, http, redactor });
    throwIfInterrupted(stop);
    await options.preflight?.({ serverUrl, credentials, session, http, collections: loaded });
    const prepared = loaded.map((c) =>
      prepareCollection(c, {
        serverUrl,
        session: session!,
        environment: env?.values ?? {},
        ...(globals ? { globals: globals.values } : {}),
        vars: options.vars ?? {},
        allowWrites: options.allowWrites ?? false,
        allowDestructive: options.allowDestructive ?? false,
        unresolved,
        ...(data ? { dataVariables: [...new Set(data.flatMap((row) => Object.keys(row)))] } : {}),
      }),
    );
    const observer = await options.contract?.({ serverUrl, ...(session.jamfVersion ? { jamfVersion: session.jamfVersion } : {}), http });
    throwIfInterrupted(stop);
    const info: RunInfo = {
      startedAt: new Date(started).toISOString(),
      server: serverUrl,
      ...(session.jamfVersion ? { jamfVersion: session.jamfVersion } : {}),
      authScheme: session.scheme,
      collections: prepared.map((p) => p.name),
      iterations,
      // For the progress bar's total: every request once per iteration (setNextRequest may change it).
      plannedRequests: prepared.reduce((n, p) => n + p.plan.length, 0) * iterations,
      suite,
      ...(shard ? { shard } : {}),
    };
    for (const r of reporters) r.onStart?.(info);

    const tally = new Tally({ reporters, observer, serverUrl, redactor, ...(options.shapeOf ? { shapeOf: options.shapeOf } : {}), ...(options.onResult ? { onResult: options.onResult } : {}) });
    const ctx: ExecuteContext = {
      options, session, jar, tls, redactor, tally, iterations, gate, systemHeaders, timeoutMs,
      signal: stopper.signal,
      onRefused: (error) => stopWith({ kind: 'error', code: error.code, message: redactor.redact(error.message) }),
      ...(data ? { data } : {}),
      ...(globals ? { globals: globals.values, globalsFile: globals } : {}),
      ...(env ? { env } : {}),
    };
    for (const p of prepared) {
      if (stop) break;
      await executeOne(p, ctx);
      // --bail stops the whole run, not only the collection the engine stopped.
      if (options.bail && tally.anyFailure()) break;
    }
    const held = tally.heldNotice();
    const notices = [...shardNotices, ...loaded.flatMap((c) => c.notices ?? []), ...prepared.flatMap((p) => p.notices), ...(held ? [held] : []), ...(observer?.notices?.() ?? [])];
    const summary: RunSummary = {
      ...info,
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      counts: tally.counts,
      folders: tally.folders,
      notices: notices.map((n) => ({ ...n, message: redactor.redact(n.message) })),
      tokenRequests: session.tokenRequests(),
      ...(observer?.coverage ? { coverage: observer.coverage() } : {}),
      ...(stop ? { stopped: stop } : {}),
    };
    if (options.exportEnvironmentFile && ctx.lastEnvironment) {
      writeFileAtomic(options.exportEnvironmentFile, exportedEnvironment(ctx.lastEnvironment, prepared.flatMap((p) => p.tokenVariables), redactor, env?.name));
    }
    // User tokens are invalidated on the server however the run ended.
    await session.close().catch(() => undefined);
    for (const r of reporters) await r.onEnd?.(summary);
    return summary;
  } catch (error) {
    const safe = isJamfContractError(error)
      ? new JamfContractError(error.code, redactor.redact(error.message))
      : new JamfContractError('INTERNAL', redactor.redact(error instanceof Error ? error.message : String(error)), { cause: error });
    for (const r of reporters) await r.onAbort?.(safe);
    await session?.close().catch(() => undefined);
    throw stop?.kind === 'interrupted' && safe.code !== 'INTERNAL' ? interruptedError(stop) : safe;
  } finally {
    clearTimeout(runTimer);
    options.signal?.removeEventListener('abort', onSignal);
    closeGate();
    await http.close();
  }
}

/** A Postman environment file of the variables a run ended with: secret-typed and token variables, and anything the redactor knows, redacted. */
function exportedEnvironment(variables: NonNullable<ExecuteContext['lastEnvironment']>, tokenVariables: string[], redactor: Redactor, name = 'jamf-contract export'): string {
  const tokens = new Set(tokenVariables);
  const values = variables.map((v) => {
    const secret = v.type === 'secret' || tokens.has(v.key);
    // Numbers, booleans and objects keep their types (as newman writes them); text is redacted.
    const value = secret ? REDACTED : typeof v.value === 'string' ? redactor.redact(v.value) : redactedTyped(v.value, redactor);
    return { key: v.key, value, type: secret ? 'secret' : (v.type ?? 'default'), enabled: true };
  });
  return `${JSON.stringify({ name, values, _postman_variable_scope: 'environment' }, null, 2)}\n`;
}

/** A typed value, unless its text holds something secret. */
function redactedTyped(value: unknown, redactor: Redactor): unknown {
  const text = JSON.stringify(value ?? '');
  const redacted = redactor.redact(text);
  return redacted === text ? (value ?? '') : redacted;
}

/** The file's typed values for the keys the run still gives the file's own text. */
function typedAsFiled(file: LoadedEnvironment, values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, typed] of Object.entries(file.typed)) if (values[key] === file.values[key]) out[key] = typed;
  return out;
}

/** Stopped before the first request (a signal, --timeout-run): nothing ran, nothing to report. */
function throwIfInterrupted(stop: RunStop | undefined): void {
  if (stop?.kind === 'interrupted') throw interruptedError(stop);
  if (stop) throw new JamfContractError(stop.code === 'TIMEOUT' ? 'TIMEOUT' : 'INTERNAL', `Stopped before any request was sent: ${stop.message}.`);
}

function interruptedError(stop: RunStop): JamfContractError {
  return new JamfContractError(stop.signal === 'SIGTERM' ? 'TERMINATED' : 'INTERRUPTED', `Stopped by ${stop.signal ?? 'a signal'} before any request was sent; no report was written.`);
}

interface ExecuteContext {
  options: RunOptions;
  session: AuthSession;
  jar: CookieJar;
  tls: TlsOptions;
  redactor: Redactor;
  tally: Tally;
  iterations: number;
  gate: RunGate;
  systemHeaders: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
  onRefused(error: JamfContractError): void;
  data?: Array<Record<string, unknown>>;
  globals?: Record<string, string>;
  /** The files as loaded, for their typed values and the environment's name. */
  env?: LoadedEnvironment;
  globalsFile?: LoadedEnvironment;
  /** The environment the last collection left (`--export-environment`). */
  lastEnvironment?: Array<{ key: string; value: unknown; type?: string }>;
}

async function executeOne(p: PreparedCollection, ctx: ExecuteContext): Promise<void> {
  const iterations = ctx.iterations;
  const emitSkips = (list: StaticSkip[] | undefined, iteration: number): void => {
    for (const s of list ?? []) {
      ctx.tally.add(p.name, {
        iteration,
        folders: s.folders,
        itemId: s.itemId,
        itemName: s.itemName,
        method: s.method,
        url: ctx.redactor.redact(s.url),
        tests: [],
        findings: [],
        scriptErrors: [],
        skipped: s.skip,
      }, undefined);
    }
  };
  if (p.runnable === 0) {
    for (let i = 0; i < iterations; i++) for (const list of p.skipsBefore.values()) emitSkips(list, i);
    return;
  }
  await runCollection({
    collection: p.json,
    name: p.name,
    environment: p.environment,
    ...(ctx.globals ? { globals: ctx.globals } : {}),
    typed: {
      ...(ctx.env ? { environment: typedAsFiled(ctx.env, p.environment) } : {}),
      ...(ctx.globalsFile && ctx.globals ? { globals: typedAsFiled(ctx.globalsFile, ctx.globals) } : {}),
    },
    ...(ctx.env ? { environmentName: ctx.env.name } : {}),
    iterations,
    ...(ctx.data ? { iterationData: ctx.data } : {}),
    ...(ctx.options.bail ? { bail: true } : {}),
    ...(ctx.options.delayMs ? { delayMs: ctx.options.delayMs } : {}),
    session: ctx.session,
    tokenVariables: p.tokenVariables,
    jar: ctx.jar,
    systemHeaders: ctx.systemHeaders,
    gate: ctx.gate,
    tls: ctx.tls,
    timeoutMs: ctx.timeoutMs,
    ...(ctx.options.scriptTimeoutMs ? { scriptTimeoutMs: ctx.options.scriptTimeoutMs } : {}),
    ...(ctx.options.followRedirects === false ? { followRedirects: false } : {}),
    files: { workingDir: ctx.options.workingDir ?? dirname(p.file), ...(ctx.options.insecureFileRead ? { insecureFileRead: true } : {}) },
    redactor: ctx.redactor,
    signal: ctx.signal,
    onRefused: ctx.onRefused,
    ...(ctx.options.exportEnvironmentFile ? { onEnvironment: (variables: ExecuteContext['lastEnvironment']) => void (ctx.lastEnvironment = variables) } : {}),
    fastScheduling: ctx.options.fastScheduling,
    maxRetries: ctx.options.maxRetries ?? 2,
    onBeforeItem: (itemId, iteration) => emitSkips(p.skipsBefore.get(itemId), iteration),
    onIterationEnd: (iteration) => emitSkips(p.skipsBefore.get(''), iteration),
    onResult: (result, exchange) => ctx.tally.add(p.name, result, exchange),
    onConsole: (line) => {
      for (const r of ctx.options.reporters ?? []) r.onConsole?.(line);
    },
  });
}

/** A username and password in the server URL are the run's user credentials, unless others were given. */
function credentialsWithUrl(given: Credentials, split: SplitServerUrl): Credentials {
  if (!split.username && !split.password) return given;
  const clash =
    given.clientId ? 'JAMF_CLIENT_ID (an API client) is set too'
      : given.username && split.username && given.username !== split.username ? 'JAMF_USERNAME names another user'
        : given.password && split.password && given.password !== split.password ? 'JAMF_PASSWORD holds another password'
          : undefined;
  if (clash) {
    throw new JamfContractError('USAGE', `The server URL carries a username and password, and ${clash}. Keep one: take them out of the URL (recommended: JAMF_USERNAME and JAMF_PASSWORD), or drop the other setting.`);
  }
  return { ...given, ...(split.username ? { username: split.username } : {}), ...(split.password ? { password: split.password } : {}) };
}
