/**
 * The objects both APIs see, by kind, in the Jamf Pro API's JSON shape. Ids come from a
 * sequence shared by every node of a cluster (like a database sequence), so a write that
 * reaches the other node later keeps its id. Every write is reported to `onWrite` so the
 * cluster can replay it on the other node after the lag.
 */
import type { SimStore } from './http.ts';

export type Obj = Record<string, unknown>;

export type WriteOp =
  | { type: 'create'; kind: string; id: string; fields: Obj }
  | { type: 'update'; kind: string; id: string; fields: Obj }
  | { type: 'remove'; kind: string; id: string };

export class IdSequence {
  private readonly next = new Map<string, number>();

  constructor(objects: Record<string, Obj[]>) {
    for (const [kind, items] of Object.entries(objects)) {
      const max = items.reduce((m, o) => Math.max(m, Number(o.id) || 0), 0);
      this.next.set(kind, max + 1);
    }
  }

  take(kind: string): string {
    const id = this.next.get(kind) ?? 1;
    this.next.set(kind, id + 1);
    return String(id);
  }
}

export class MemoryStore implements SimStore {
  private readonly kinds = new Map<string, Map<string, Obj>>();
  onWrite: ((op: WriteOp) => void) | undefined;

  constructor(
    objects: Record<string, Obj[]>,
    private readonly ids: IdSequence,
  ) {
    for (const [kind, items] of Object.entries(objects)) {
      this.kinds.set(kind, new Map(items.map((o) => [String(o.id), structuredClone(o)])));
    }
  }

  private table(kind: string): Map<string, Obj> {
    let table = this.kinds.get(kind);
    if (!table) {
      table = new Map();
      this.kinds.set(kind, table);
    }
    return table;
  }

  list(kind: string): Obj[] {
    const table = this.kinds.get(kind);
    return table ? Array.from(table.values()) : [];
  }

  get(kind: string, id: string): Obj | undefined {
    return this.kinds.get(kind)?.get(id);
  }

  create(kind: string, fields: Obj): Obj {
    const id = this.ids.take(kind);
    const op: WriteOp = { type: 'create', kind, id, fields };
    this.apply(op);
    this.onWrite?.(op);
    return this.table(kind).get(id) as Obj;
  }

  update(kind: string, id: string, fields: Obj): Obj | undefined {
    if (!this.get(kind, id)) return undefined;
    const op: WriteOp = { type: 'update', kind, id, fields };
    this.apply(op);
    this.onWrite?.(op);
    return this.get(kind, id);
  }

  remove(kind: string, id: string): boolean {
    if (!this.get(kind, id)) return false;
    const op: WriteOp = { type: 'remove', kind, id };
    this.apply(op);
    this.onWrite?.(op);
    return true;
  }

  /** Applies a write without reporting it: how a replica receives another node's writes. */
  apply(op: WriteOp): void {
    const table = this.table(op.kind);
    if (op.type === 'remove') {
      table.delete(op.id);
      return;
    }
    const fields = structuredClone(op.fields);
    const before = op.type === 'update' ? table.get(op.id) : undefined;
    if (op.type === 'update' && !before) return;
    table.set(op.id, { ...(before ?? {}), ...fields, id: op.id });
  }
}
