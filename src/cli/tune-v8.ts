/**
 * A run is one long batch of short-lived objects (the engine allocates ~100 KB per request,
 * nearly all garbage at once). On a machine with lots of memory V8 lets that garbage pile up
 * to hundreds of MB before collecting; these two flags make it collect sooner without
 * capping the heap (big collections still get all the memory they need).
 * Set by the CLI in its own process, never by the library inside someone else's.
 */
import v8 from 'node:v8';

export function tuneV8ForLongRuns(): void {
  v8.setFlagsFromString('--heap-growing-percent=30');
  v8.setFlagsFromString('--max-semi-space-size=4');
}
