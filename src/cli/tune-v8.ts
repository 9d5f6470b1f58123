/**
 * V8 tuned for what a run is. Set by the CLI in its own process (its script worker shares
 * the flags), never by the library inside someone else's.
 *
 * Memory: a run is one long batch of short-lived objects (the engine allocates ~100 KB per
 * request, nearly all garbage at once). On a machine with lots of memory V8 lets that garbage
 * pile up to hundreds of MB before collecting; the first two flags make it collect sooner
 * without capping the heap (big collections still get all the memory they need).
 *
 * Compiling: a run touches a great deal of the engine's code a few hundred times each.
 * With V8's defaults its optimising compiler ends up compiling ~600 of those functions in a
 * 1,000-request run — ~2.5 s of CPU on its background threads, more than the run's own
 * JavaScript on a 2-core machine. Waiting for 4× more calls before optimising a function, and
 * inlining half as much into each, leaves the truly hot code optimised and skips the rest
 * (measured with bench/runner/child.mjs: CPU per request −14 % at 1,000 requests, −10 % at
 * 20,000, the main thread's share unchanged; see docs/parallel.md).
 *
 * Priority: what is left of that compiling, and the collector's concurrent work, runs on
 * V8's helper threads, which Node starts at the same priority as the run's JavaScript; on a
 * machine with two cores they took turns with the main thread (the one the run waits on) and
 * the script sandbox's. Chrome runs V8's background work at background priority; here, on
 * Linux, the helper threads get the lowest priority (nice 19) — they run when a core is free
 * and as soon as the machine is idle. Nothing else changes: the main thread, the script
 * worker and Node's I/O threads keep theirs (lowerHelperThreads).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import v8 from 'node:v8';

export const V8_FLAGS = [
  '--heap-growing-percent=30',
  '--max-semi-space-size=4',
  '--interrupt-budget=270336',
  '--max-inlined-bytecode-size-cumulative=460',
] as const;

/** The nice value given to V8's helper threads: the lowest priority. */
export const HELPER_NICE = 19;

export function tuneV8ForLongRuns(): void {
  for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
  lowerHelperThreads();
}

/**
 * Gives V8's helper threads the lowest priority; returns how many it changed (0 elsewhere
 * than Linux, or when /proc cannot be read). Threads started later (the script worker, its
 * own threads, Node's I/O pool) are started by the main thread and keep its priority.
 */
export function lowerHelperThreads(): number {
  if (process.platform !== 'linux') return 0;
  let changed = 0;
  try {
    const threads = readdirSync('/proc/self/task').map(Number).filter((tid) => tid !== process.pid).map((tid) => ({ tid, started: startedAt(tid) }));
    for (const tid of helperThreads(threads)) {
      try {
        setPriority(tid, HELPER_NICE);
        changed += 1;
      } catch {
        // Ended meanwhile, or not allowed: it keeps its priority.
      }
    }
  } catch {
    // No /proc: nothing changes.
  }
  return changed;
}

/**
 * V8's helper threads among a process's other threads: the first ones started, together
 * (Node's platform starts its worker threads and their task scheduler in one go, before any
 * JavaScript runs; everything else starts later, from JavaScript). `started` is in clock
 * ticks (a tick is 10 ms); one tick apart still counts as together.
 */
export function helperThreads(threads: Array<{ tid: number; started: number }>): number[] {
  if (threads.length === 0) return [];
  const first = Math.min(...threads.map((t) => t.started));
  return threads.filter((t) => t.started <= first + 1).map((t) => t.tid);
}

/** When a thread of this process started, in clock ticks since boot (/proc's `starttime`). */
function startedAt(tid: number): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, starttime field 22.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
}
