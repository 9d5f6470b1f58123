/** Numbers results, runs the observers on fresh exchanges, counts, and hands on to reporters. */
import { addToCounts, emptyCounts, type Reporter, type RequestResult, type RunCounts } from '../result.ts';
import type { Redactor } from '../secrets.ts';
import type { ResponseObserver } from '../validate/observer.ts';
import type { Exchange } from '../wire/exchange.ts';

export interface TallyOptions {
  reporters: Reporter[];
  observer: ResponseObserver | undefined;
  serverUrl: string;
  redactor: Redactor;
  shapeOf?: (body: Buffer, contentType: string | undefined) => Record<string, string>;
  onResult?: (result: RequestResult) => void;
}

export class Tally {
  counts: RunCounts = emptyCounts();
  folders: Record<string, RunCounts> = {};
  private index = 0;

  constructor(private readonly options: TallyOptions) {}

  add(collection: string, partial: Omit<RequestResult, 'index' | 'collection'>, exchange: Exchange | undefined): void {
    const { observer, redactor } = this.options;
    const result: RequestResult = { index: this.index++, collection, ...partial };
    if (exchange && observer) {
      const { operation, findings } = observer.check({ ...exchange, serverUrl: this.options.serverUrl });
      if (operation) result.operation = operation;
      result.findings = findings.map((f) => ({ ...f, message: redactor.redact(f.message) }));
    }
    if (exchange && this.options.shapeOf) result.bodyShape = this.options.shapeOf(exchange.body, exchange.headers['content-type']);
    addToCounts(this.counts, result);
    const key = [collection, ...result.folders].join(' / ');
    addToCounts((this.folders[key] ??= emptyCounts()), result);
    for (const r of this.options.reporters) r.onRequest?.(result);
    this.options.onResult?.(result);
  }

  /** Failed tests, request errors or script errors so far (`--bail`). */
  anyFailure(): boolean {
    return this.counts.testsFailed + this.counts.errored + this.counts.scriptErrors > 0;
  }
}
