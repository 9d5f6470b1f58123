/**
 * A script sandbox whose worker thread dies under a script — out of memory (a script that
 * keeps allocating reaches the worker's heap limit), or any other end of the thread — is
 * treated as postman-sandbox treats a script that timed out: the executions in flight end
 * with an error saying why (each item reports a script error), the context is marked to start
 * its worker again before the next execution, and the run goes on. Without this the worker's
 * `error` event reached no listener and ended the whole run as `error[INTERNAL]`, with no report.
 */
import type { EventEmitter } from 'node:events';

/** What this needs of postman-sandbox's context (`PostmanSandbox`, a uvm bridge). */
interface DyingContext extends EventEmitter {
  isReady: boolean;
  hasTimedOut?: boolean;
  dispose(callback?: () => void): void;
  /** postman-sandbox's executions in flight, by id. */
  _executing?: Record<string, unknown>;
}

/** The worker's own errors: its thread has ended, or is ending (uvm forwards them as `error`, then `exit`). */
export function isWorkerDeath(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_WORKER_');
}

/**
 * Watches `ctx` for its worker's end. uvm emits `exit` only when the worker ends by itself (a
 * context disposed on purpose stops listening first); `error` carries why, when there is a why.
 */
export function watchWorker(ctx: DyingContext): { noteError(error: unknown): void } {
  let reason: unknown;
  ctx.on('exit', () => {
    const message = (reason as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? 'the script sandbox ran out of memory (a script kept allocating past the heap limit); it is started again for the scripts after this one'
      : `the script sandbox's thread ended (${(reason as Error | undefined)?.message ?? 'no reason given'}); it is started again for the scripts after this one`;
    reason = undefined;
    // postman-sandbox's own mark for "start the worker again before the next execution".
    ctx.hasTimedOut = true;
    for (const id of Object.keys(ctx._executing ?? {})) ctx.emit(`execution.result.${id}`, new Error(message));
    if (ctx.isReady) ctx.dispose();
  });
  return {
    noteError(error) {
      reason = error;
    },
  };
}
