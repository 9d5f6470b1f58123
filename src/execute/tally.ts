/** Numbers results, runs the observers on fresh exchanges, counts, and hands on to reporters. */
import { addToCounts, emptyCounts, type ConsoleLine, type Notice, type Reporter, type RequestResult, type RunCounts } from '../result.ts';
import type { Redactor } from '../secrets.ts';
import type { ResponseObserver } from '../validate/observer.ts';
import type { Exchange } from '../wire/exchange.ts';

export interface TallyOptions {
  reporters: Reporter[];
  observer?: ResponseObserver | undefined;
  /**
   * Results and console lines are counted but not reported until `start` (the reporters start
   * once the run's version, preflight and contract are in; the engine is set up meanwhile).
   */
  held?: boolean;
  serverUrl: string;
  redactor: Redactor;
  shapeOf?: (body: Buffer, contentType: string | undefined) => Record<string, string>;
  onResult?: (result: RequestResult) => void;
}

/** A result before it has its place in the run (`index`). */
export type Checked = Omit<RequestResult, 'index'>;

/** What `--bail` stops at: a failed test, a request error or a script error. */
export function failed(r: Checked): boolean {
  return Boolean(r.error) || r.scriptErrors.length > 0 || r.tests.some((t) => !t.passed && !t.skipped);
}

export class Tally {
  counts: RunCounts = emptyCounts();
  folders: Record<string, RunCounts> = {};
  /** Held back by the read-only guard, by what would allow them. */
  held = { writes: 0, destructive: 0, fromScripts: 0 };
  private index = 0;
  private observer: ResponseObserver | undefined;
  /** Results numbered and console lines written before `start`, in order. */
  private waiting: Array<{ result: RequestResult } | { console: ConsoleLine }> | undefined;

  constructor(private readonly options: TallyOptions) {
    this.observer = options.observer;
    if (options.held) this.waiting = [];
  }

  /** The reporters have started: results held so far go to them, in order; `observer` checks what comes next. */
  start(observer: ResponseObserver | undefined): void {
    this.observer = observer;
    const waiting = this.waiting ?? [];
    this.waiting = undefined;
    for (const item of waiting) {
      if ('result' in item) this.report(item.result);
      else this.write(item.console);
    }
  }

  /** A script's console line, in its place among the results. */
  console(line: ConsoleLine): void {
    if (this.waiting) this.waiting.push({ console: line });
    else this.write(line);
  }

  private write(line: ConsoleLine): void {
    for (const r of this.options.reporters) r.onConsole?.(line);
  }

  /** Checks and reports one result at once (the sequential order is the run's). */
  add(collection: string, partial: Omit<RequestResult, 'index' | 'collection'>, exchange: Exchange | undefined): void {
    this.emit(this.check(collection, partial, exchange));
  }

  /** The contract checks and body shape, while the exchange (its body) is fresh: in any order. */
  check(collection: string, partial: Omit<RequestResult, 'index' | 'collection'>, exchange: Exchange | undefined): Checked {
    const { observer } = this;
    const { redactor } = this.options;
    const result: Checked = { collection, ...partial };
    if (exchange && observer) {
      const { operation, findings } = observer.check({ ...exchange, serverUrl: this.options.serverUrl });
      if (operation) result.operation = operation;
      result.findings = findings.map((f) => ({ ...f, message: redactor.redact(f.message) }));
    }
    if (exchange && this.options.shapeOf) result.bodyShape = this.options.shapeOf(exchange.body, exchange.headers['content-type']);
    return result;
  }

  /** Numbers, counts and hands a checked result to the reporters: in collection order. */
  emit(checked: Checked): void {
    const result: RequestResult = { index: this.index++, ...checked };
    addToCounts(this.counts, result);
    this.countHeld(result);
    const key = [result.collection, ...result.folders].join(' / ');
    addToCounts((this.folders[key] ??= emptyCounts()), result);
    if (this.waiting) this.waiting.push({ result });
    else this.report(result);
  }

  private report(result: RequestResult): void {
    for (const r of this.options.reporters) r.onRequest?.(result);
    this.options.onResult?.(result);
  }

  private countHeld(r: RequestResult): void {
    if (r.skipped?.reason === 'read-only') this.held.writes += 1;
    if (r.skipped?.reason === 'destructive') this.held.destructive += 1;
    for (const h of r.heldBack ?? []) {
      this.held.fromScripts += 1;
      if (h.class === 'destructive') this.held.destructive += 1;
      else this.held.writes += 1;
    }
  }

  /** The run-wide notice about what the read-only guard held back, if anything. */
  heldNotice(): Notice | undefined {
    const { writes, destructive, fromScripts } = this.held;
    if (writes + destructive === 0) return undefined;
    const parts = [
      ...(writes ? [`${writes} write${writes === 1 ? '' : 's'} (--allow-writes sends them)`] : []),
      ...(destructive ? [`${destructive} destructive request${destructive === 1 ? '' : 's'} (--allow-writes --allow-destructive)`] : []),
    ];
    const scripts = fromScripts ? `, ${fromScripts} of them pm.sendRequest calls from scripts` : '';
    return { level: 'info', code: 'READ_ONLY', message: `The read-only guard held back ${parts.join(' and ')}${scripts}; nothing held back left this machine.` };
  }

  /** Failed tests, request errors or script errors so far (`--bail`). */
  anyFailure(): boolean {
    return this.counts.testsFailed + this.counts.errored + this.counts.scriptErrors > 0;
  }
}
