/** Binary min-heaps used by the simulation; ties are broken deterministically. */

/** Min-heap of (time, id) pairs on typed arrays, ordered by time then id. Fixed capacity. */
export class TimeHeap {
  private readonly times: Float64Array;
  private readonly ids: Int32Array;
  private n = 0;

  constructor(capacity: number) {
    this.times = new Float64Array(Math.max(1, capacity));
    this.ids = new Int32Array(Math.max(1, capacity));
  }

  get size(): number {
    return this.n;
  }

  peekTime(): number {
    return this.n > 0 ? this.times[0]! : Number.POSITIVE_INFINITY;
  }

  peekId(): number {
    return this.ids[0]!;
  }

  push(time: number, id: number): void {
    if (this.n >= this.times.length) throw new Error('TimeHeap is full');
    let i = this.n++;
    const times = this.times;
    const ids = this.ids;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && ids[parent]! < id)) break;
      times[i] = pt;
      ids[i] = ids[parent]!;
      i = parent;
    }
    times[i] = time;
    ids[i] = id;
  }

  /** Removes the minimum; read it first with peekTime/peekId. */
  pop(): void {
    const n = --this.n;
    if (n <= 0) return;
    const times = this.times;
    const ids = this.ids;
    const time = times[n]!;
    const id = ids[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (times[right]! < times[child]! || (times[right] === times[child] && ids[right]! < ids[child]!))) {
        child = right;
      }
      const ct = times[child]!;
      if (time < ct || (time === ct && id < ids[child]!)) break;
      times[i] = ct;
      ids[i] = ids[child]!;
      i = child;
    }
    times[i] = time;
    ids[i] = id;
  }
}

/** Min-heap of values keyed by (time, insertion sequence): equal times come out in insertion order. */
export class TimedQueue<T> {
  private times: number[] = [];
  private seqs: number[] = [];
  private values: T[] = [];
  private seq = 0;

  get size(): number {
    return this.values.length;
  }

  peekTime(): number {
    return this.times.length > 0 ? this.times[0]! : Number.POSITIVE_INFINITY;
  }

  push(time: number, value: T): void {
    const seq = this.seq++;
    const times = this.times;
    const seqs = this.seqs;
    const values = this.values;
    let i = values.length;
    times.push(time);
    seqs.push(seq);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      values[i] = values[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    values[i] = value;
  }

  pop(): T | undefined {
    const values = this.values;
    if (values.length === 0) return undefined;
    const top = values[0]!;
    const times = this.times;
    const seqs = this.seqs;
    const time = times.pop()!;
    const seq = seqs.pop()!;
    const value = values.pop()!;
    const n = values.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (times[right]! < times[child]! || (times[right] === times[child] && seqs[right]! < seqs[child]!))) {
        child = right;
      }
      const ct = times[child]!;
      if (time < ct || (time === ct && seq < seqs[child]!)) break;
      times[i] = ct;
      seqs[i] = seqs[child]!;
      values[i] = values[child]!;
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    values[i] = value;
    return top;
  }
}
