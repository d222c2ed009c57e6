/**
 * Members scored by time, newest kept. Kept in insertion order while writes arrive in time order
 * (the common case), so trimming and expiry pop from the front in O(1); a late write falls back
 * to one sort.
 */
export class BoundedTimeline {
  private members = new Map<string, number>();
  private ordered = true;
  private newestMs = -Infinity;

  get size(): number {
    return this.members.size;
  }

  add(member: string, timeMs: number, keep: number, expireBeforeMs?: number): void {
    const previous = this.members.get(member);
    const t = previous === undefined ? timeMs : Math.max(previous, timeMs);
    if (t >= this.newestMs) {
      this.members.delete(member);
      this.members.set(member, t);
      this.newestMs = t;
    } else {
      this.members.set(member, t);
      this.ordered = false;
    }
    if (expireBeforeMs !== undefined) this.expire(expireBeforeMs);
    if (this.members.size > keep) this.trim(keep);
  }

  /** Newest first; ties by member for a deterministic order. */
  entries(): { member: string; timeMs: number }[] {
    return [...this.members].map(([member, timeMs]) => ({ member, timeMs })).sort((a, b) => b.timeMs - a.timeMs || (a.member < b.member ? -1 : 1));
  }

  private expire(beforeMs: number): void {
    if (this.ordered) {
      for (const [member, t] of this.members) {
        if (t >= beforeMs) break;
        this.members.delete(member);
      }
    } else {
      for (const [member, t] of this.members) if (t < beforeMs) this.members.delete(member);
    }
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
