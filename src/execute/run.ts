/**
 * A whole run: load → resolve → auth → execute (→ contract checks) → reporters.
 * Results stream to reporters as they come; nothing keeps response bodies.
 */
import { openAuthSession, type AuthMode, type AuthSession, type Credentials } from '../auth/session.ts';
import { isJamfContractError, JamfContractError } from '../errors.ts';
import { loadCollections, type LoadedCollection } from '../load/collection.ts';
import { loadEnvironment, loadGlobals } from '../load/environment.ts';
import { loadIterationData } from '../load/iteration-data.ts';
import { selectFolders } from '../load/select.ts';
import { detectServerVariables, serverUrlFromValues, stripSlash, type ServerVariable } from '../resolve/conventions.ts';
import {
  addToCounts,
  emptyCounts,
  type Finding,
  type Notice,
  type Reporter,
  type RequestResult,
  type RunCounts,
  type RunInfo,
  type RunSummary,
} from '../result.ts';
import { Redactor } from '../secrets.ts';
import { runCollection, type Exchange } from './engine.ts';
import { createHttpClient, type CookieJar, type HttpClient, type TlsOptions } from './http.ts';
import { createRequire } from 'node:module';
import { prepareCollection, type PreparedCollection, type StaticSkip } from './prepare.ts';

const require = createRequire(import.meta.url);

/** What the run asks of the contract checker (src/validate), when one is given. */
export interface ResponseObserver {
  check(exchange: Exchange & { serverUrl: string }): { operation?: string; findings: Finding[] };
  coverage?(): unknown;
  notices?(): Notice[];
}

export interface RunOptions {
  collections: string[];
  folders?: string[];
  excludeFolders?: string[];
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
  strictVariables?: boolean;
  tls?: TlsOptions;
  timeoutMs?: number;
  /** Retries of a read answered 429/502/503/504 (default 2; 0 turns them off). */
  maxRetries?: number;
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
  preflight?: (context: { serverUrl: string; session: AuthSession; http: HttpClient; collections: LoadedCollection[] }) => Promise<void>;
  /** Every result, after reporters (for baselines and tests). */
  onResult?: (result: RequestResult) => void;
  fastScheduling?: boolean;
}

export async function runCollections(options: RunOptions): Promise<RunSummary> {
  const redactor = options.redactor ?? new Redactor();
  const reporters = options.reporters ?? [];
  const loaded = selectFolders(await loadCollections(options.collections), {
    include: options.folders ?? [],
    exclude: options.excludeFolders ?? [],
  });
  const env = options.envFile ? await loadEnvironment(options.envFile) : undefined;
  const globals = options.globalsFile ? await loadGlobals(options.globalsFile) : undefined;
  const data = options.iterationDataFile ? await loadIterationData(options.iterationDataFile) : undefined;
  const iterations = options.iterations ?? data?.length ?? 1;
  for (const key of env?.secretKeys ?? []) redactor.add(env?.values[key]);
  for (const key of globals?.secretKeys ?? []) redactor.add(globals?.values[key]);
  const serverUrl = stripSlash(options.serverUrl ?? serverFromEnvironment(loaded, env?.values ?? {}));

  const jar = (require('postman-request') as { jar(): CookieJar }).jar();
  const tls = options.tls ?? {};
  const http = createHttpClient({ jar, tls });
  let session: AuthSession | undefined;
  const started = Date.now();
  try {
    session = await openAuthSession({ mode: options.auth ?? 'auto', serverUrl, credentials: options.credentials, http, redactor });
    await options.preflight?.({ serverUrl, session, http, collections: loaded });
    const prepared = loaded.map((c) =>
      prepareCollection(c, {
        serverUrl,
        session: session!,
        environment: env?.values ?? {},
        ...(globals ? { globals: globals.values } : {}),
        vars: options.vars ?? {},
        allowWrites: options.allowWrites ?? false,
        allowDestructive: options.allowDestructive ?? false,
        strictVariables: options.strictVariables ?? false,
        ...(data ? { dataVariables: [...new Set(data.flatMap((row) => Object.keys(row)))] } : {}),
      }),
    );
    const observer = await options.contract?.({ serverUrl, ...(session.jamfVersion ? { jamfVersion: session.jamfVersion } : {}), http });
    const info: RunInfo = {
      startedAt: new Date(started).toISOString(),
      server: serverUrl,
      ...(session.jamfVersion ? { jamfVersion: session.jamfVersion } : {}),
      authScheme: session.scheme,
      collections: prepared.map((p) => p.name),
      iterations,
    };
    for (const r of reporters) r.onStart?.(info);

    const tally = new Tally(reporters, options, observer, serverUrl, redactor);
    for (const p of prepared) {
      await executeOne(p, { options, session, jar, tls, redactor, tally, iterations, ...(data ? { data } : {}), ...(globals ? { globals: globals.values } : {}) });
      // --bail stops the whole run, not only the collection the engine stopped.
      if (options.bail && tally.counts.testsFailed + tally.counts.errored + tally.counts.scriptErrors > 0) break;
    }
    const notices = [...loaded.flatMap((c) => c.notices ?? []), ...prepared.flatMap((p) => p.notices), ...(observer?.notices?.() ?? [])];
    const summary: RunSummary = {
      ...info,
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      counts: tally.counts,
      folders: tally.folders,
      notices: notices.map((n) => ({ ...n, message: redactor.redact(n.message) })),
      tokenRequests: session.tokenRequests(),
      ...(observer?.coverage ? { coverage: observer.coverage() } : {}),
    };
    await session.close();
    for (const r of reporters) await r.onEnd?.(summary);
    return summary;
  } catch (error) {
    const safe = isJamfContractError(error)
      ? new JamfContractError(error.code, redactor.redact(error.message))
      : new JamfContractError('INTERNAL', redactor.redact(error instanceof Error ? error.message : String(error)), { cause: error });
    for (const r of reporters) await r.onAbort?.(safe);
    await session?.close().catch(() => undefined);
    throw safe;
  } finally {
    await http.close();
  }
}

interface ExecuteContext {
  options: RunOptions;
  session: AuthSession;
  jar: CookieJar;
  tls: TlsOptions;
  redactor: Redactor;
  tally: Tally;
  iterations: number;
  data?: Array<Record<string, unknown>>;
  globals?: Record<string, string>;
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
    iterations,
    ...(ctx.data ? { iterationData: ctx.data } : {}),
    ...(ctx.options.bail ? { bail: true } : {}),
    ...(ctx.options.delayMs ? { delayMs: ctx.options.delayMs } : {}),
    session: ctx.session,
    tokenVariables: p.tokenVariables,
    jar: ctx.jar,
    tls: ctx.tls,
    timeoutMs: ctx.options.timeoutMs ?? 60_000,
    redactor: ctx.redactor,
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

/** Numbers results, runs the observers on fresh exchanges, counts, and hands on to reporters. */
class Tally {
  counts: RunCounts = emptyCounts();
  folders: Record<string, RunCounts> = {};
  private index = 0;

  constructor(
    private readonly reporters: Reporter[],
    private readonly options: RunOptions,
    private readonly observer: ResponseObserver | undefined,
    private readonly serverUrl: string,
    private readonly redactor: Redactor,
  ) {}

  add(collection: string, partial: Omit<RequestResult, 'index' | 'collection'>, exchange: Exchange | undefined): void {
    const result: RequestResult = { index: this.index++, collection, ...partial };
    if (exchange && this.observer) {
      const { operation, findings } = this.observer.check({ ...exchange, serverUrl: this.serverUrl });
      if (operation) result.operation = operation;
      result.findings = findings.map((f) => ({ ...f, message: this.redactor.redact(f.message) }));
    }
    if (exchange && this.options.shapeOf) result.bodyShape = this.options.shapeOf(exchange.body, exchange.headers['content-type']);
    addToCounts(this.counts, result);
    const key = [collection, ...result.folders].join(' / ');
    addToCounts((this.folders[key] ??= emptyCounts()), result);
    for (const r of this.reporters) r.onRequest?.(result);
    this.options.onResult?.(result);
  }
}

const CONVENTIONAL_NAMES: ServerVariable[] = [
  { name: 'baseUrl', form: 'api', uses: 0 },
  { name: 'url', form: 'server', uses: 0 },
  { name: 'jamfUrl', form: 'server', uses: 0 },
  { name: 'serverUrl', form: 'server', uses: 0 },
];

function serverFromEnvironment(collections: LoadedCollection[], values: Record<string, string>): string {
  for (const c of collections) {
    const vars = detectServerVariables(c.json);
    const fromEnv = serverUrlFromValues(vars, values);
    if (fromEnv) return fromEnv;
  }
  // The environment may name the server in the other convention than these collections use
  // (`url` in the file, `baseUrl` in the collection): the usual names in their usual forms.
  const fromConvention = serverUrlFromValues(CONVENTIONAL_NAMES, values);
  if (fromConvention) return fromConvention;
  throw new JamfContractError(
    'USAGE',
    'No server to run against: pass --server URL, set JAMF_URL, or give an environment file (--env) that sets the collection\'s server variable (e.g. baseUrl or url).',
  );
}
