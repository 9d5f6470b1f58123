/**
 * The benchmark's median interval (bench/runner/stats.ts), from which the loopback target's
 * verdict is read: the ranks and coverage of the binomial rule, checked against hand-worked
 * values and against a simulation of rounds around a known median.
 */
import { describe, expect, it } from 'vitest';
import { median, medianInterval } from '../../bench/runner/stats.ts';

describe('medianInterval', () => {
  it('takes the 4th smallest and 4th largest of 15 rounds (96.5 %)', () => {
    const rounds = [15, 3, 9, 1, 12, 7, 5, 14, 2, 11, 6, 13, 8, 4, 10];
    const i = medianInterval(rounds)!;
    expect([i.low, i.high]).toEqual([4, 12]);
    expect(i.coverage).toBeCloseTo(1 - 2 * (1 + 15 + 105 + 455) / 2 ** 15, 10);
    expect(median(rounds)).toBe(8);
  });

  it('gives the smallest and largest of five, saying they cover 93.75 %, not 95 %', () => {
    const i = medianInterval([4.2, 3.9, 5.0, 4.6, 3.9])!;
    expect([i.low, i.high]).toEqual([3.9, 5.0]);
    expect(i.coverage).toBe(1 - 2 / 32);
  });

  it('narrows as rounds are added: 6 rounds reach 95 % with the extremes, 25 with the 8th', () => {
    const six = medianInterval([1, 2, 3, 4, 5, 6])!;
    expect([six.low, six.high, six.coverage]).toEqual([1, 6, 1 - 2 / 64]);
    const many = medianInterval(Array.from({ length: 25 }, (_, i) => i + 1))!;
    expect([many.low, many.high]).toEqual([8, 18]);
    expect(many.coverage).toBeGreaterThanOrEqual(0.95);
  });

  it('holds the true median at least as often as it says (simulated skewed rounds)', () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // Skewed like a shared machine's rounds: mostly near 4.2, sometimes much lower.
    const round = (): number => (random() < 0.8 ? 4.2 + (random() - 0.5) * 0.6 : 3.0 + random() * 1.2);
    const trueMedian = median(Array.from({ length: 200_001 }, round));
    let held = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const i = medianInterval(Array.from({ length: 15 }, round))!;
      if (i.low <= trueMedian && trueMedian <= i.high) held++;
    }
    expect(held / trials).toBeGreaterThan(0.95);
  });

  it('has nothing to say about no rounds, and one round is its own interval', () => {
    expect(medianInterval([])).toBeUndefined();
    expect(medianInterval([4.1])).toEqual({ low: 4.1, high: 4.1, coverage: 0 });
  });
});
