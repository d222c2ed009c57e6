const slotsByName = new Map<string, number>();

/**
 * The slot of a decayed counter name (`<key>.<halfLife>`, e.g. "like.7d"), the same in every
 * DecayedValues: features look a counter up by a slot found once rather than by hashing a name per row.
 * Names are the counter keys of one prefix (the engagement signals), so slots stay few.
 */
export function counterSlot(name: string): number {
  let slot = slotsByName.get(name);
  if (slot === undefined) slotsByName.set(name, (slot = slotsByName.size));
  return slot;
}

/** Decayed counters of one entity by name, each the sum of its epochs' values. */
export class DecayedValues {
  private readonly values: (number | undefined)[] = [];

  /** Adds to the counter in `slot` (created at 0). */
  add(slot: number, value: number): void {
    this.values[slot] = (this.values[slot] ?? 0) + value;
  }

  /** The counter in `slot`; undefined when the entity never counted it. */
  at(slot: number): number | undefined {
    return this.values[slot];
  }

  /** The counter named `<key>.<halfLife>`; undefined when the entity never counted it. */
  get(name: string): number | undefined {
    const slot = slotsByName.get(name);
    return slot === undefined ? undefined : this.values[slot];
  }

  /** Every counted name with its value. */
  entries(): [string, number][] {
    const out: [string, number][] = [];
    for (const [name, slot] of slotsByName) {
      const value = this.values[slot];
      if (value !== undefined) out.push([name, value]);
    }
    return out;
  }
}
