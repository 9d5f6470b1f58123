/**
 * What a summary shows besides the counts, gathered as results arrive: contract findings
 * grouped by level, kind and operation (count and a first example each), retried requests,
 * and requests the read-only guard held back. Memory stays flat: a group keeps one example,
 * a list keeps a few names.
 */
import type { Finding, RequestResult } from '../result.ts';
import { describeFinding, describeHeldBack, itemPath } from './outcome.ts';
import { NAMES_PER_GROUP } from './skips.ts';

export type FindingLevel = 'violation' | 'warning' | 'tolerated';

export interface FindingGroup {
  level: FindingLevel;
  kind: string;
  /** The operation matched, or the request (`GET /api/v1/x`) when none was. */
  operation: string;
  count: number;
  /** `GET Buildings / List: schema at /0/name: must be string; …`, the first occurrence. */
  example: string;
}

export function levelOf(f: Finding): FindingLevel | undefined {
  if (f.tolerated) return 'tolerated';
  if (f.severity === 'violation' || f.severity === 'warning') return f.severity;
  return undefined;
}

export class FindingTally {
  private readonly groups = new Map<string, FindingGroup>();

  add(r: RequestResult): void {
    for (const f of r.findings) {
      const level = levelOf(f);
      if (!level) continue;
      const operation = f.operation ?? r.operation ?? `${r.method} ${pathOf(r.url)}`;
      const key = `${level}\u0000${f.kind}\u0000${operation}`;
      const group = this.groups.get(key);
      if (group) group.count += 1;
      else this.groups.set(key, { level, kind: f.kind, operation, count: 1, example: `${r.method} ${itemPath(r)}: ${describeFinding(f)}` });
    }
  }

  /** Groups of one level, largest first. */
  of(level: FindingLevel): FindingGroup[] {
    return [...this.groups.values()].filter((g) => g.level === level).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || a.operation.localeCompare(b.operation));
  }

  total(level: FindingLevel): number {
    return this.of(level).reduce((n, g) => n + g.count, 0);
  }
}

/** A count with the first few request names behind it. */
export class NamedCount {
  count = 0;
  /** Sum of a per-request amount (retries), when one is added. */
  amount = 0;
  readonly names: string[] = [];
  private readonly seen = new Set<string>();

  add(name: string, amount = 1): void {
    this.count += 1;
    this.amount += amount;
    if (this.seen.has(name) || this.names.length >= NAMES_PER_GROUP) return;
    this.seen.add(name);
    this.names.push(name);
  }

  /** `a, b, c and 4 more`, counting every added occurrence beyond the names shown. */
  text(): string {
    const more = this.count - this.names.length;
    return this.names.join(', ') + (more > 0 ? ` and ${more} more` : '');
  }
}

/** Retries and held-back `pm.sendRequest` calls, for the summaries. */
export class ExtrasTally {
  readonly retried = new NamedCount();
  readonly heldBack = new NamedCount();

  add(r: RequestResult): void {
    if (r.retries) this.retried.add(`${r.method} ${itemPath(r)} (${r.retries}×)`, r.retries);
    for (const h of r.heldBack ?? []) this.heldBack.add(`${describeHeldBack(h)} [from ${itemPath(r)}]`);
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
