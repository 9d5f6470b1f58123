/**
 * Skipped requests, grouped for the summary: every unresolved variable with how many
 * requests lack it and which, and the read-only, destructive and script skips. Only a few
 * names per group are kept, so a long run stays flat in memory.
 */
import type { RequestResult, SkipReason } from '../result.ts';
import { itemPath } from './outcome.ts';

/** Request names kept (and printed) per group; the rest are counted as "and N more". */
export const NAMES_PER_GROUP = 8;

export interface SkipGroup {
  /** Skipped results in the group (every iteration counts). */
  count: number;
  /** Distinct requests in the group. */
  distinct: number;
  /** The first `NAMES_PER_GROUP` distinct request names. */
  names: string[];
}

export class SkipTally {
  readonly byVariable = new Map<string, SkipGroup>();
  readonly byReason = new Map<SkipReason, SkipGroup>();
  private readonly seen = new Map<SkipGroup, Set<string>>();

  add(r: RequestResult): void {
    const skip = r.skipped;
    if (!skip) return;
    const key = `${r.collection}\u0000${r.itemId}`;
    const name = `${r.method} ${itemPath(r)}`;
    this.addTo(groupFor(this.byReason, skip.reason), key, name);
    if (skip.reason !== 'unresolved-variables') return;
    for (const variable of new Set(skip.variables ?? [])) this.addTo(groupFor(this.byVariable, variable), key, name);
  }

  get total(): number {
    let n = 0;
    for (const g of this.byReason.values()) n += g.count;
    return n;
  }

  private addTo(group: SkipGroup, key: string, name: string): void {
    group.count += 1;
    let seen = this.seen.get(group);
    if (!seen) this.seen.set(group, (seen = new Set()));
    if (seen.has(key)) return;
    seen.add(key);
    group.distinct += 1;
    if (group.names.length < NAMES_PER_GROUP) group.names.push(name);
  }
}

function groupFor<K>(map: Map<K, SkipGroup>, key: K): SkipGroup {
  let group = map.get(key);
  if (!group) map.set(key, (group = { count: 0, distinct: 0, names: [] }));
  return group;
}
