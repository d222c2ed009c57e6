export interface DedupeWindowOptions {
  /** Most ids remembered; the oldest are forgotten first. */
  maxEntries: number;
  /** Forget an id this long after it was first seen (no expiry when omitted). */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * A bounded memory of recently applied event ids, to drop redeliveries cheaply (at-least-once
 * delivery repeats records after a crash or rebalance, usually within seconds).
 *
 * It is only a best-effort filter: it forgets ids past maxEntries/ttlMs and is lost on restart.
 * True idempotence needs the store that applies events to record applied event ids (or to make
 * the write itself idempotent, e.g. set-semantics keyed by event_id) atomically with the effect.
 */
export class DedupeWindow {
  private readonly seenAt = new Map<string, number>(); // insertion order = first-seen order
  private readonly maxEntries: number;
  private readonly ttlMs: number | undefined;
  private readonly now: () => number;

  constructor(options: DedupeWindowOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${options.maxEntries}`);
    }
    if (options.ttlMs !== undefined && !(options.ttlMs > 0)) {
      throw new RangeError(`ttlMs must be positive, got ${options.ttlMs}`);
    }
    this.maxEntries = options.maxEntries;
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    this.expire();
    return this.seenAt.size;
  }

  has(id: string): boolean {
    this.expire();
    return this.seenAt.has(id);
  }

  /** Records id; true when it was not in the window (first sighting), false for a duplicate. */
  add(id: string): boolean {
    this.expire();
    if (this.seenAt.has(id)) return false;
    this.seenAt.set(id, this.now());
    while (this.seenAt.size > this.maxEntries) {
      const oldest = this.seenAt.keys().next().value as string;
      this.seenAt.delete(oldest);
    }
    return true;
  }

  /** Forgets id, e.g. when applying it failed and a redelivery must not be dropped. */
  delete(id: string): boolean {
    return this.seenAt.delete(id);
  }

  private expire(): void {
    if (this.ttlMs === undefined) return;
    const cutoff = this.now() - this.ttlMs;
    for (const [id, at] of this.seenAt) {
      if (at > cutoff) break;
      this.seenAt.delete(id);
    }
  }
}

/**
 * Splits items into those whose id is new to the window (recorded now) and duplicates, also
 * catching repeats within the same batch. Items keep their order.
 */
export function splitDuplicates<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  window: DedupeWindow,
): { fresh: T[]; duplicates: T[] } {
  const fresh: T[] = [];
  const duplicates: T[] = [];
  for (const item of items) (window.add(idOf(item)) ? fresh : duplicates).push(item);
  return { fresh, duplicates };
}
