/**
 * One warm script sandbox per run, shared by every engine run in it (each collection, each
 * parallel unit). postman-runtime creates a sandbox for every `Runner#run` — a worker thread
 * that parses a 2 MB bundle before the first script runs, about half a second of CPU and a
 * second of waiting on a busy machine — and disposes it when the run ends. Here the engine's
 * `createContext` call is answered with a thin view over the run's one context instead.
 *
 * Scripts behave as before: every execution still has its own id, scope reset and results
 * (the sandbox is built to run several executions at once); what one execution sends back
 * (console lines, assertions, errors) carries that id and is routed to the engine run that
 * started it. Engine runs that do not ask for a shared host (nothing of ours) get the
 * original `createContext`.
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { userCacheDir } from '../cache-dir.ts';
import { BOTH_ASSERTION_EVENTS, precompile, prepareEngine } from '../engine-patches/index.ts';
import { BRIDGE_PATCHES, sandboxRequireBase } from './sandbox-bridge.ts';
import { sandboxBoot, type SandboxBoot } from './sandbox-boot.ts';
import { isWorkerDeath, watchWorker } from './sandbox-death.ts';

const require = createRequire(import.meta.url);

/** The run option key under which a run's pool travels (`options.host[POOL_KEY]`). */
export const POOL_KEY = 'jamfContractSandbox';

type Listener = (...args: unknown[]) => void;
type Done = (error: Error | null, result?: unknown) => void;

/** What postman-sandbox's context offers (an EventEmitter with these). */
interface SandboxContext extends EventEmitter {
  execute(target: unknown, options: { id?: string; cursor?: unknown } & Record<string, unknown>, callback: Done): void;
  dispatch(...args: unknown[]): void;
  dispose(callback?: () => void): void;
  /** False once disposed (after a script timeout, until the next execution starts it again). */
  isReady: boolean;
  /** Set when a script timed out (postman-sandbox's `PostmanSandbox`, with what starts it again). */
  hasTimedOut?: boolean;
  initialize?(initOptions: object, connectOptions: object, callback: (error: Error | null) => void): void;
  initOptions?: object;
  connectOptions?: object;
}

/** A context whose script timed out has already ended its worker (and calls no callback when asked again). */
function dispose(ctx: SandboxContext): Promise<void> {
  if (!ctx.isReady) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 2000);
    ctx.dispose(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

interface SandboxModule {
  createContext(options: Record<string, unknown>, callback: (error: Error | null, context?: SandboxContext) => void): void;
}

/** Events the sandbox emits for every execution: routed to the run that started it by the cursor's execution id. */
const ROUTED = new Set(['console', 'execution.error', 'execution.assertion', 'error']);
const ASSERTION_PREFIX = 'execution.assertion.';
/** postman-runtime's listener for `pm.execution.runRequest`, one per execution. */
const RUN_REQUEST_PREFIX = 'execution.run_collection_request.';

export class SandboxPool {
  private readonly contexts = new Map<string, Promise<SandboxContext>>();
  private readonly owners = new Map<string, RunHost>();
  private readonly hosts = new Set<RunHost>();
  /** Contexts whose worker is being started again after a script timed out (see `restarted`). */
  private readonly restarts = new Map<SandboxContext, Promise<void>>();
  private closed = false;

  private boot: SandboxBoot | undefined | null = null;

  /**
   * `fastBridge`: the sandbox's messages as JSON (sandbox-bridge.ts), unless false.
   * `cacheDir`: where the worker keeps its compiled bundle (sandbox-boot.ts); false for none.
   */
  constructor(private readonly options: { fastBridge?: boolean; cacheDir?: string | false } = {}) {}

  /**
   * A view of the shared context for one engine run, handed over at once: the context is
   * created (or awaited) when the run's first script executes, so a collection without
   * scripts never waits for a sandbox.
   */
  host(options: Record<string, unknown>, callback: (error: Error | null, host?: RunHost) => void): void {
    if (this.closed) return callback(new Error('jamf-contract: the run\'s script sandbox is closed.'));
    const host = new RunHost(() => this.context(options.timeout, options.serializeLogs), this);
    this.hosts.add(host);
    callback(null, host);
  }

  /**
   * Starts the context the engine will ask for (its script timeout, `Infinity` for none)
   * while the run is still opening its session: the worker boots in the meantime.
   */
  warm(scriptTimeoutMs: number | undefined): void {
    this.context(scriptTimeoutMs ?? Infinity, undefined).catch(() => undefined);
  }

  private context(timeout: unknown, serializeLogs: unknown): Promise<SandboxContext> {
    // Runs with the same settings share one context (the engine passes its script timeout).
    const settings = {
      ...(typeof timeout === 'number' && Number.isFinite(timeout) ? { timeout } : {}),
      ...(serializeLogs === undefined ? {} : { serializeLogs }),
    };
    const key = JSON.stringify(settings);
    let context = this.contexts.get(key);
    if (!context) {
      const create = this.creator();
      context = new Promise<SandboxContext>((resolve, reject) => {
        create(settings, (error, ctx) => (error || !ctx ? reject(error ?? new Error('sandbox: no context')) : resolve(this.route(ctx))));
      });
      this.contexts.set(key, context);
    }
    return context;
  }

  /** postman-sandbox's `createContext`, or the same with the worker reading its own bundle (sandbox-boot.ts). */
  private creator(): SandboxModule['createContext'] {
    const original = sandboxModule(this.options).original;
    if (this.boot === null) this.boot = sandboxBoot(this.options.cacheDir === false ? undefined : (this.options.cacheDir ?? userCacheDir()));
    const boot = this.boot;
    if (!boot) return original;
    return (settings, callback) => {
      // What createContext does with these settings (none of them is an init option).
      const PostmanSandbox = require('postman-sandbox/lib/postman-sandbox') as new () => {
        initialize(init: object, connect: object, callback: (error: Error | null, context?: SandboxContext) => void): void;
      };
      new PostmanSandbox().initialize({}, { ...settings, bootCode: boot.code }, callback);
    };
  }

  /**
   * A context whose script timed out has ended its worker. postman-sandbox starts it again
   * inside the next execution, whose timeout is already running by then (its timer starts
   * first): on a busy machine the new worker's start-up alone outlasted a short
   * `--timeout-script`, and the next script was reported timed out too. Here the worker is
   * started again first, once for every execution waiting on it; undefined when it is ready.
   */
  restarted(ctx: SandboxContext): Promise<void> | undefined {
    if (ctx.isReady || !ctx.hasTimedOut || typeof ctx.initialize !== 'function') return undefined;
    let restart = this.restarts.get(ctx);
    if (!restart) {
      restart = new Promise<void>((resolve, reject) => ctx.initialize!(ctx.initOptions ?? {}, ctx.connectOptions ?? {}, (error) => (error ? reject(error) : resolve())));
      this.restarts.set(ctx, restart);
      restart.then(() => this.restarts.delete(ctx), () => this.restarts.delete(ctx));
    }
    return restart;
  }

  /** Ends the run's contexts (their worker threads). */
  async close(): Promise<void> {
    this.closed = true;
    // A worker being started again is ended once it is up.
    await Promise.allSettled([...this.restarts.values()]);
    const contexts = await Promise.allSettled([...this.contexts.values()]);
    this.contexts.clear();
    await Promise.all(contexts.map((c) => (c.status === 'fulfilled' ? dispose(c.value) : undefined)));
  }

  /** Started by `host`, under execution id `id`. */
  own(id: string, host: RunHost): void {
    this.owners.set(id, host);
  }

  disown(id: string): void {
    this.owners.delete(id);
  }

  forget(host: RunHost): void {
    this.hosts.delete(host);
    for (const [id, owner] of this.owners) if (owner === host) this.owners.delete(id);
  }

  private route(ctx: SandboxContext): SandboxContext {
    // One message for an execution's assertions, two events as the engine expects (engine-patches/hot-path.ts).
    const emit = ctx.emit.bind(ctx);
    ctx.emit = (name: string | symbol, ...args: unknown[]): boolean => {
      if (typeof name !== 'string' || !name.startsWith(ASSERTION_PREFIX) || args[args.length - 1] !== BOTH_ASSERTION_EVENTS) return emit(name, ...args);
      const [cursor, assertions] = args;
      emit(name, cursor, assertions);
      return emit('execution.assertion', cursor, assertions);
    };
    const worker = watchWorker(ctx);
    for (const name of ROUTED) {
      ctx.on(name, (...args: unknown[]) => {
        const id = (args[0] as { execution?: unknown } | undefined)?.execution;
        const owner = typeof id === 'string' ? this.owners.get(id) : undefined;
        if (owner) return owner.deliver(name, args);
        // The worker itself ended (out of memory, say): its executions end with the reason, the run goes on.
        if (name === 'error' && isWorkerDeath(args[0])) return worker.noteError(args[0]);
        // Not tied to one execution (the bridge failing): every run hears of it.
        if (name === 'error') for (const host of this.hosts) host.deliver(name, args);
      });
    }
    return ctx;
  }
}

/**
 * What one engine run sees as its sandbox: per-execution traffic goes straight to the shared
 * context (its event names carry the execution id), the run-wide events come from the pool's
 * router, and disposing only detaches.
 */
export class RunHost extends EventEmitter {
  /** Listeners passed on to the shared context, by event name (a run adds and drops some for every execution). */
  private readonly passed = new Map<string, Listener[]>();
  private ctx: SandboxContext | undefined;
  private ready: Promise<SandboxContext> | undefined;

  constructor(private readonly open: () => Promise<SandboxContext>, private readonly pool: SandboxPool) {
    super();
  }

  deliver(name: string, args: unknown[]): void {
    this.emit(name, ...args);
  }

  execute(target: unknown, options: { id?: string } & Record<string, unknown>, callback: Done): void {
    const id = options?.id;
    const start = (ctx: SandboxContext): void => {
      if (typeof id === 'string') this.pool.own(id, this);
      ctx.execute(target, options, (error, result) => {
        if (typeof id === 'string') this.pool.disown(id);
        callback(error, result);
        // The engine drops its listeners for an execution when it ends, all but this one
        // (postman-runtime 7.56): one per script run, kept until the engine run ends — a
        // heap that grew ~0.5 KB per request through a long run.
        if (typeof id === 'string') this.removeAllListeners(`${RUN_REQUEST_PREFIX}${id}`);
      });
    };
    this.withContext(
      (ctx) => {
        // After a script timed out: its worker is started again before this execution's timeout runs.
        const restarting = this.pool.restarted(ctx);
        if (!restarting) return start(ctx);
        restarting.then(() => start(ctx), (error: Error) => callback(error));
      },
      (error) => callback(error),
    );
  }

  dispatch(...args: unknown[]): void {
    this.withContext((ctx) => ctx.dispatch(...args));
  }

  override on(name: string | symbol, listener: Listener): this {
    if (typeof name !== 'string' || ROUTED.has(name)) return super.on(name, listener);
    this.pass(name, listener, false);
    return this;
  }

  override once(name: string | symbol, listener: Listener): this {
    if (typeof name !== 'string' || ROUTED.has(name)) return super.once(name, listener);
    const wrapped: Listener = (...args) => {
      this.drop(name, wrapped);
      listener(...args);
    };
    this.pass(name, wrapped, true);
    return this;
  }

  override removeAllListeners(name?: string | symbol): this {
    if (name === undefined) {
      for (const [n, listeners] of [...this.passed]) for (const l of [...listeners]) this.drop(n, l);
      return super.removeAllListeners();
    }
    if (typeof name !== 'string' || ROUTED.has(name)) return super.removeAllListeners(name);
    for (const l of [...(this.passed.get(name) ?? [])]) this.drop(name, l);
    return this;
  }

  override off(name: string | symbol, listener: Listener): this {
    if (typeof name !== 'string' || ROUTED.has(name)) return super.off(name, listener);
    this.drop(name, listener);
    return this;
  }

  override removeListener(name: string | symbol, listener: Listener): this {
    return this.off(name, listener);
  }

  /** The engine run is over: detach from the shared context, which stays warm for the next. */
  dispose(callback?: () => void): void {
    this.removeAllListeners();
    this.pool.forget(this);
    callback?.();
  }

  /** Runs `fn` with the context now when it is there (keeping the engine's order), else once it is. */
  private withContext(fn: (ctx: SandboxContext) => void, onError?: (error: Error) => void): void {
    if (this.ctx) return fn(this.ctx);
    this.ready ??= this.open().then((ctx) => (this.ctx = ctx));
    this.ready.then(fn, (error: Error) => onError?.(error));
  }

  /** Per-execution events (their names carry the execution id) are listened to on the shared context. */
  private pass(name: string, listener: Listener, once: boolean): void {
    const listeners = this.passed.get(name);
    if (listeners) listeners.push(listener);
    else this.passed.set(name, [listener]);
    this.withContext((ctx) => {
      // Dropped before the context was there (an execution that never started).
      if (!this.passed.get(name)?.includes(listener)) return;
      if (once) ctx.once(name, listener);
      else ctx.on(name, listener);
    });
  }

  private drop(name: string, listener: Listener): void {
    const listeners = this.passed.get(name);
    const i = listeners?.indexOf(listener) ?? -1;
    if (listeners && i >= 0) listeners.splice(i, 1);
    if (listeners?.length === 0) this.passed.delete(name);
    this.ctx?.off(name, listener);
  }
}

let hooked: { original: SandboxModule['createContext']; fastBridge: boolean } | undefined;

function sandboxModule(options: { fastBridge?: boolean }): { original: SandboxModule['createContext'] } {
  installSandboxHook(options);
  return hooked!;
}

/** Whether the sandbox's messages travel as JSON (sandbox-bridge.ts) in this process. */
export function sandboxBridgePatched(): boolean {
  return hooked?.fastBridge ?? false;
}

/**
 * Makes postman-sandbox's `createContext` answer engine runs that carry a pool (the run
 * option `host: { [POOL_KEY]: pool }`) from that pool. The engine looks the function up on
 * the module at each run, so wrapping the export is enough; other callers are unaffected.
 * First, before the sandbox's bridge is loaded, its messages are switched to JSON
 * (`fastBridge`, default on; off measures the engine as shipped).
 */
export function installSandboxHook(options: { fastBridge?: boolean } = {}): void {
  if (hooked) return;
  const fastBridge = options.fastBridge !== false && precompile(BRIDGE_PATCHES, sandboxRequireBase());
  prepareEngine('postman-collection', 'postman-sandbox');
  const sandbox = require('postman-sandbox') as SandboxModule;
  const original = sandbox.createContext.bind(sandbox);
  sandbox.createContext = function (options, callback) {
    const pool = (options as Record<string, unknown> | undefined)?.[POOL_KEY];
    if (!(pool instanceof SandboxPool)) return original(options, callback);
    pool.host(options, callback as (error: Error | null, host?: RunHost) => void);
  };
  hooked = { original, fastBridge };
}
