/**
 * Adaptive pacing, as Jamf asks of API clients: fewer requests in flight when the server
 * says it is busy (429, 503) or its answers slow down, then back up while it is healthy.
 * Every request the engine sends passes here on its way to the wire (wire-hook.ts); with
 * `--parallel 1` there is nothing to take away and it only counts.
 *
 * - 429 or 503: half as many in flight (at least one).
 * - An answer slower than three times the usual (a moving average against the best the
 *   run has seen, and at least 250 ms more): one fewer.
 * - Twenty healthy answers in a row: one more, up to `--parallel`.
 */
import type { PacingSummary } from '../result.ts';
import type { Flight } from './wire-hook.ts';

const RECOVER_AFTER = 20;
const SLOW_FACTOR = 3;
const SLOW_MARGIN_MS = 250;
/** Answers before the usual time is known. */
const WARM_UP = 10;

export class Pacer implements Flight {
  /** Requests allowed in flight now. */
  limit: number;
  private inFlight = 0;
  private readonly queue: Array<() => void> = [];
  private healthy = 0;
  private average: number | undefined;
  private best: number | undefined;
  private samples = 0;
  /** Answers since the last reduction: one reduction per round of answers, not one per answer. */
  private sinceCut = Number.POSITIVE_INFINITY;
  private readonly summary: PacingSummary;

  constructor(readonly max: number) {
    this.limit = max;
    this.summary = { parallel: max, lowest: max, reductions: 0, throttled: 0, slow: 0 };
  }

  /** Calls `send` now when a place is free, else when one is. */
  send(send: () => void): void {
    if (this.inFlight < this.limit) {
      this.inFlight += 1;
      return send();
    }
    this.queue.push(send);
  }

  /** A request that was sent is over: `status` when it was answered, `ms` from sending to the end. */
  done(ms: number, status: number | undefined): void {
    this.inFlight -= 1;
    this.observe(ms, status);
    this.drain();
  }

  private drain(): void {
    while (this.inFlight < this.limit && this.queue.length > 0) {
      this.inFlight += 1;
      this.queue.shift()!();
    }
  }

  /** A place taken by `send` whose request was never sent (aborted while it waited). */
  release(): void {
    this.inFlight -= 1;
    this.drain();
  }

  report(): PacingSummary {
    return { ...this.summary };
  }

  private observe(ms: number, status: number | undefined): void {
    this.sinceCut += 1;
    if (status === 429 || status === 503) {
      this.summary.throttled += 1;
      return this.cut(Math.max(1, Math.floor(this.limit / 2)));
    }
    if (status === undefined) return;
    this.samples += 1;
    this.average = this.average === undefined ? ms : this.average * 0.8 + ms * 0.2;
    if (this.samples >= WARM_UP) this.best = Math.min(this.best ?? this.average, this.average);
    const usual = this.best;
    if (usual !== undefined && this.average > usual * SLOW_FACTOR && this.average > usual + SLOW_MARGIN_MS) {
      this.summary.slow += 1;
      return this.cut(this.limit - 1);
    }
    this.healthy += 1;
    if (this.healthy >= RECOVER_AFTER && this.limit < this.max) {
      this.limit += 1;
      this.healthy = 0;
    }
  }

  private cut(to: number): void {
    this.healthy = 0;
    // Answers already on their way were sent at the old pace: one cut per round of them.
    if (this.sinceCut < this.limit || to >= this.limit || this.limit <= 1) return;
    this.sinceCut = 0;
    this.limit = Math.max(1, to);
    this.summary.reductions += 1;
    this.summary.lowest = Math.min(this.summary.lowest, this.limit);
  }
}
