const EMPTY = -1;
const MIN_CAPACITY = 1024;

/**
 * The applied event ids of every entity of one kind, as 64-bit fingerprints with the entity clock at
 * which each was applied: open addressing in typed arrays, so the dedupe window costs no JS objects
 * (and no GC work) however many ids it holds. A false match needs two ids applied to the same entity
 * within its window to share all 64 bits.
 */
export class AppliedIdTable {
  private entities = new Int32Array(MIN_CAPACITY).fill(EMPTY);
  private hashesA = new Int32Array(MIN_CAPACITY);
  private hashesB = new Int32Array(MIN_CAPACITY);
  private clocks = new Float64Array(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  private used = 0;

  /**
   * The clock `entity` applied the id (a, b) at, or NaN when it never did (or the entry was dropped
   * by a rebuild, which only drops entries that left their entity's window).
   */
  clockOf(entity: number, a: number, b: number): number {
    const entities = this.entities;
    for (let i = (a ^ Math.imul(entity, 0x9e3779b1)) & this.mask; ; i = (i + 1) & this.mask) {
      const e = entities[i]!;
      if (e === EMPTY) return NaN;
      if (e === entity && this.hashesA[i] === a && this.hashesB[i] === b) return this.clocks[i]!;
    }
  }

  /**
   * Remembers (a, b) for `entity` at `clock` (replacing an older entry of the same id).
   * `horizonOf(entity)` is the oldest clock still inside that entity's window; growing drops the rest.
   */
  remember(entity: number, a: number, b: number, clock: number, horizonOf: (entity: number) => number): void {
    if ((this.used + 1) * 2 > this.mask + 1) this.rebuild(horizonOf);
    const entities = this.entities;
    let i = (a ^ Math.imul(entity, 0x9e3779b1)) & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const e = entities[i]!;
      if (e === EMPTY) break;
      if (e === entity && this.hashesA[i] === a && this.hashesB[i] === b) {
        this.clocks[i] = clock;
        return;
      }
    }
    entities[i] = entity;
    this.hashesA[i] = a;
    this.hashesB[i] = b;
    this.clocks[i] = clock;
    this.used++;
  }

  clear(): void {
    this.entities.fill(EMPTY);
    this.used = 0;
  }

  /** Re-inserts the entries still inside their window into a table with room for as many again. */
  private rebuild(horizonOf: (entity: number) => number): void {
    const { entities, hashesA, hashesB, clocks } = this;
    let live = 0;
    for (let i = 0; i < entities.length; i++) if (entities[i] !== EMPTY && clocks[i]! >= horizonOf(entities[i]!)) live++;
    let capacity = MIN_CAPACITY;
    while (capacity < live * 4) capacity *= 2;
    this.entities = new Int32Array(capacity).fill(EMPTY);
    this.hashesA = new Int32Array(capacity);
    this.hashesB = new Int32Array(capacity);
    this.clocks = new Float64Array(capacity);
    this.mask = capacity - 1;
    this.used = 0;
    for (let i = 0; i < entities.length; i++) {
      const entity = entities[i]!;
      if (entity === EMPTY || clocks[i]! < horizonOf(entity)) continue;
      let j = (hashesA[i]! ^ Math.imul(entity, 0x9e3779b1)) & this.mask;
      while (this.entities[j] !== EMPTY) j = (j + 1) & this.mask;
      this.entities[j] = entity;
      this.hashesA[j] = hashesA[i]!;
      this.hashesB[j] = hashesB[i]!;
      this.clocks[j] = clocks[i]!;
      this.used++;
    }
  }
}
