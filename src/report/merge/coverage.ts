/**
 * The union of several runs' contract coverage, per API document (matched by API and title):
 * an operation any run exercised is exercised, its status counts added up; untouched are the
 * operations no run exercised; undocumented requests are added up. Operations are listed
 * sorted by name (runs against different versions may list different ones).
 */
import type { Coverage, SpecCoverage } from '../../validate/coverage.ts';

export function unionCoverage(list: unknown[]): Coverage | undefined {
  const specs = new Map<string, { title: string; api: SpecCoverage['api']; sources: Set<string>; all: Set<string>; hits: Map<string, Map<string, number>>; undocumented: Map<string, number> }>();
  for (const coverage of list) {
    if (!isCoverage(coverage)) continue;
    for (const spec of coverage.specs) {
      const key = `${spec.api}\u0000${spec.title}`;
      const entry = specs.get(key) ?? { title: spec.title, api: spec.api, sources: new Set(), all: new Set(), hits: new Map(), undocumented: new Map() };
      specs.set(key, entry);
      entry.sources.add(spec.source);
      for (const op of spec.untouched) entry.all.add(op);
      for (const { operation, statuses } of spec.exercised) {
        entry.all.add(operation);
        const hits = entry.hits.get(operation) ?? new Map<string, number>();
        for (const [status, n] of Object.entries(statuses)) hits.set(status, (hits.get(status) ?? 0) + n);
        entry.hits.set(operation, hits);
      }
      for (const { request, count } of spec.undocumented) entry.undocumented.set(request, (entry.undocumented.get(request) ?? 0) + count);
    }
  }
  if (specs.size === 0) return undefined;
  const out: SpecCoverage[] = [...specs.values()].map((e) => {
    const all = [...e.all].sort((a, b) => a.localeCompare(b));
    const exercised = all.filter((op) => e.hits.has(op)).map((operation) => ({
      operation,
      statuses: Object.fromEntries([...e.hits.get(operation)!].sort((a, b) => Number(a[0]) - Number(b[0]))),
    }));
    const total = all.length;
    const pct = total === 0 ? 0 : (100 * exercised.length) / total;
    const extra = e.undocumented.size > 0 ? `, ${e.undocumented.size} undocumented request path(s)` : '';
    return {
      api: e.api,
      title: e.title,
      source: e.sources.size === 1 ? [...e.sources][0]! : `${e.sources.size} sources`,
      totalOperations: total,
      exercisedOperations: exercised.length,
      exercised,
      untouched: all.filter((op) => !e.hits.has(op)),
      undocumented: [...e.undocumented].map(([request, count]) => ({ request, count })),
      summary: `${e.title}: ${exercised.length} of ${total} operations exercised (${pct.toFixed(1)}%)${extra}`,
    };
  });
  return { specs: out, summary: out.map((s) => s.summary).join('; ') };
}

function isCoverage(value: unknown): value is Coverage {
  return !!value && typeof value === 'object' && Array.isArray((value as Coverage).specs);
}
