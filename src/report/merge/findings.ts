/**
 * Contract findings once each: the same problem (kind, operation, JSON pointer) found by
 * every shard or on every server of a fleet is one entry with how often it occurred and on
 * which servers. Per-request findings stay on their requests; the counts are untouched.
 */
import type { RequestResult, Severity, UniqueFinding } from '../../result.ts';

const WORSE: Record<Severity, number> = { violation: 2, warning: 1, info: 0 };

export class UniqueFindings {
  private readonly byKey = new Map<string, UniqueFinding & { serverSet: Set<string> }>();

  add(r: RequestResult, server: string): void {
    for (const f of r.findings) {
      const operation = f.operation ?? r.operation ?? `${r.method} ${pathOf(r.url)}`;
      const key = `${f.kind}\u0000${operation}\u0000${f.pointer ?? ''}`;
      let entry = this.byKey.get(key);
      if (!entry) {
        entry = { kind: f.kind, severity: f.severity, operation, ...(f.pointer ? { pointer: f.pointer } : {}), message: f.message, count: 0, servers: [], serverSet: new Set() };
        this.byKey.set(key, entry);
      }
      entry.count += 1;
      entry.serverSet.add(server);
      if (WORSE[f.severity] > WORSE[entry.severity]) entry.severity = f.severity;
    }
  }

  /** Worst first, then most frequent. */
  list(): UniqueFinding[] {
    return [...this.byKey.values()]
      .map(({ serverSet, ...f }) => ({ ...f, servers: [...serverSet].sort() }))
      .sort((a, b) => WORSE[b.severity] - WORSE[a.severity] || b.count - a.count || a.operation.localeCompare(b.operation) || (a.pointer ?? '').localeCompare(b.pointer ?? ''));
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
