/**
 * Additive counters by field name with their values in an array of doubles (unboxed by the engine):
 * an update writes in place, where a number in a Map or dictionary object would allocate a heap
 * number each time. Fields keep their insertion order, like object keys.
 */
export class FieldCounters {
  private readonly slots = new Map<string, number>();
  private readonly values: number[] = [];
  private readonly free: number[] = [];

  get size(): number {
    return this.slots.size;
  }

  has(field: string): boolean {
    return this.slots.has(field);
  }

  add(field: string, amount: number): void {
    let slot = this.slots.get(field);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.values.length;
      this.values[slot] = 0;
      this.slots.set(field, slot);
    }
    this.values[slot]! += amount;
  }

  /** True when the field was there. */
  delete(field: string): boolean {
    const slot = this.slots.get(field);
    if (slot === undefined) return false;
    this.slots.delete(field);
    this.free.push(slot);
    return true;
  }

  copyInto(record: Record<string, number>): void {
    for (const [field, slot] of this.slots) record[field] = this.values[slot]!;
  }
}
