/**
 * `run --fleet`: the same suite against every server of a fleet file. Each server gets a run
 * of its own — its own session, token manager and cookie jar (one `runCollections` each) —
 * with its reports in a folder named after it; `hosts` servers run at a time. A server that
 * cannot be run (credentials missing, auth refused, network, TLS, an unexpected Jamf Pro
 * version) is that server's result, with a report that says so; the other servers run on.
 * At the end the servers' reports are merged into one, with a server column.
 *
 * Secrets: every redactor of the fleet knows every secret of the fleet, so no server's
 * secret can reach any report or output, its own or another's.
 */
import { join } from 'node:path';
import type Semver from 'semver';
import { isJamfContractError, JamfContractError } from '../errors.ts';
import { lazyRequire } from '../lazy-require.ts';
import { runCollections, type RunOptions } from '../execute/run.ts';
import { loadCollections } from '../load/collection.ts';
import { loadIterationData } from '../load/iteration-data.ts';
import { selectFolders } from '../load/select.ts';
import { selectShard } from '../load/shard.ts';
import { clearReports, type FailOn } from '../report/index.ts';
import { createJsonReporter } from '../report/json.ts';
import { exitCodeOf, mergeReports, worstExitCode } from '../report/merge/index.ts';
import { emptyCounts, type Reporter, type RunInfo, type RunStop, type RunSummary } from '../result.ts';
import { Redactor } from '../secrets.ts';
import type { Fleet, FleetServer } from './config.ts';
import { credentialsFor, fleetSecrets, type Lookup } from './credentials.ts';

/** Only for a fleet file's `jamfVersion` ranges (47 files: not loaded by every importer of the library). */
const semverLib = lazyRequire<typeof Semver>('semver');

export { DEFAULT_HOSTS, DEFAULT_PER_HOST } from './config.ts';
import { DEFAULT_HOSTS, DEFAULT_PER_HOST } from './config.ts';

export interface FleetRunOptions {
  fleet: Fleet;
  /** Where the variables the fleet file names are looked up (the process environment, a secrets file). */
  env: Lookup;
  /** What every server's run takes; the server, its credentials, reporters, redactor and signal come from the fleet. */
  run: Omit<RunOptions, 'serverUrl' | 'credentials' | 'reporters' | 'redactor' | 'signal'>;
  /** `--scope` for every API client. */
  scope?: string;
  /** Each server's reports go to `outDir/<name>/`, the merged ones to `outDir`. */
  outDir: string;
  /** A server's reporters besides its report.json (which the fleet always writes: the merge reads it). */
  serverReporters?: (dir: string, redact: (text: string) => string) => Reporter[];
  /** The merged report's reporters. */
  mergedReporters?: (redactor: Redactor) => Reporter[];
  /** Servers at a time (default 4). */
  hosts?: number;
  /**
   * Connections to each server at most (default 5): each run's `connectionsPerHost`. How many
   * requests a run has in flight is `run.parallel` (default 1, as for one server), never more.
   */
  perHost?: number;
  failOn?: FailOn;
  signal?: AbortSignal;
  onServerDone?: (result: ServerResult) => void;
}

export interface ServerResult {
  server: FleetServer;
  exitCode: number;
  summary: RunSummary;
  /** Its report.json. */
  reportFile: string;
}

export interface FleetResult {
  servers: ServerResult[];
  merged: RunSummary;
  /** The worst exit code of the servers. */
  exitCode: number;
  /** Knows every secret of the fleet: pass anything printed through it. */
  redactor: Redactor;
}

/** What every server's report says about the suite, worked out once (and bad input refused before any server is contacted). */
interface SuiteFacts {
  collections: string[];
  iterations: number;
  suite: string;
  shard?: RunInfo['shard'];
}

export async function runFleet(options: FleetRunOptions): Promise<FleetResult> {
  const facts = await suiteFacts(options.run);
  const secrets = fleetSecrets(options.fleet, options.env);
  const redactorFor = (): Redactor => secrets.reduce((r, s) => r.add(s), new Redactor());
  const results: ServerResult[] = new Array<ServerResult>(options.fleet.servers.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.fleet.servers.length) {
      const i = next++;
      const server = options.fleet.servers[i]!;
      const result = await runServer(server, options, facts, redactorFor());
      results[i] = result;
      options.onServerDone?.(result);
    }
  };
  const hosts = Math.max(1, Math.min(options.hosts ?? DEFAULT_HOSTS, options.fleet.servers.length));
  await Promise.all(Array.from({ length: hosts }, worker));

  const redactor = redactorFor();
  const merged = await mergeReports(results.map((r) => r.reportFile), {
    reporters: options.mergedReporters?.(redactor) ?? [],
    failOn: options.failOn ?? 'violation',
    // One shard of a suite on every server: the other shards are other jobs' (merge them with `merge`).
    ...(facts.shard ? { partial: true } : {}),
  });
  return { servers: results, merged: merged.summary, exitCode: worstExitCode(results.map((r) => r.exitCode)), redactor };
}

async function suiteFacts(run: FleetRunOptions['run']): Promise<SuiteFacts> {
  const loaded = selectFolders(await loadCollections(run.collections), { include: run.folders ?? [], exclude: run.excludeFolders ?? [] });
  const { collections, suite, shard } = selectShard(loaded, run.shard);
  const rows = run.iterationDataFile ? (await loadIterationData(run.iterationDataFile)).length : undefined;
  return { collections: collections.map((c) => c.name), iterations: run.iterations ?? rows ?? 1, suite, ...(shard ? { shard } : {}) };
}

async function runServer(server: FleetServer, options: FleetRunOptions, facts: SuiteFacts, redactor: Redactor): Promise<ServerResult> {
  const dir = join(options.outDir, server.name);
  clearReports({ outDir: dir });
  const reportFile = join(dir, 'report.json');
  const redact = (text: string): string => redactor.redact(text);
  const reportersOf = (): Reporter[] => [createJsonReporter(dir, redact), ...(options.serverReporters?.(dir, redact) ?? [])].map((r) => named(r, server.name));
  const failOn = options.failOn ?? 'violation';
  const started = new Date();
  if (options.signal?.aborted) {
    return failed(server, reportersOf(), facts, reportFile, started, stopOf(new JamfContractError('INTERRUPTED', 'the fleet run was interrupted before this server started'), options.signal), failOn);
  }
  try {
    const run: RunOptions = {
      ...options.run,
      serverUrl: server.url,
      credentials: credentialsFor(server, options.env, options.scope),
      vars: { ...options.run.vars, ...server.variables },
      tls: { insecure: server.insecure ?? options.run.tls?.insecure ?? false, ...(server.ca ?? options.run.tls?.caFile ? { caFile: server.ca ?? options.run.tls?.caFile } : {}) },
      // Held at the wire for every connection of this server's run, the token calls included;
      // `run.parallel` (requests side by side, default one) is brought down to it.
      connectionsPerHost: options.perHost ?? DEFAULT_PER_HOST,
      reporters: reportersOf(),
      redactor,
      ...(options.signal ? { signal: options.signal } : {}),
      preflight: async (context) => {
        expectVersion(server, context.session.jamfVersion);
        await options.run.preflight?.(context);
      },
    };
    const summary = await runCollections(run);
    return { server, exitCode: exitCodeOf(summary, failOn), summary: { ...summary, serverName: server.name }, reportFile };
  } catch (error) {
    const stop = stopOf(error, options.signal, redactor);
    // The message speaks of JAMF_CLIENT_SECRET and the like; a fleet server's credentials are in the variables its entry names.
    if (stop.code.startsWith('AUTH_')) stop.message += ` (fleet file: ${[server.clientIdEnv, server.clientSecretEnv, server.usernameEnv, server.passwordEnv].filter(Boolean).join(', ')} for ${server.name})`;
    return failed(server, reportersOf(), facts, reportFile, started, stop, failOn);
  }
}

/** A server that could not be run still has a report: nothing ran, and why. */
async function failed(server: FleetServer, reporters: Reporter[], facts: SuiteFacts, reportFile: string, started: Date, stopped: RunStop, failOn: FailOn): Promise<ServerResult> {
  const info: RunInfo = {
    startedAt: started.toISOString(),
    server: server.url,
    collections: facts.collections,
    iterations: facts.iterations,
    suite: facts.suite,
    ...(facts.shard ? { shard: facts.shard } : {}),
  };
  const summary: RunSummary = {
    ...info,
    finishedAt: new Date().toISOString(),
    durationMs: Date.now() - started.getTime(),
    counts: emptyCounts(),
    folders: {},
    notices: [],
    tokenRequests: 0,
    stopped,
    serverName: server.name,
  };
  for (const r of reporters) r.onStart?.(info);
  for (const r of reporters) await r.onEnd?.(summary);
  return { server, exitCode: exitCodeOf(summary, failOn), summary, reportFile };
}

function stopOf(error: unknown, signal?: AbortSignal, redactor?: Redactor): RunStop {
  const code = isJamfContractError(error) ? error.code : 'INTERNAL';
  const message = redactor ? redactor.redact(error instanceof Error ? error.message : String(error)) : String((error as Error).message ?? error);
  if (code === 'INTERRUPTED' || code === 'TERMINATED') {
    const sig = code === 'TERMINATED' || String(signal?.reason) === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
    return { kind: 'interrupted', code, signal: sig, message };
  }
  return { kind: 'error', code, message };
}

/** The fleet file's `jamfVersion` range: a server on another version is not run. */
function expectVersion(server: FleetServer, version: string | undefined): void {
  if (!server.jamfVersion) return;
  const semver = semverLib();
  const coerced = version ? semver.coerce(version)?.version : undefined;
  if (coerced && semver.satisfies(coerced, server.jamfVersion)) return;
  throw new JamfContractError(
    'JAMF_VERSION_UNEXPECTED',
    `${server.name} runs Jamf Pro ${version ?? '(unknown: the server did not say)'}, and the fleet file expects ${server.jamfVersion}: not run. Upgrade the server, or change its jamfVersion in the fleet file.`,
  );
}

/** A reporter that records the server's fleet name in the run it reports. */
function named(r: Reporter, serverName: string): Reporter {
  return {
    name: r.name,
    onStart: (info) => r.onStart?.({ ...info, serverName }),
    onRequest: (result) => r.onRequest?.(result),
    onConsole: (line) => r.onConsole?.(line),
    onEnd: (summary) => r.onEnd?.({ ...summary, serverName }),
    onAbort: (error) => r.onAbort?.(error),
  };
}
