/** Which stored groups hold a computer or mobile device: the groups decide (smart by criteria, static by list). */
import { groupsContaining } from '../seed-groups.ts';
import type { Data, ReadContext } from './read.ts';

export function groupsOf(ctx: ReadContext, groupKind: string, memberKind: string, listKey: string, record: Data): Data[] {
  const lookup = (kind: string, id: unknown): Data | undefined => ctx.store.get(kind, String(id));
  return groupsContaining(ctx.store.list(groupKind), memberKind, listKey, record, lookup);
}
