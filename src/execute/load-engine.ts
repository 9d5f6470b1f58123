/**
 * Loads postman-runtime with three changes, each compiled into this process's module cache
 * only (nothing global is patched, the files on disk are untouched):
 *
 * - The wire hook (wire-hook.ts): every request passes the run's gate. Required: without
 *   it the engine is not loaded at all, because the read-only guard would not hold.
 * - Test scripts do not run for a request that got no response (held back, not sent,
 *   timed out): they would only fail on `pm.response` being absent. If the engine's code
 *   changed, the runner ignores those scripts' results instead.
 * - Scheduling: the engine defers each internal step with `setTimeout(fn, 0)` (about 7 per
 *   request); Node waits at least 1 ms for each, which is most of newman's ~8 ms per request
 *   on loopback. The two call sites on the request path use `setImmediate` instead — same
 *   order, no 1 ms floor. If those lines changed, the engine loads unchanged.
 * - The item's request is copied for putting back only when a pre-request script changed it
 *   (engine-patches/hot-path.ts, ITEM_REQUEST_COPY).
 * - The script sandbox: one warm context per run (sandbox-host.ts), its messages as JSON
 *   (sandbox-bridge.ts).
 *
 * `fastScheduling: false` leaves the scheduling and the sandbox's messages as shipped (to
 * measure the difference); the guard and the test-script skip always apply. The patches
 * are compiled through patch.ts.
 */
import { createRequire } from 'node:module';
import { JamfContractError } from '../errors.ts';
import { DEFERRED_VISUALIZER, ITEM_REQUEST_COPY, precompile, precompileGroups, prepareEngine, type Patch } from '../engine-patches/index.ts';
import { installSandboxHook } from './sandbox-host.ts';
import { installWireHook } from './wire-hook.ts';

const require = createRequire(import.meta.url);

/** Test scripts are skipped when the request got no response; a held-back request never stops a `--bail` run. */
const SKIP_TESTS_WITHOUT_RESPONSE = {
  file: 'postman-runtime/lib/runner/extensions/item.command.js',
  from: `}).done(function (result, requestError) {
                                    !result && (result = {});
`,
  to: `}).done(function (result, requestError) {
                                    !result && (result = {});
                                    if (requestError && !result.response) {
                                        this.triggers.item(null, coords, item, null, { testsNotRun: true });
                                        item.request = originalRequest;
                                        return callback && callback.call(this, ((stopOnError || stopOnFailure) &&
                                            requestError.name !== 'HeldBackError') ? requestError : null,
                                            { prerequest: prereqExecutions, request: result.request });
                                    }
`,
};

const PATCHES: Patch[] = [
  {
    file: 'postman-runtime/lib/runner/instruction.js',
    from: 'setTimeout(callback.bind(...args), 0);',
    to: 'setImmediate(callback.bind(...args));',
  },
  {
    file: 'postman-runtime/lib/runner/run.js',
    from: `setTimeout(function () {
            // we do not have callback, hence we send _.noop.`,
    to: `setImmediate(function () {
            // we do not have callback, hence we send _.noop.`,
  },
];

export interface EngineModules {
  runtime: { Runner: new () => PostmanRunner };
  sdk: {
    Collection: new (json: unknown) => unknown;
    VariableScope: new (definition: { name?: string; values: Array<{ key: string; value: unknown; type?: string }> }) => VariableScope;
  };
  AuthLoader: { getHandler(name: string): AuthHandler; addHandler(handler: AuthHandler, name: string): void };
  /** How many of the scheduling patches applied (0 when the engine version differs). */
  patched: number;
  /** Whether test scripts are skipped for requests without a response (else the runner ignores their results). */
  skipsTestsWithoutResponse: boolean;
}

export interface AuthHandler {
  manifest: unknown;
  init: (...args: unknown[]) => void;
  pre: (...args: unknown[]) => void;
  post: (auth: AuthInterface, response: { code: number }, done: (err: Error | null, success: boolean) => void) => void;
  sign: (...args: unknown[]) => void;
}

export interface VariableScope {
  values: { toJSON(): Array<{ key: string; value: unknown; type?: string; disabled?: boolean }> };
  set(key: string, value: string, type?: string): void;
  get(key: string): unknown;
  has(key: string): boolean;
}

export interface AuthInterface {
  get(key: string): unknown;
}

/** A run's live scopes: what scripts have set so far. */
export interface RunState {
  environment?: VariableScope;
  globals?: VariableScope;
  collectionVariables?: VariableScope;
}

export interface PostmanRunner {
  run(collection: unknown, options: Record<string, unknown>, cb: (err: Error | null, run: { start(callbacks: Record<string, unknown>): void; abort(): void; state?: RunState }) => void): void;
}

let loaded: EngineModules | undefined;

/**
 * Loads the engine as `loadEngine` does, in steps with a turn of the event loop between them
 * (postman-request, the wire hook, the rest; ~0.1–0.2 s of this thread each), so requests under
 * way — the run's token and version calls — go on while it loads. Throws as `loadEngine` does.
 */
export async function preloadEngine(options: { fastScheduling?: boolean } = {}): Promise<void> {
  if (loaded) return;
  const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  await turn();
  prepareEngine('postman-collection', 'postman-request');
  installSandboxHook({ fastBridge: options.fastScheduling !== false });
  await turn();
  prepareEngine('postman-runtime');
  await turn();
  installWireHook();
  await turn();
  loadEngine(options);
}

export function loadEngine(options: { fastScheduling?: boolean } = {}): EngineModules {
  if (loaded) return loaded;
  // Before anything of the engine loads (the wire hook loads its requester, which loads every
  // auth helper); the sandbox's message change before the runtime's changed files load
  // postman-sandbox as they compile.
  prepareEngine('postman-collection', 'postman-request');
  installSandboxHook({ fastBridge: options.fastScheduling !== false });
  prepareEngine('postman-runtime');
  // Then: the requester must not be loaded before the hook is in place.
  if (!installWireHook()) {
    throw new JamfContractError(
      'INTERNAL',
      'The Postman engine was loaded in this process before jamf-contract could place its read-only guard, so no request can be sent safely. Run jamf-contract in its own process (or import it before postman-runtime).',
    );
  }
  // The item command's changes, each applied when its code is as expected (one compile of the file).
  const skipsTestsWithoutResponse = precompileGroups([[SKIP_TESTS_WITHOUT_RESPONSE], [DEFERRED_VISUALIZER], ITEM_REQUEST_COPY])[0] === true;
  let patched = 0;
  if (options.fastScheduling !== false) {
    for (const patch of PATCHES) if (precompile([patch])) patched += 1;
  }
  loaded = {
    runtime: require('postman-runtime') as EngineModules['runtime'],
    sdk: require('postman-collection') as EngineModules['sdk'],
    AuthLoader: (require('postman-runtime/lib/authorizer') as { AuthLoader: EngineModules['AuthLoader'] }).AuthLoader,
    patched,
    skipsTestsWithoutResponse,
  };
  return loaded;
}
