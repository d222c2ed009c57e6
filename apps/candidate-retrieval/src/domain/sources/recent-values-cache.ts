/**
 * Values kept for a fixed time after they were fetched, at most `maxEntries`, oldest out first.
 * Every entry lives exactly `ttlMs` from its fetch, so insertion order is expiry order: expired
 * entries leave from the front as new ones arrive, and memory stays near fetch rate × TTL.
 */
export class RecentValuesCache<V> {
  private readonly entries = new Map<string, { value: V; fetchedAtMs: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value fetched for `key` less than `ttlMs` before `nowMs`, if any. */
  get(key: string, nowMs: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (nowMs - entry.fetchedAtMs < this.ttlMs) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Keeps `value` as of `fetchedAtMs` (when the fetch started, so its age is never understated). */
  set(key: string, value: V, fetchedAtMs: number): void {
    if (this.ttlMs <= 0 || this.maxEntries <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, fetchedAtMs });
    for (const [oldestKey, oldest] of this.entries) {
      if (this.entries.size <= this.maxEntries && fetchedAtMs - oldest.fetchedAtMs < this.ttlMs) break;
      this.entries.delete(oldestKey);
    }
  }
}
