/**
 * A set of small non-negative integers (state ids) with O(1) insert and
 * clear: a slot per id stamped with the current generation, and the list
 * of members in insertion order. Cheaper than Set/Map in the inner loops.
 */
export class IdSet {
  private stamps = new Int32Array(1024);
  private slots = new Int32Array(1024);
  private generation = 1;
  readonly members: number[] = [];

  clear(): void {
    this.generation++;
    this.members.length = 0;
  }

  /** Position of `id` in `members`, or -1. */
  indexOf(id: number): number {
    return id < this.stamps.length && this.stamps[id] === this.generation ? this.slots[id]! : -1;
  }

  /** Adds `id` (when new); returns its position in `members`. */
  add(id: number): number {
    if (id >= this.stamps.length) this.grow(id);
    if (this.stamps[id] === this.generation) return this.slots[id]!;
    this.stamps[id] = this.generation;
    this.slots[id] = this.members.length;
    this.members.push(id);
    return this.members.length - 1;
  }

  private grow(id: number): void {
    let n = this.stamps.length;
    while (n <= id) n *= 2;
    const stamps = new Int32Array(n);
    const slots = new Int32Array(n);
    stamps.set(this.stamps);
    slots.set(this.slots);
    this.stamps = stamps;
    this.slots = slots;
  }
}
