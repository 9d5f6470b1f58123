/**
 * How units start side by side (schedule.ts `inLanes`): `parallel` at first, one per turn of
 * the event loop, the spare ones once those have reached their first request, never more than
 * `lanesFor(parallel)` at once, and a unit that runs alone with nothing beside it.
 */
import { describe, expect, it } from 'vitest';
import { inLanes, lanesFor, SPARES_WAIT_MS } from '../../../src/execute/schedule.ts';

interface TestUnit {
  name: string;
  unit: { alone?: boolean };
}

/** Units whose runs wait to be told to reach their first request and to end. */
function controlled(names: string[], alone: string[] = []) {
  const events: string[] = [];
  const control = new Map<string, { ready(): void; end(): void }>();
  let running = 0;
  let most = 0;
  const units: TestUnit[] = names.map((name) => ({ name, unit: alone.includes(name) ? { alone: true } : {} }));
  const run = (u: TestUnit, ready: () => void): Promise<void> =>
    new Promise<void>((resolve) => {
      events.push(`start ${u.name}`);
      running += 1;
      most = Math.max(most, running);
      control.set(u.name, {
        ready,
        end: () => {
          running -= 1;
          events.push(`end ${u.name}`);
          resolve();
        },
      });
    });
  return { events, control, units, run, most: () => most };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('units side by side', () => {
  it('starts the spare units only once the first ones have reached their first request', async () => {
    const names = Array.from({ length: 14 }, (_, i) => `u${i + 1}`);
    const t = controlled(names);
    const done = inLanes(t.units, 2, () => false, t.run);
    await settle();
    expect(t.events).toEqual(['start u1', 'start u2']);
    t.control.get('u1')!.ready();
    await settle();
    expect(t.events).toEqual(['start u1', 'start u2']);
    // The second one ends before its first request (everything in it held back): that counts.
    t.control.get('u2')!.end();
    await settle();
    expect(t.events.slice(0, 3)).toEqual(['start u1', 'start u2', 'end u2']);
    // Now the spares: up to lanesFor(2) at once.
    expect(t.events.filter((e) => e.startsWith('start'))).toHaveLength(1 + lanesFor(2));
    for (const name of names) {
      t.control.get(name)?.end();
      await settle();
    }
    for (const name of names) t.control.get(name)?.end();
    await done;
    expect(t.events.filter((e) => e.startsWith('start'))).toHaveLength(14);
    expect(t.most()).toBe(lanesFor(2));
  });

  it('starts the first units one per turn of the event loop, so the first one is under way before the next start', async () => {
    const t = controlled(['u1', 'u2', 'u3']);
    const seen: string[] = [];
    const run = (u: TestUnit, ready: () => void): Promise<void> => {
      // What the first unit does on the next turn (its engine run moving on to its first request).
      if (u.name === 'u1') setImmediate(() => seen.push(`u1 moved on, ${t.events.length} started`));
      return t.run(u, ready);
    };
    const done = inLanes(t.units, 3, () => false, run);
    await settle();
    expect(t.events).toEqual(['start u1', 'start u2', 'start u3']);
    expect(seen).toEqual(['u1 moved on, 1 started']);
    for (const c of t.control.values()) c.end();
    await done;
  });

  it('holds them back no longer than a moment for a first unit whose first request waits (a slow pre-request script)', async () => {
    const t = controlled(Array.from({ length: 12 }, (_, i) => `u${i + 1}`));
    const done = inLanes(t.units, 5, () => false, t.run);
    await settle();
    for (const name of ['u2', 'u3', 'u4', 'u5']) t.control.get(name)!.ready();
    await settle();
    expect(t.events).toHaveLength(5);
    await new Promise((resolve) => setTimeout(resolve, SPARES_WAIT_MS + 50));
    await settle();
    // u1 still has not reached its first request; the spares run all the same.
    expect(t.events.filter((e) => e.startsWith('start'))).toHaveLength(12);
    for (const c of t.control.values()) c.end();
    await done;
  });

  it('one at a time with --parallel 1, nothing waited for', async () => {
    const t = controlled(['a', 'b', 'c']);
    const done = inLanes(t.units, 1, () => false, t.run);
    await settle();
    expect(t.events).toEqual(['start a']);
    t.control.get('a')!.end();
    await settle();
    t.control.get('b')!.end();
    await settle();
    t.control.get('c')!.end();
    await done;
    expect(t.events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(t.most()).toBe(1);
  });

  it('runs a unit marked alone with nothing beside it', async () => {
    const t = controlled(['a', 'b', 'solo', 'c'], ['solo']);
    const done = inLanes(t.units, 5, () => false, t.run);
    await settle();
    expect(t.events).toEqual(['start a', 'start b']);
    t.control.get('a')!.end();
    await settle();
    expect(t.events).toEqual(['start a', 'start b', 'end a']);
    t.control.get('b')!.end();
    await settle();
    expect(t.events).toEqual(['start a', 'start b', 'end a', 'end b', 'start solo']);
    t.control.get('solo')!.end();
    await settle();
    t.control.get('c')!.end();
    await done;
    expect(t.events).toEqual(['start a', 'start b', 'end a', 'end b', 'start solo', 'end solo', 'start c', 'end c']);
  });
});
