/** Slots of a generation's first arrays (smaller only when the cap allows fewer). */
const MIN_CAPACITY = 1024;
/**
 * Slots of outgrown arrays moved into the grown ones per new id: a move from C slots to 2C ends
 * after C/8 new ids, well before the C/2 more that would outgrow the 2C.
 */
const MOVE_SLOTS_PER_ID = 8;

/** Ids remembered per table when no cap is given (see StateStoreOptions.dedupeMaxIds). */
export const defaultDedupeMaxIds = 4_000_000;

/** Bytes of one slot: entity (Int32), fingerprint (2 × Int32), clock (Float64). */
export const appliedIdSlotBytes = 20;

export interface AppliedIdTableOptions {
  /**
   * How long, on the table clock (the newest clock any entity of the table was remembered at), an id
   * is kept at least when the cap allows: a generation is retired once the table clock has moved
   * more than this past its first id (Infinity: only the cap retires generations).
   */
  windowMs: number;
  /** The most ids remembered at once: each of the two generations holds at most half of them. */
  maxIds: number;
}

/**
 * One generation: open addressing with linear probing in typed arrays, at most half full.
 * Entities are stored as slot + 1, so a fresh (zeroed) array is empty without a fill.
 */
class Generation {
  readonly entities: Int32Array;
  readonly hashesA: Int32Array;
  readonly hashesB: Int32Array;
  readonly clocks: Float64Array;
  readonly mask: number;
  used = 0;
  /** The table clock when this generation took its first id (NaN while it has none). */
  startClock = NaN;

  constructor(readonly capacity: number) {
    this.entities = new Int32Array(capacity);
    this.hashesA = new Int32Array(capacity);
    this.hashesB = new Int32Array(capacity);
    this.clocks = new Float64Array(capacity);
    this.mask = capacity - 1;
  }

  /** The slot holding (key, a, b), or `~slot` of the empty slot where it would go. */
  probe(key: number, a: number, b: number): number {
    const { entities, mask } = this;
    for (let i = (a ^ Math.imul(key, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const e = entities[i]!;
      if (e === 0) return ~i;
      if (e === key && this.hashesA[i] === a && this.hashesB[i] === b) return i;
    }
  }

  put(slot: number, key: number, a: number, b: number, clock: number): void {
    this.entities[slot] = key;
    this.hashesA[slot] = a;
    this.hashesB[slot] = b;
    this.clocks[slot] = clock;
    this.used++;
  }

  /** Empties this generation in place, for reuse as the next current one. */
  reset(): void {
    this.entities.fill(0);
    this.used = 0;
    this.startClock = NaN;
  }
}

/**
 * The applied event ids of every entity of one kind, as 64-bit fingerprints with the entity clock at
 * which each was applied, so a redelivered event is applied once within the dedupe window. A false
 * match needs two ids applied to the same entity within its window to share all 64 bits.
 *
 * Memory is bounded: ids live in two fixed-capacity generations of typed arrays (no JS object per
 * id, nothing for the GC to trace). Ids go into the current generation and lookups check the current
 * then the previous one. The table rotates (drops the previous generation wholesale, the current one
 * becomes previous, a fresh one of the same capacity becomes current) when the current generation
 * holds half of `maxIds`, or when the table clock has moved more than `windowMs` past the current
 * generation's first id. So without cap pressure every id is kept while the table clock is within
 * the window of its entity clock (and memory holds about two windows of ids), and under cap pressure
 * the oldest ids go first: the effective window shrinks (`effectiveWindowMs`, `forgottenEarly`).
 * A generation that outgrows its arrays (while it grows up to its share of the cap, at start or after
 * a busier stretch) moves its entries into arrays twice as large a few slots per new id, looked up in
 * both meanwhile. So work per id is constant and bounded: no pass over the table, ever (except to
 * finish such a move when the generation rotates before it ends).
 *
 * Retention follows the table clock, not each entity's own: an id of an entity whose clock lags the
 * table's by more than the window can be forgotten before its entity's clock leaves the window.
 * Callers compare the returned clock with the entity's horizon, so an id older than it is never a
 * repeat, whichever generation still holds it.
 */
export class AppliedIdTable {
  private windowMs = Infinity;
  private maxIds = defaultDedupeMaxIds;
  private generationIds = 1;
  private generationCapacity = 2;
  private current!: Generation;
  /** The current generation's outgrown arrays while their entries move into `current` (from `moved` on). */
  private outgrown: Generation | null = null;
  private moved = 0;
  /** Entries of `outgrown` not moved yet: they count as the current generation's. */
  private unmoved = 0;
  private previous: Generation | null = null;
  /** The newest clock remembered. */
  private clock = -Infinity;
  private forgotten = 0;
  /** Table-clock span of the last generation the cap retired (Infinity when the window rule retired the last one). */
  private capSpan = Infinity;

  constructor(options: Partial<AppliedIdTableOptions> = {}) {
    this.configure(options);
  }

  /** Sets the window and cap (those given), and empties the table. */
  configure(options: Partial<AppliedIdTableOptions>): void {
    const maxIds = options.maxIds ?? this.maxIds;
    if (!(maxIds >= 2)) throw new RangeError(`maxIds must be at least 2, got ${maxIds}`);
    if (options.windowMs !== undefined) this.windowMs = options.windowMs;
    this.maxIds = maxIds;
    this.generationIds = Math.floor(maxIds / 2);
    let capacity = 2;
    while (capacity < this.generationIds * 2) capacity *= 2;
    this.generationCapacity = capacity;
    this.clear();
  }

  /**
   * The clock `entity` applied the id (a, b) at, or NaN when it never did (or the id was dropped with
   * its generation).
   */
  clockOf(entity: number, a: number, b: number): number {
    const key = entity + 1;
    const current = this.current;
    const i = current.probe(key, a, b);
    if (i >= 0) return current.clocks[i]!;
    const outgrown = this.outgrown;
    if (outgrown !== null) {
      const j = outgrown.probe(key, a, b);
      if (j >= 0) return outgrown.clocks[j]!;
    }
    const previous = this.previous;
    if (previous === null) return NaN;
    const k = previous.probe(key, a, b);
    return k >= 0 ? previous.clocks[k]! : NaN;
  }

  /** Remembers (a, b) for `entity` at `clock` (the entity's clock: replaces an older entry of the same id). */
  remember(entity: number, a: number, b: number, clock: number): void {
    if (clock > this.clock) this.clock = clock;
    const key = entity + 1;
    let current = this.current;
    let i = current.probe(key, a, b);
    if (i >= 0) {
      current.clocks[i] = clock;
      return;
    }
    const outgrown = this.outgrown;
    if (outgrown !== null) {
      // Not moved yet (a moved entry is found in `current` first): the move takes the new clock along.
      const j = outgrown.probe(key, a, b);
      if (j >= 0) {
        outgrown.clocks[j] = clock;
        return;
      }
    }
    const ids = current.used + this.unmoved;
    if (ids >= this.generationIds || (ids > 0 && this.clock - current.startClock > this.windowMs)) {
      this.rotate();
      current = this.current;
      i = current.probe(key, a, b);
    } else if ((ids + 1) * 2 > current.capacity) {
      this.grow();
      current = this.current;
      i = current.probe(key, a, b);
    }
    if (current.used === 0 && this.unmoved === 0) current.startClock = this.clock;
    current.put(~i, key, a, b, clock);
    if (this.outgrown !== null) this.move(MOVE_SLOTS_PER_ID);
  }

  /** Ids remembered now (at most `maxIds`). */
  get size(): number {
    return this.current.used + this.unmoved + (this.previous?.used ?? 0);
  }

  /**
   * Slots allocated (each `appliedIdSlotBytes`): at most 2 × the power of two ≥ `maxIds` (each
   * generation at most half full; while one grows, its outgrown arrays and the previous generation
   * together are at most its new size), so 40 to 80 bytes per id of the cap.
   */
  get capacity(): number {
    return this.current.capacity + (this.outgrown?.capacity ?? 0) + (this.previous?.capacity ?? 0);
  }

  /**
   * How long, on the table clock, ids are remembered at least: the window, or when the cap retired the
   * last generation, the span that generation covered (a newly applied id survives about one such span).
   */
  get effectiveWindowMs(): number {
    return Math.min(this.windowMs, this.capSpan);
  }

  /** Ids dropped by rotations the cap forced (the window rule had not): forgotten before their window ended. */
  get forgottenEarly(): number {
    return this.forgotten;
  }

  clear(): void {
    this.current = new Generation(Math.min(MIN_CAPACITY, this.generationCapacity));
    this.outgrown = null;
    this.moved = 0;
    this.unmoved = 0;
    this.previous = null;
    this.clock = -Infinity;
    this.forgotten = 0;
    this.capSpan = Infinity;
  }

  private rotate(): void {
    if (this.outgrown !== null) this.move(Infinity);
    const current = this.current;
    const previous = this.previous;
    const span = this.clock - current.startClock;
    if (span > this.windowMs) {
      this.capSpan = Infinity;
    } else {
      this.capSpan = span;
      if (previous !== null) this.forgotten += previous.used;
    }
    let fresh: Generation;
    if (previous !== null && previous.capacity === current.capacity) {
      previous.reset();
      fresh = previous;
    } else {
      fresh = new Generation(current.capacity);
    }
    this.previous = current;
    this.current = fresh;
  }

  /** Starts moving the current generation into arrays twice as large. */
  private grow(): void {
    if (this.outgrown !== null) this.move(Infinity);
    const outgrown = this.current;
    this.current = new Generation(outgrown.capacity * 2);
    this.current.startClock = outgrown.startClock;
    this.outgrown = outgrown;
    this.moved = 0;
    this.unmoved = outgrown.used;
  }

  /** Moves the entries of the next `slots` slots of the outgrown arrays into the current ones. */
  private move(slots: number): void {
    const outgrown = this.outgrown!;
    const current = this.current;
    const { entities, hashesA, hashesB, clocks } = outgrown;
    const end = Math.min(this.moved + slots, outgrown.capacity);
    for (let i = this.moved; i < end; i++) {
      const key = entities[i]!;
      if (key === 0) continue;
      const j = current.probe(key, hashesA[i]!, hashesB[i]!);
      if (j < 0) current.put(~j, key, hashesA[i]!, hashesB[i]!, clocks[i]!);
      this.unmoved--;
    }
    this.moved = end;
    if (end === outgrown.capacity) this.outgrown = null;
  }
}
