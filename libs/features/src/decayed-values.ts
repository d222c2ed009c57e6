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

function zeros(length: number): number[] {
  const values: number[] = [];
  for (let i = 0; i < length; i++) values.push(0);
  return values;
}

/** Decayed counters of one entity by slot, each the sum of its epochs' values (0 when never counted). */
export class DecayedValues {
  /** A plain array of doubles: small typed arrays cost an off-heap allocation each. */
  private readonly values: number[] = zeros(slotsByName.size);

  /** Adds to the counter in `slot`. */
  add(slot: number, value: number): void {
    while (slot >= this.values.length) this.values.push(0);
    this.values[slot]! += value;
  }

  /** The counter in `slot`. */
  at(slot: number): number {
    return slot < this.values.length ? this.values[slot]! : 0;
  }

  /** The counter named `<key>.<halfLife>`. */
  get(name: string): number {
    const slot = slotsByName.get(name);
    return slot === undefined ? 0 : this.at(slot);
  }
}
