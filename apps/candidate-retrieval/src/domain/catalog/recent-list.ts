/**
 * The newest `capacity` ids by a timestamp. Kept oldest first so that new uploads, which arrive
 * roughly in time order, append at the end; older entries are trimmed in amortised batches. The
 * catalogue keeps items' slots here, so that reading a list reaches each record by indexing.
 */
export class RecentList {
  private ids: number[] = [];
  private times: number[] = [];
  private readonly timeOf = new Map<number, number>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return Math.min(this.ids.length, this.capacity);
  }

  upsert(id: number, timeMs: number): void {
    if (this.timeOf.get(id) === timeMs) return;
    this.remove(id);
    const at = this.upperBound(timeMs);
    if (this.ids.length >= this.capacity && at <= this.ids.length - this.capacity) return;
    if (at === this.ids.length) {
      this.ids.push(id);
      this.times.push(timeMs);
    } else {
      this.ids.splice(at, 0, id);
      this.times.splice(at, 0, timeMs);
    }
    this.timeOf.set(id, timeMs);
    if (this.ids.length >= 2 * this.capacity) this.trim();
  }

  remove(id: number): void {
    const timeMs = this.timeOf.get(id);
    if (timeMs === undefined) return;
    this.timeOf.delete(id);
    for (let i = this.upperBound(timeMs) - 1; i >= 0 && this.times[i] === timeMs; i--) {
      if (this.ids[i] === id) {
        this.ids.splice(i, 1);
        this.times.splice(i, 1);
        return;
      }
    }
  }

  /** Newest first, down to `notBeforeMs`, at most `capacity` entries. */
  *newest(notBeforeMs = -Infinity): Generator<{ id: number; timeMs: number }> {
    const last = Math.max(0, this.ids.length - this.capacity);
    for (let i = this.ids.length - 1; i >= last; i--) {
      const timeMs = this.times[i]!;
      if (timeMs < notBeforeMs) return;
      yield { id: this.ids[i]!, timeMs };
    }
  }

  private trim(): void {
    const drop = this.ids.length - this.capacity;
    for (const id of this.ids.slice(0, drop)) this.timeOf.delete(id);
    this.ids = this.ids.slice(drop);
    this.times = this.times.slice(drop);
  }

  /** First index whose time is greater than `timeMs`. */
  private upperBound(timeMs: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= timeMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
