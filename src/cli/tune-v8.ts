/**
 * V8 tuned for what a run is. Set by the CLI in its own process (its script worker shares
 * the flags), never by the library inside someone else's.
 *
 * Memory: a run is one long batch of short-lived objects (the engine allocates ~100 KB per
 * request, nearly all garbage at once). On a machine with lots of memory V8 lets that garbage
 * pile up to hundreds of MB before collecting; the first two flags make it collect sooner
 * without capping the heap (big collections still get all the memory they need). The young
 * generation's size is fixed when a V8 isolate starts: `--max-semi-space-size` set here sizes
 * the script sandbox's worker (started later), not this thread, whose young generation stays
 * V8's (16 MB a half). Measured (docs/parallel.md, sixteenth pass): 8 MB for this thread would
 * take 3–5 % off a 1,000-request run, but only a Node option given at start sets it, which a
 * portable `#!` line cannot carry.
 *
 * Compiling: a run touches a great deal of the engine's code a few hundred times each.
 * With V8's defaults its optimising compiler ends up compiling ~600 of those functions in a
 * 1,000-request run — ~2.5 s of CPU on its background threads, more than the run's own
 * JavaScript on a 2-core machine. Waiting for 4× more calls before optimising a function, and
 * inlining half as much into each, leaves the truly hot code optimised and skips the rest
 * (measured with bench/runner/child.mjs: CPU per request −14 % at 1,000 requests, −10 % at
 * 20,000, the main thread's share unchanged; see docs/parallel.md).
 */
import { setV8Flags } from '../v8-flags.ts';

export const V8_FLAGS = [
  '--heap-growing-percent=30',
  '--max-semi-space-size=4',
  '--interrupt-budget=270336',
  '--max-inlined-bytecode-size-cumulative=460',
] as const;

export function tuneV8ForLongRuns(): void {
  setV8Flags(V8_FLAGS);
}
