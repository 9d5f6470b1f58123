/** Adaptive pacing: fewer in flight when the server pushes back, then back up. */
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../../src/execute/pacing.ts';

/** Sends `n` requests through the pacer, answering each with `status` after `ms`; returns how many were let through at once. */
function round(p: Pacer, n: number, status: number, ms = 20): number {
  let started = 0;
  const pending: Array<() => void> = [];
  for (let i = 0; i < n; i++) p.send(() => void (started += 1, pending.push(() => p.done(ms, status))));
  const atOnce = started;
  while (pending.length) pending.shift()!();
  return atOnce;
}

describe('Pacer', () => {
  it('lets up to `parallel` requests out at once, queues the rest', () => {
    const p = new Pacer(3);
    expect(round(p, 5, 200)).toBe(3);
  });

  it('halves what is in flight on 429/503, never below one, and says so', () => {
    const p = new Pacer(5);
    round(p, 5, 503);
    expect(p.limit).toBeLessThan(5);
    for (let i = 0; i < 5; i++) round(p, 5, 429);
    expect(p.limit).toBe(1);
    expect(p.report()).toMatchObject({ parallel: 5, lowest: 1, throttled: 30 });
    expect(p.report().reductions).toBeGreaterThan(1);
  });

  it('goes back up while answers are healthy', () => {
    const p = new Pacer(4);
    round(p, 4, 503);
    const low = p.limit;
    for (let i = 0; i < 30; i++) round(p, 4, 200);
    expect(p.limit).toBeGreaterThan(low);
    expect(p.limit).toBeLessThanOrEqual(4);
  });

  it('sends fewer when answers become much slower than usual', () => {
    const p = new Pacer(5);
    for (let i = 0; i < 6; i++) round(p, 5, 200, 50);
    for (let i = 0; i < 6; i++) round(p, 5, 200, 2000);
    expect(p.report().slow).toBeGreaterThan(0);
    expect(p.limit).toBeLessThan(5);
  });

  it('with parallel 1 it only counts', () => {
    const p = new Pacer(1);
    round(p, 3, 503);
    expect(p.limit).toBe(1);
    expect(p.report()).toMatchObject({ reductions: 0, throttled: 3 });
  });
});
