/**
 * `preloadEngine` (load-engine.ts): the engine loads in steps with turns of the event loop
 * between them, so the run's token and version answers are read while it loads, not after.
 */
import { describe, expect, it } from 'vitest';
import { loadEngine, preloadEngine } from '../../../src/execute/load-engine.ts';

describe('preloadEngine', () => {
  it('loads the engine in steps, other work going on between them', async () => {
    let turns = 0;
    let spinning = true;
    const spin = (): void => {
      turns += 1;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    await preloadEngine();
    spinning = false;
    // One turn before each of the four steps.
    expect(turns).toBeGreaterThanOrEqual(4);
    // Loaded once: what a run then asks for is what was preloaded.
    const engine = loadEngine();
    expect(engine.patched).toBeGreaterThan(0);
    expect(loadEngine()).toBe(engine);
    // A second run in this process: nothing to load, nothing thrown.
    await expect(preloadEngine()).resolves.toBeUndefined();
  });
});
