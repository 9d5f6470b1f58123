/**
 * Running a run's collections through the engine: one engine run per unit (units.ts), a few
 * more at a time than `parallel` (lanesFor) with `parallel` requests in flight at most (the
 * pacer), every result and console line reported in collection order (sequencer.ts). With `parallel` 1 each collection is one unit, run as it always was.
 *
 * Everything the units share is the run's: one token session, one cookie jar, one gate
 * (each engine run has its own lane of it), one contract checker (in the tally), one
 * script sandbox, one set of connection-limited agents and one pacing.
 */
import { setMaxListeners } from 'node:events';
import { dirname } from 'node:path';
import type { AuthSession } from '../auth/session.ts';
import type { JamfContractError } from '../errors.ts';
import type { LoadedEnvironment } from '../load/environment.ts';
import type { ConsoleLine, RequestResult } from '../result.ts';
import type { Redactor } from '../secrets.ts';
import type { CookieJar } from '../wire/cookies.ts';
import type { TlsOptions } from '../wire/tls.ts';
import { runCollection, type EngineOptions } from './engine.ts';
import type { RunGate } from './gate.ts';
import type { PreparedCollection, StaticSkip } from './prepare.ts';
import type { SandboxPool } from './sandbox-host.ts';
import { Sequencer } from './sequencer.ts';
import { failed, type Checked, type Tally } from './tally.ts';
import { planCollection, type Unit } from './units.ts';

export interface ScheduleContext {
  parallel: number;
  session: AuthSession;
  jar: CookieJar;
  tls: TlsOptions;
  redactor: Redactor;
  /** Where results and console lines go (to the reporters, in order). */
  tally: Tally;
  iterations: number;
  gate: RunGate;
  timeoutMs: number;
  sandbox: SandboxPool;
  agents?: EngineOptions['agents'];
  signal: AbortSignal;
  onRefused(error: JamfContractError): void;
  data?: Array<Record<string, unknown>>;
  globals?: Record<string, string>;
  /** The files as loaded, for their typed values and the environment's name. */
  env?: LoadedEnvironment;
  globalsFile?: LoadedEnvironment;
  /** Engine settings taken as they are from the run's options. */
  engine: Pick<EngineOptions, 'bail' | 'delayMs' | 'scriptTimeoutMs' | 'followRedirects' | 'fastScheduling' | 'maxRetries' | 'maxResponseBytes'> & { workingDir?: string; insecureFileRead?: boolean };
  exportEnvironment: boolean;
  /** The run is stopping (a signal, the client refused): start nothing more. */
  stopped(): boolean;
}

export interface ScheduleResult {
  /** Engine runs the run was cut into. */
  parts: number;
  /** Collections that could not be split with `parallel` > 1, and why. */
  inOrder: Array<{ collection: string; because: string }>;
  /** The environment the last collection left (`--export-environment`). */
  lastEnvironment?: Array<{ key: string; value: unknown; type?: string }>;
}

type Item = { result: Checked } | { console: ConsoleLine };

interface Planned {
  prepared: PreparedCollection;
  unit: Unit;
  /** The collection's first slot; a slot is `base + iteration × (entries + 1) + entry`, `entries` being the end of an iteration. */
  base: number;
  /** Top-level entry of every item id. */
  entryOf: Map<string, number>;
}

export async function runScheduled(prepared: PreparedCollection[], ctx: ScheduleContext): Promise<ScheduleResult> {
  const inOrder: ScheduleResult['inOrder'] = [];
  const planned: Planned[] = [];
  let slots = 0;
  for (const p of prepared) {
    const entries = p.runnable === 0 ? 0 : p.json.item.length;
    const base = slots;
    slots += ctx.iterations * (entries + 1);
    if (entries === 0) continue;
    const plan = planCollection(p.json, { parallel: ctx.parallel, iterations: ctx.iterations });
    if (ctx.parallel > 1 && plan.units.length === 1) inOrder.push({ collection: p.name, because: plan.sequentialBecause ?? 'nothing in it could run side by side' });
    const entryOf = entryIndex(p);
    for (const unit of plan.units) planned.push({ prepared: p, unit, base, entryOf });
  }
  const sequencer = new Sequencer<Item>(slots, (item) => {
    if ('result' in item) ctx.tally.emit(item.result);
    else ctx.tally.console(item.console);
  });
  // Collections where nothing may be sent: their held-back requests, iteration by iteration.
  let base = 0;
  for (const p of prepared) {
    const entries = p.runnable === 0 ? 0 : p.json.item.length;
    if (entries === 0) {
      for (let i = 0; i < ctx.iterations; i++) {
        for (const list of p.skipsBefore.values()) for (const s of list) sequencer.push(base + i, { result: skipResult(ctx, p, s, i) });
        sequencer.finish(base + i);
      }
    }
    base += ctx.iterations * (entries + 1);
  }

  // --bail with units side by side: the first failure anywhere stops them all; so does a
  // fault (a caller's callback that throws) in any one of them.
  const bail = new AbortController();
  const signal = ctx.parallel > 1 ? AbortSignal.any([ctx.signal, bail.signal]) : ctx.signal;
  // Every engine run listens to it while it runs.
  setMaxListeners(lanesFor(ctx.parallel) + 10, signal);
  let lastEnvironment: { slot: number; variables: ScheduleResult['lastEnvironment'] } | undefined;
  const stopped = (): boolean => ctx.stopped() || bail.signal.aborted || (Boolean(ctx.engine.bail) && ctx.tally.anyFailure());
  try {
    await inLanes(planned, ctx.parallel, stopped, (unit, ready) =>
      runUnit(unit, ctx, sequencer, signal, {
        ready,
        onFailure: () => ctx.engine.bail && bail.abort(),
        onEnvironment: (slot, variables) => {
          if (!lastEnvironment || slot >= lastEnvironment.slot) lastEnvironment = { slot, variables };
        },
      }).catch((error: unknown) => {
        bail.abort();
        throw error;
      }),
    );
  } finally {
    sequencer.flush();
  }
  return { parts: planned.length, inOrder, ...(lastEnvironment?.variables ? { lastEnvironment: lastEnvironment.variables } : {}) };
}

/**
 * Up to `lanesFor(parallel)` units at a time, in plan order, one per turn of the event loop; a
 * unit that runs alone waits for the others and holds back the rest. The spare units start
 * once the first `parallel` have reached their first request (or one has ended, or
 * SPARES_WAIT_MS have gone by): starting an engine run is milliseconds of this thread, and
 * the first requests should not wait behind the spares' start.
 */
export async function inLanes<U extends { unit: { alone?: boolean } }>(units: U[], parallel: number, stopped: () => boolean, run: (unit: U, ready: () => void) => Promise<void>): Promise<void> {
  const lanes = lanesFor(parallel);
  const running = new Set<Promise<void>>();
  // The first `parallel` units' first requests (or ends), awaited before the first spare starts.
  let first: Array<Promise<void>> | undefined = lanes > parallel ? [] : undefined;
  let spares = false;
  let failure: { error: unknown } | undefined;
  for (const planned of units) {
    if (stopped() || failure) break;
    const alone = planned.unit.alone === true;
    if (first?.length === parallel) {
      // Not for long, though: a unit whose first request waits (a slow pre-request script)
      // holds the spares back no more than SPARES_WAIT_MS, and one that ends frees a lane.
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, SPARES_WAIT_MS)));
      await Promise.race([Promise.all(first), Promise.race(running), waited]);
      clearTimeout(timer);
      first = undefined;
      spares = true;
    }
    // One engine run starts per turn of the event loop, the wire's events between them: the
    // first unit's first request goes out while the next ones start (building a unit's
    // collection is milliseconds of this thread), not after all of them.
    if (spares || running.size > 0) await new Promise((resolve) => setImmediate(resolve));
    while (running.size >= (alone ? 1 : lanes) || (alone && running.size > 0)) await Promise.race(running);
    if (stopped() || failure) break;
    let ready!: () => void;
    const reached = new Promise<void>((resolve) => (ready = resolve));
    const job: Promise<void> = run(planned, ready).then(
      () => void running.delete(job),
      (error: unknown) => {
        running.delete(job);
        failure ??= { error };
      },
    );
    void job.finally(ready);
    first?.push(reached);
    running.add(job);
    if (alone) await job;
  }
  await Promise.all(running);
  if (failure) throw failure.error;
}

async function runUnit(
  planned: Planned,
  ctx: ScheduleContext,
  sequencer: Sequencer<Item>,
  signal: AbortSignal,
  hooks: { ready(): void; onFailure(): void; onEnvironment(slot: number, variables: ScheduleResult['lastEnvironment']): void },
): Promise<void> {
  const { prepared: p, unit, base, entryOf } = planned;
  const entries = p.json.item.length;
  const iterations = unit.iteration === undefined ? range(ctx.iterations) : [unit.iteration];
  const slotOf = (iteration: number, entry: number): number => base + iteration * (entries + 1) + entry;
  // The slots this unit fills, in the order it fills them; each is finished when the unit moves past it.
  const owned = iterations.flatMap((i) => [...unit.entries.map((e) => slotOf(i, e)), ...(unit.entries.includes(entries - 1) ? [slotOf(i, entries)] : [])]);
  let next = 0;
  let current = owned[0]!;
  const moveTo = (slot: number): void => {
    while (next < owned.length && owned[next]! < slot) sequencer.finish(owned[next++]!);
    current = slot;
  };
  const emitSkips = (list: StaticSkip[] | undefined, iteration: number, slot: number): void => {
    for (const s of list ?? []) sequencer.push(slot, { result: skipResult(ctx, p, s, iteration) });
  };
  const whole = unit.entries.length === entries && unit.iteration === undefined;
  const data = ctx.data && unit.iteration !== undefined ? [ctx.data[Math.min(unit.iteration, ctx.data.length - 1)]!] : ctx.data;
  try {
    await runCollection({
      collection: whole ? p.json : { ...p.json, item: unit.entries.map((e) => p.json.item[e]!) },
      name: p.name,
      environment: p.environment,
      ...(ctx.globals ? { globals: ctx.globals } : {}),
      typed: {
        ...(ctx.env ? { environment: typedAsFiled(ctx.env, p.environment) } : {}),
        ...(ctx.globalsFile && ctx.globals ? { globals: typedAsFiled(ctx.globalsFile, ctx.globals) } : {}),
      },
      ...(ctx.env ? { environmentName: ctx.env.name } : {}),
      iterations: iterations.length,
      ...(unit.iteration !== undefined ? { iterationOffset: unit.iteration } : {}),
      ...(data ? { iterationData: data } : {}),
      ...ctx.engine,
      session: ctx.session,
      tokenVariables: p.tokenVariables,
      jar: ctx.jar,
      gate: ctx.gate.lane(hooks.ready),
      ...(ctx.agents ? { agents: ctx.agents } : {}),
      tls: ctx.tls,
      timeoutMs: ctx.timeoutMs,
      files: { workingDir: ctx.engine.workingDir ?? dirname(p.file), ...(ctx.engine.insecureFileRead ? { insecureFileRead: true } : {}) },
      redactor: ctx.redactor,
      signal,
      onRefused: ctx.onRefused,
      sandbox: ctx.sandbox,
      ...(ctx.exportEnvironment ? { onEnvironment: (variables) => hooks.onEnvironment(owned[owned.length - 1]!, variables) } : {}),
      onBeforeItem: (itemId, iteration) => {
        moveTo(slotOf(iteration, entryOf.get(itemId) ?? 0));
        emitSkips(p.skipsBefore.get(itemId), iteration, current);
      },
      onIterationEnd: (iteration) => {
        if (!unit.entries.includes(entries - 1)) return;
        moveTo(slotOf(iteration, entries));
        emitSkips(p.skipsBefore.get(''), iteration, current);
      },
      onResult: (result, exchange) => {
        const checked = ctx.tally.check(p.name, result, exchange);
        if (failed(checked)) hooks.onFailure();
        sequencer.push(slotOf(result.iteration, entryOf.get(result.itemId) ?? 0), { result: checked });
      },
      onConsole: (line) => sequencer.push(current, { console: line }),
    });
  } finally {
    while (next < owned.length) sequencer.finish(owned[next++]!);
  }
}

function skipResult(ctx: ScheduleContext, p: PreparedCollection, s: StaticSkip, iteration: number): Checked {
  return {
    collection: p.name,
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
  } satisfies Omit<RequestResult, 'index'>;
}

/** The top-level entry (folder or request) each request item belongs to. */
function entryIndex(p: PreparedCollection): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (item: PreparedCollection['json']['item'][number], entry: number): void => {
    if (Array.isArray(item.item)) for (const child of item.item) walk(child, entry);
    else if (item.id) out.set(item.id, entry);
  };
  p.json.item.forEach((item, entry) => walk(item, entry));
  return out;
}

/** The file's typed values for the keys the run still gives the file's own text. */
function typedAsFiled(file: LoadedEnvironment, values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, typed] of Object.entries(file.typed)) if (values[key] === file.values[key]) out[key] = typed;
  return out;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * Units running at once for `parallel` requests in flight. Between two requests a unit spends
 * milliseconds on its scripts (one sandbox thread for all) and checks, with nothing on the
 * wire; spare units keep the wire busy meanwhile, their requests waiting at the pacer,
 * which holds requests in flight to `parallel` (and the host budget connections to five).
 * Measured at 100 ms latency: 300 requests in 6.2 s after the first with three spare units,
 * against 7.1 s without. On a near server the scripts are the wait: with three, the main
 * thread sat idle ~13 % of a 1,000-request run while every unit waited on the sandbox or the
 * wire; seven spare units (12 at once for `--parallel 5`) took 5–6 % off its wall time
 * (bench/runner/child.mjs, 7 interleaved runs each). Spare units cost no requests: only
 * memory for their engine runs.
 */
export function lanesFor(parallel: number): number {
  return parallel <= 1 ? 1 : parallel + SPARE_UNITS;
}

const SPARE_UNITS = 7;

/** The longest the spare units wait for the first ones to reach their first request. */
export const SPARES_WAIT_MS = 250;
