/** Collection order whatever the completion order. */
import { describe, expect, it } from 'vitest';
import { Sequencer } from '../../../src/execute/sequencer.ts';

describe('Sequencer', () => {
  it('passes on at once what arrives for the first unfinished slot, keeps the rest until its turn', () => {
    const out: string[] = [];
    const s = new Sequencer<string>(3, (x) => out.push(x));
    s.push(0, 'a1');
    s.push(2, 'c1');
    s.push(1, 'b1');
    expect(out).toEqual(['a1']);
    s.push(0, 'a2');
    s.finish(2);
    expect(out).toEqual(['a1', 'a2']);
    s.finish(0);
    expect(out).toEqual(['a1', 'a2', 'b1']);
    s.push(1, 'b2');
    expect(out).toEqual(['a1', 'a2', 'b1', 'b2']);
    s.finish(1);
    expect(out).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
    expect(s.waiting).toBe(0);
  });

  it('flush passes on everything kept, in slot order, when a run stops early', () => {
    const out: string[] = [];
    const s = new Sequencer<string>(4, (x) => out.push(x));
    s.push(3, 'd');
    s.push(1, 'b');
    s.flush();
    expect(out).toEqual(['b', 'd']);
  });

  it('refuses an item for a slot already reported', () => {
    const s = new Sequencer<string>(2, () => undefined);
    s.finish(0);
    expect(() => s.push(0, 'late')).toThrow(/already reported/);
  });
});
