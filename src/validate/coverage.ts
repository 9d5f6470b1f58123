/**
 * Coverage: per spec, which operations a run exercised and with which status codes, which
 * it never touched, and which requests the spec does not document at all.
 */
import type { LoadedSpec } from '../load/spec.ts';

export interface SpecCoverage {
  api: 'pro' | 'classic';
  title: string;
  source: string;
  totalOperations: number;
  exercisedOperations: number;
  /** Operation key → status code → count. */
  exercised: Array<{ operation: string; statuses: Record<string, number> }>;
  untouched: string[];
  /** Requests under the spec's base path that match no operation (`GET /v1/nope`) → count. */
  undocumented: Array<{ request: string; count: number }>;
  summary: string;
}

export interface Coverage {
  specs: SpecCoverage[];
  /** One line per spec joined with `; `. */
  summary: string;
}

export class CoverageTracker {
  readonly #specs: Array<{ spec: LoadedSpec; hits: Map<string, Map<number, number>>; undocumented: Map<string, number> }> = [];

  add(spec: LoadedSpec): void {
    this.#specs.push({ spec, hits: new Map(), undocumented: new Map() });
  }

  hit(spec: LoadedSpec, operation: string, status: number): void {
    const entry = this.#entry(spec);
    if (!entry) return;
    const statuses = entry.hits.get(operation) ?? new Map<number, number>();
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    entry.hits.set(operation, statuses);
  }

  miss(spec: LoadedSpec, request: string): void {
    const entry = this.#entry(spec);
    if (entry) entry.undocumented.set(request, (entry.undocumented.get(request) ?? 0) + 1);
  }

  snapshot(): Coverage {
    const specs = this.#specs.map(({ spec, hits, undocumented }) => {
      const keys = spec.operations.map((o) => o.key);
      const exercised = keys
        .filter((k) => hits.has(k))
        .map((operation) => ({ operation, statuses: Object.fromEntries([...hits.get(operation)!].sort((a, b) => a[0] - b[0]).map(([s, n]) => [String(s), n])) }));
      const total = keys.length;
      const pct = total === 0 ? 0 : (100 * exercised.length) / total;
      const extra = undocumented.size > 0 ? `, ${undocumented.size} undocumented request path(s)` : '';
      return {
        api: spec.api,
        title: spec.title,
        source: spec.source,
        totalOperations: total,
        exercisedOperations: exercised.length,
        exercised,
        untouched: keys.filter((k) => !hits.has(k)),
        undocumented: [...undocumented].map(([request, count]) => ({ request, count })),
        summary: `${spec.title}: ${exercised.length} of ${total} operations exercised (${pct.toFixed(1)}%)${extra}`,
      };
    });
    return { specs, summary: specs.map((s) => s.summary).join('; ') };
  }

  #entry(spec: LoadedSpec) {
    return this.#specs.find((s) => s.spec === spec);
  }
}
