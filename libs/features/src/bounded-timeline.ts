/**
 * Members scored by time, newest kept. Kept in insertion order while writes arrive in time order
 * (the common case), so trimming and expiry pop from the front in O(1); a late write falls back
 * to one sort.
 */
export class BoundedTimeline {
  /**
   * Member → time relative to `base` (the first time added): small integers are stored unboxed, where
   * epoch milliseconds would allocate a heap number per write. Times are integers (ms), so exact.
   */
  private members = new Map<string, number>();
  private base = 0;
  private ordered = true;
  private newestMs = -Infinity;
  /** No member is older than this (a lower bound), so most expiries need no scan at all. */
  private oldestMs = Infinity;

  get size(): number {
    return this.members.size;
  }

  add(member: string, timeMs: number, keep: number, expireBeforeMs?: number): void {
    if (this.members.size === 0) this.base = timeMs;
    const previous = this.members.get(member);
    const t = previous === undefined ? timeMs : Math.max(previous + this.base, timeMs);
    if (t < this.oldestMs) this.oldestMs = t;
    if (t >= this.newestMs) {
      if (previous !== undefined) this.members.delete(member);
      this.members.set(member, t - this.base);
      this.newestMs = t;
    } else {
      this.members.set(member, t - this.base);
      this.ordered = false;
    }
    if (expireBeforeMs !== undefined) this.expire(expireBeforeMs);
    if (this.members.size > keep) this.trim(keep);
  }

  /** Newest first; ties by member for a deterministic order. */
  entries(): { member: string; timeMs: number }[] {
    return [...this.members]
      .map(([member, relative]) => ({ member, timeMs: relative + this.base }))
      .sort((a, b) => b.timeMs - a.timeMs || (a.member < b.member ? -1 : 1));
  }

  private expire(beforeMs: number): void {
    if (beforeMs <= this.oldestMs) return;
    // Out of order (after a late write), one sort makes this and later expiries pops from the front.
    if (!this.ordered) this.reorder();
    for (const [member, relative] of this.members) {
      if (relative + this.base >= beforeMs) {
        this.oldestMs = relative + this.base;
        return;
      }
      this.members.delete(member);
    }
    this.oldestMs = Infinity;
  }

  private trim(keep: number): void {
    if (!this.ordered) this.reorder();
    for (const member of this.members.keys()) {
      if (this.members.size <= keep) break;
      this.members.delete(member);
    }
  }

  private reorder(): void {
    const sorted = [...this.members].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? 1 : -1));
    this.members = new Map(sorted);
    this.ordered = true;
  }
}
