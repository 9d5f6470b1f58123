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
import { openAuthSession, type AuthMode, type AuthSession, type Credentials } from '../auth/session.ts';
import { ANSWER_LIMIT_BYTES } from '../limits.ts';
import { isJamfContractError, JamfContractError } from '../errors.ts';
import { loadCollections, type LoadedCollection } from '../load/collection.ts';
import { loadEnvironment, loadGlobals } from '../load/environment.ts';
import { loadIterationData } from '../load/iteration-data.ts';
import { selectFolders } from '../load/select.ts';
import { selectShard, type ShardSpec } from '../load/shard.ts';
import { serverFromEnvironment, stripSlash } from '../resolve/conventions.ts';
import { splitServerCredentials, type SplitServerUrl } from '../resolve/server-url.ts';
import { sentNothing, type Notice, type PacingSummary, type Reporter, type RequestResult, type RunInfo, type RunStop, type RunSummary } from '../result.ts';
import { Redactor, REDACTED } from '../secrets.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import type { ResponseObserver } from '../validate/observer.ts';
import { newCookieJar, type CookieJar } from '../wire/cookies.ts';
import { engineAgents } from '../wire/engine-agents.ts';
import { hostBudget, hostKeyOf } from '../wire/host-limit.ts';
import { createHttpClient, type HttpClient } from '../wire/http.ts';
import { answerMsFor } from '../wire/net-errors.ts';
import { checkNumbers } from './numbers.ts';
import type { TlsOptions } from '../wire/tls.ts';
import { RunGate, type UnresolvedMode } from './gate.ts';
import { Pacer } from './pacing.ts';
import { preloadEngine } from './load-engine.ts';
import { SandboxPool } from './sandbox-host.ts';
import { hasScripts, prepareCollection } from './prepare.ts';
import { runScheduled } from './schedule.ts';
import { Tally } from './tally.ts';

export type { ResponseObserver };

/** The largest answer read by default: 100 MB, far below what would end the process (see engine.ts). */
export const DEFAULT_MAX_RESPONSE_BYTES = ANSWER_LIMIT_BYTES;

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
  /** Answers larger than this many bytes end as RESPONSE_TOO_LARGE (default 100 MB; 0: no limit, as newman). */
  maxResponseBytes?: number;
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
   * Runs once the session is open and its version known, before any collection request is
   * sent (the engine is set up meanwhile, its requests held at the gate); throwing stops the
   * run with nothing sent (`run --preflight`: the doctor's checks, with the run's own token).
   */
  preflight?: (context: { serverUrl: string; credentials: Credentials; session: AuthSession; http: HttpClient; collections: LoadedCollection[] }) => Promise<void>;
  /** Every result, after reporters (for baselines and tests). */
  onResult?: (result: RequestResult) => void;
  fastScheduling?: boolean;
  /**
   * How many requests may be in flight at once (`--parallel`, default 1): independent
   * folders, requests, iterations and collections run side by side up to this many, with
   * adaptive pacing below it (docs/parallel.md). Whatever it says, no more than five
   * connections are opened to one host (Jamf's guidance), counting the tool's own calls.
   */
  parallel?: number;
  /**
   * Connections to the run's server at most, below the five of Jamf's guidance (`run --fleet
   * --per-host`): held at the wire for the engine's requests and the tool's own calls alike,
   * for as long as the run lasts. `parallel` above it is brought down to it.
   */
  connectionsPerHost?: number;
}

export async function runCollections(options: RunOptions): Promise<RunSummary> {
  checkNumbers(options);
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
  redactor.add(split.password, 'credential').addBasic(split.username, split.password, 'credential');
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

  const perHost = options.connectionsPerHost;
  const parallel = Math.min(options.parallel ?? 1, perHost ?? Number.POSITIVE_INFINITY);
  // Closed in the `finally` below.
  const sandbox = new SandboxPool({ fastBridge: options.fastScheduling !== false });
  const tls = options.tls ?? {};
  let jar: CookieJar;
  let http: HttpClient;
  try {
    jar = newCookieJar();
    http = createHttpClient({ jar, tls, policy: { timeoutMs, retries: options.maxRetries ?? 2 }, signal: stopper.signal });
  } catch (error) {
    // A run that never started leaves no worker behind (an unreadable --ca, for one).
    await sandbox.close();
    throw error;
  }
  const unresolved: UnresolvedMode = options.strictVariables ? 'fail' : (options.unresolved ?? 'skip');
  const pacer = parallel > 1 ? new Pacer(parallel) : undefined;
  const gate = new RunGate({ allowWrites: options.allowWrites ?? false, allowDestructive: options.allowDestructive ?? false }, redactor, unresolved, pacer, answerMsFor(timeoutMs), serverUrl);
  const agents = engineAgents();
  const serverKey = hostKeyOf(serverUrl);
  const unrestrict = perHost === undefined || !serverKey ? undefined : hostBudget.restrict(serverKey, perHost);
  if (options.signal?.aborted) onSignal();
  options.signal?.addEventListener('abort', onSignal, { once: true });
  const runTimer = options.runTimeoutMs
    ? setTimeout(() => stopWith({ kind: 'error', code: 'TIMEOUT', message: `the run took longer than --timeout-run ${options.runTimeoutMs} ms` }), options.runTimeoutMs)
    : undefined;
  let session: AuthSession | undefined;
  /** The run ended on a fault: reporters that have not started never do. */
  let over = false;
  const started = Date.now();
  try {
    // The token call goes out first. While the server answers it (a real server is tens of ms
    // away per call), the script sandbox's worker boots on its own thread (when there are
    // scripts to run) and this one loads the engine; a fault loading it is raised once the
    // session is open, so the session is closed as on any other fault. The version call
    // follows the token and is answered while the run sets its engine up (below).
    const opening = openAuthSession({ mode: options.auth ?? 'auto', serverUrl, credentials, http, redactor, awaitVersion: false });
    opening.catch(() => undefined); // awaited below, after the engine; not an unhandled rejection meanwhile
    await new Promise((resolve) => setImmediate(resolve));
    if (loaded.some((c) => hasScripts(c.json))) sandbox.warm(options.scriptTimeoutMs);
    const engineFault = await preloadEngine({ fastScheduling: options.fastScheduling }).then(() => undefined, (error: unknown) => error);
    session = await opening;
    const opened = session;
    if (engineFault) throw engineFault;
    throwIfInterrupted(stop);
    // A turn for the version call to go out before the run's set-up takes this thread.
    await new Promise((resolve) => setImmediate(resolve));
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
    // The engine is set up while the version call, the preflight and the contract's download
    // are answered: until the reporters have started, requests wait at the gate (unjudged,
    // unsent) and results and console lines in the tally. A preflight that fails or a
    // contract that cannot be had stops the run with nothing sent.
    const tally = new Tally({ reporters, serverUrl, redactor, held: true, ...(options.shapeOf ? { shapeOf: options.shapeOf } : {}), ...(options.onResult ? { onResult: options.onResult } : {}) });
    const openGate = gate.hold();
    let notReady = false;
    const ready = (async () => {
      await knowVersion(opened);
      await options.preflight?.({ serverUrl, credentials, session: opened, http, collections: loaded });
      const observer = await options.contract?.({ serverUrl, ...(opened.jamfVersion ? { jamfVersion: opened.jamfVersion } : {}), http });
      throwIfInterrupted(stop);
      // When the engine may want every connection the host allows, ours (idle since the version
      // call or the contract's download) makes way now, not when the last one is asked for.
      if (serverKey && parallel >= hostBudget.limitFor(serverKey)) http.closeIdle();
      const info: RunInfo = {
        startedAt: new Date(started).toISOString(),
        server: serverUrl,
        ...(opened.jamfVersion ? { jamfVersion: opened.jamfVersion } : {}),
        authScheme: opened.scheme,
        collections: prepared.map((p) => p.name),
        iterations,
        // For the progress bar's total: every request once per iteration (setNextRequest may change it).
        plannedRequests: prepared.reduce((n, p) => n + p.plan.length, 0) * iterations,
        suite,
        ...(shard ? { shard } : {}),
      };
      if (over) throw new JamfContractError('INTERNAL', 'the run ended before it could start');
      for (const r of reporters) r.onStart?.(info);
      tally.start(observer);
      openGate();
      return { info, observer };
    })();
    ready.catch((error: unknown) => {
      notReady = true;
      gate.stop(isJamfContractError(error) ? error.code : 'INTERNAL', 'not sent: the run could not start');
      stopper.abort();
    });

    const scheduled = await runScheduled(prepared, {
      parallel, session, jar, tls, redactor, tally, iterations, gate, timeoutMs, sandbox, agents,
      signal: stopper.signal,
      onRefused: (error) => stopWith({ kind: 'error', code: error.code, message: redactor.redact(error.message) }),
      ...(data ? { data } : {}),
      ...(globals ? { globals: globals.values, globalsFile: globals } : {}),
      ...(env ? { env } : {}),
      engine: {
        ...(options.bail ? { bail: true } : {}),
        ...(options.delayMs ? { delayMs: options.delayMs } : {}),
        ...(options.scriptTimeoutMs ? { scriptTimeoutMs: options.scriptTimeoutMs } : {}),
        ...(options.followRedirects === false ? { followRedirects: false } : {}),
        maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        ...(options.workingDir ? { workingDir: options.workingDir } : {}),
        ...(options.insecureFileRead ? { insecureFileRead: true } : {}),
        fastScheduling: options.fastScheduling,
        maxRetries: options.maxRetries ?? 2,
      },
      exportEnvironment: Boolean(options.exportEnvironmentFile),
      stopped: () => stop !== undefined || notReady,
    });
    const { info, observer } = await ready;
    const held = tally.heldNotice();
    const kept = gate.credentialsNotice();
    const idle: Notice | undefined = sentNothing({ counts: tally.counts, shard }) && !stop
      ? { level: 'warning', code: 'NOTHING_SENT', message: `Nothing was sent: all ${tally.counts.requests} request${tally.counts.requests === 1 ? ' was' : 's were'} skipped or held back, so the run checked nothing and does not pass (the summary says why for each).` }
      : undefined;
    const pacing = pacer ? { ...pacer.report(), parts: scheduled.parts, ...(scheduled.inOrder.length ? { inOrder: scheduled.inOrder } : {}) } : undefined;
    const notices = [
      ...shardNotices, ...loaded.flatMap((c) => c.notices ?? []), ...prepared.flatMap((p) => p.notices),
      ...(idle ? [idle] : []), ...(held ? [held] : []), ...(kept ? [kept] : []), ...(pacing ? pacingNotice(pacing) : []), ...(observer?.notices?.() ?? []),
    ];
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
      ...(pacing ? { pacing } : {}),
    };
    if (options.exportEnvironmentFile && scheduled.lastEnvironment) {
      writeFileAtomic(options.exportEnvironmentFile, exportedEnvironment(scheduled.lastEnvironment, prepared.flatMap((p) => p.tokenVariables), redactor, env?.name));
    }
    // User tokens are invalidated on the server however the run ended.
    await session.close().catch(() => undefined);
    for (const r of reporters) await r.onEnd?.(summary);
    return summary;
  } catch (error) {
    over = true;
    const safe = isJamfContractError(error)
      ? new JamfContractError(error.code, redactor.redact(error.message))
      : new JamfContractError('INTERNAL', redactor.redact(error instanceof Error ? error.message : String(error)), { cause: error });
    for (const r of reporters) await r.onAbort?.(safe);
    await session?.close().catch(() => undefined);
    throw stop?.kind === 'interrupted' && safe.code !== 'INTERNAL' ? interruptedError(stop) : safe;
  } finally {
    clearTimeout(runTimer);
    options.signal?.removeEventListener('abort', onSignal);
    await sandbox.close();
    await http.close();
    unrestrict?.();
  }
}

/** A Postman environment file of the variables a run ended with: secret-typed and token variables, and anything the redactor knows, redacted. */
function exportedEnvironment(variables: Array<{ key: string; value: unknown; type?: string }>, tokenVariables: string[], redactor: Redactor, name = 'jamf-contract export'): string {
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

/** The session's version, once its call is answered, as `jamfVersion`. */
async function knowVersion(session: AuthSession): Promise<void> {
  const version = await session.version;
  if (version) session.jamfVersion = version;
}

/** Stopped before the first request (a signal, --timeout-run): nothing ran, nothing to report. */
function throwIfInterrupted(stop: RunStop | undefined): void {
  if (stop?.kind === 'interrupted') throw interruptedError(stop);
  if (stop) throw new JamfContractError(stop.code === 'TIMEOUT' ? 'TIMEOUT' : 'INTERNAL', `Stopped before any request was sent: ${stop.message}.`);
}

function interruptedError(stop: RunStop): JamfContractError {
  return new JamfContractError(stop.signal === 'SIGTERM' ? 'TERMINATED' : 'INTERRUPTED', `Stopped by ${stop.signal ?? 'a signal'} before any request was sent; no report was written.`);
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

/** Shown when the server pushed back and the run sent fewer requests at once. */
function pacingNotice(pacing: PacingSummary): Notice[] {
  if (pacing.reductions === 0) return [];
  const why = [
    ...(pacing.throttled ? [`${pacing.throttled} answer${pacing.throttled === 1 ? '' : 's'} 429/503`] : []),
    ...(pacing.slow ? [`answers ${pacing.slow === 1 ? 'once' : `${pacing.slow} times`} much slower than usual`] : []),
  ].join(' and ');
  return [{ level: 'warning', code: 'PACING', message: `The server pushed back (${why}): requests in flight went down to ${pacing.lowest} of ${pacing.parallel} (${pacing.reductions} time${pacing.reductions === 1 ? '' : 's'}), then back up while it answered well.` }];
}
