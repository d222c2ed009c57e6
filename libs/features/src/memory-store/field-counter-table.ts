const EMPTY = -1;
const DELETED = -2;
const MIN_CAPACITY = 1024;

/**
 * Additive counters by field name for every entity of one kind (affinities by creator and category,
 * followers, anything that is not a signal counter), in typed arrays: field names are numbered once,
 * an index (open addressing on entity and field number) finds an entity's counter, and each entity's
 * counters form a list in insertion order (a deleted counter that comes back goes to the end, like an
 * object key). No per-entity Map or array, so there is nothing per entity for the GC to trace.
 */
export class FieldCounterTable {
  private readonly fieldNumbers = new Map<string, number>();
  private readonly fieldNames: string[] = [];

  private indexEntities = new Int32Array(MIN_CAPACITY).fill(EMPTY);
  private indexFields = new Int32Array(MIN_CAPACITY);
  private indexEntries = new Int32Array(MIN_CAPACITY);
  private indexMask = MIN_CAPACITY - 1;
  /** Index cells in use, tombstones included. */
  private indexUsed = 0;

  private values = new Float64Array(MIN_CAPACITY);
  /** The field of each entry, or DELETED. */
  private entryFields = new Int32Array(MIN_CAPACITY);
  private next = new Int32Array(MIN_CAPACITY);
  private entries = 0;

  private heads = new Int32Array(MIN_CAPACITY).fill(EMPTY);
  private tails = new Int32Array(MIN_CAPACITY).fill(EMPTY);

  has(slot: number, field: string): boolean {
    const number = this.fieldNumbers.get(field);
    return number !== undefined && this.indexEntities[this.find(slot, number)] === slot;
  }

  add(slot: number, field: string, amount: number): void {
    this.addNumbered(slot, this.numberOf(field), amount);
  }

  /** The number of a field name (numbered on first use; valid until clear). */
  numberOf(field: string): number {
    let number = this.fieldNumbers.get(field);
    if (number === undefined) {
      number = this.fieldNames.length;
      this.fieldNumbers.set(field, number);
      this.fieldNames.push(field);
    }
    return number;
  }

  /** `add` by the field's number. */
  addNumbered(slot: number, number: number, amount: number): void {
    const cell = this.find(slot, number);
    if (this.indexEntities[cell] === slot) {
      this.values[this.indexEntries[cell]!]! += amount;
      return;
    }
    const entry = this.append(slot, number);
    this.values[entry] = 0 + amount;
    this.insert(slot, number, entry);
  }

  /** True when the field was there. */
  delete(slot: number, field: string): boolean {
    const number = this.fieldNumbers.get(field);
    if (number === undefined) return false;
    const cell = this.find(slot, number);
    if (this.indexEntities[cell] !== slot) return false;
    this.entryFields[this.indexEntries[cell]!] = DELETED;
    this.indexEntities[cell] = DELETED;
    return true;
  }

  /** The counter's value, or undefined when the entity has no such counter. */
  get(slot: number, field: string): number | undefined {
    const number = this.fieldNumbers.get(field);
    if (number === undefined) return undefined;
    const cell = this.find(slot, number);
    return this.indexEntities[cell] === slot ? this.values[this.indexEntries[cell]!] : undefined;
  }

  /** Whether the entity has any counter here. */
  hasAny(slot: number): boolean {
    if (slot >= this.heads.length) return false;
    for (let entry = this.heads[slot]!; entry !== EMPTY; entry = this.next[entry]!) if (this.entryFields[entry] !== DELETED) return true;
    return false;
  }

  /** Calls `visit` with each of the entity's counters, in insertion order (the order of copyInto). */
  forEach(slot: number, visit: (field: string, value: number) => void): void {
    if (slot >= this.heads.length) return;
    for (let entry = this.heads[slot]!; entry !== EMPTY; entry = this.next[entry]!) {
      const field = this.entryFields[entry]!;
      if (field !== DELETED) visit(this.fieldNames[field]!, this.values[entry]!);
    }
  }

  copyInto(slot: number, record: Record<string, number>): void {
    if (slot >= this.heads.length) return;
    for (let entry = this.heads[slot]!; entry !== EMPTY; entry = this.next[entry]!) {
      const field = this.entryFields[entry]!;
      if (field !== DELETED) record[this.fieldNames[field]!] = this.values[entry]!;
    }
  }

  clear(): void {
    this.fieldNumbers.clear();
    this.fieldNames.length = 0;
    this.indexEntities.fill(EMPTY);
    this.indexUsed = 0;
    this.entries = 0;
    this.heads.fill(EMPTY);
    this.tails.fill(EMPTY);
  }

  /** The index cell holding (slot, number), or the empty cell where it would go. */
  private find(slot: number, number: number): number {
    const entities = this.indexEntities;
    for (let i = this.hash(slot, number); ; i = (i + 1) & this.indexMask) {
      const e = entities[i]!;
      if (e === EMPTY || (e === slot && this.indexFields[i] === number)) return i;
    }
  }

  private hash(slot: number, number: number): number {
    let h = Math.imul(slot ^ Math.imul(number, 0x27d4eb2f), 0x9e3779b1);
    h ^= h >>> 15;
    return h & this.indexMask;
  }

  private insert(slot: number, number: number, entry: number): void {
    if ((this.indexUsed + 1) * 2 > this.indexMask + 1) this.rebuildIndex();
    const cell = this.find(slot, number);
    this.indexEntities[cell] = slot;
    this.indexFields[cell] = number;
    this.indexEntries[cell] = entry;
    this.indexUsed++;
  }

  /** A new entry at the end of the slot's list. */
  private append(slot: number, number: number): number {
    if (this.entries === this.values.length) {
      this.values = grown(this.values, this.values.length * 2);
      this.entryFields = grown(this.entryFields, this.entryFields.length * 2);
      this.next = grown(this.next, this.next.length * 2);
    }
    if (slot >= this.heads.length) {
      let length = this.heads.length * 2;
      while (length <= slot) length *= 2;
      this.heads = grown(this.heads, length, EMPTY);
      this.tails = grown(this.tails, length, EMPTY);
    }
    const entry = this.entries++;
    this.entryFields[entry] = number;
    this.next[entry] = EMPTY;
    const tail = this.tails[slot]!;
    if (tail === EMPTY) this.heads[slot] = entry;
    else this.next[tail] = entry;
    this.tails[slot] = entry;
    return entry;
  }

  /** Re-inserts the live cells (tombstones dropped) into an index with room for as many again. */
  private rebuildIndex(): void {
    const { indexEntities: entities, indexFields: fields, indexEntries: entries } = this;
    let live = 0;
    for (let i = 0; i < entities.length; i++) if (entities[i]! >= 0) live++;
    let capacity = MIN_CAPACITY;
    while (capacity < live * 4) capacity *= 2;
    this.indexEntities = new Int32Array(capacity).fill(EMPTY);
    this.indexFields = new Int32Array(capacity);
    this.indexEntries = new Int32Array(capacity);
    this.indexMask = capacity - 1;
    this.indexUsed = 0;
    for (let i = 0; i < entities.length; i++) {
      if (entities[i]! < 0) continue;
      const cell = this.find(entities[i]!, fields[i]!);
      this.indexEntities[cell] = entities[i]!;
      this.indexFields[cell] = fields[i]!;
      this.indexEntries[cell] = entries[i]!;
      this.indexUsed++;
    }
  }
}

function grown<T extends Float64Array | Int32Array>(array: T, length: number, fill?: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(length);
  if (fill !== undefined) bigger.fill(fill);
  bigger.set(array);
  return bigger;
}
