/** Medians of a benchmark's rounds, and how far a median of a few noisy rounds can be trusted. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export interface Interval {
  low: number;
  high: number;
  /** The probability that the true median lies between low and high (at least the level asked for, where the rounds allow it). */
  coverage: number;
}

/**
 * A distribution-free confidence interval for the median: the k-th smallest and k-th largest
 * rounds, k chosen so that a binomial(n, ½) count puts the true median between them with at
 * least `level` probability. Nothing is assumed about the rounds' distribution — on a shared
 * machine it is skewed by whatever else runs. With too few rounds for the level (fewer than 6
 * for 95 %) the interval is the smallest and largest round, with the coverage they give.
 */
export function medianInterval(values: number[], level = 0.95): Interval | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  // below[j] = P(B ≤ j) for B ~ binomial(n, ½).
  const below: number[] = [];
  let term = 0.5 ** n;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    sum += term;
    below.push(sum);
    term = (term * (n - i)) / (i + 1);
  }
  let k = 1;
  while (k + 1 <= Math.ceil(n / 2) && 1 - 2 * below[k]! >= level) k++;
  return { low: sorted[k - 1]!, high: sorted[n - k]!, coverage: 1 - 2 * below[k - 1]! };
}
