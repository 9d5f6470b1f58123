/**
 * Collection order whatever the completion order. A run is cut into slots — one per
 * collection, iteration and top-level entry, in the order a sequential run would reach
 * them — and every slot is filled by exactly one unit (units.ts). What a slot receives is
 * passed on at once while it is the first unfinished slot, else kept until the slots
 * before it are done. Kept items are small (results without bodies, console lines).
 */
export class Sequencer<T> {
  private next = 0;
  private readonly done: boolean[];
  private readonly kept = new Map<number, T[]>();

  constructor(slots: number, private readonly emit: (item: T) => void) {
    this.done = new Array<boolean>(slots).fill(false);
  }

  get slots(): number {
    return this.done.length;
  }

  push(slot: number, item: T): void {
    if (slot === this.next) return this.emit(item);
    if (slot < this.next) throw new Error(`jamf-contract: a result arrived for slot ${slot}, already reported (next is ${this.next}).`);
    const list = this.kept.get(slot);
    if (list) list.push(item);
    else this.kept.set(slot, [item]);
  }

  /** Nothing more will arrive for `slot`. */
  finish(slot: number): void {
    if (slot >= this.done.length || this.done[slot]) return;
    this.done[slot] = true;
    this.advance();
  }

  /** Everything kept, in order, whatever is still open (a run that stopped early). */
  flush(): void {
    for (let slot = this.next; slot < this.done.length; slot++) this.done[slot] = true;
    this.advance();
  }

  /** Items kept for slots still waiting for an earlier one. */
  get waiting(): number {
    let n = 0;
    for (const list of this.kept.values()) n += list.length;
    return n;
  }

  private advance(): void {
    while (this.next < this.done.length) {
      const list = this.kept.get(this.next);
      if (list) {
        this.kept.delete(this.next);
        for (const item of list) this.emit(item);
      }
      if (!this.done[this.next]) return;
      this.next += 1;
    }
  }
}
