const FIRST_BLOCK = 4;
/** Per slot in `blocks`: its block's start and capacity (0: no timeline yet), and its entries [head, tail). */
const START = 0;
const CAPACITY = 1;
const HEAD = 2;
const TAIL = 3;
const FIELDS = 4;

/**
 * One timeline per entity slot (a bounded set of members scored by time), all of them in shared
 * typed columns: no object per entity or per entry, so the GC has next to nothing to trace however
 * many users there are. Each slot owns a block of the columns (a power of two, moved to a larger
 * one as it fills; freed blocks are reused).
 *
 * Entries are sorted oldest first, equal times by member descending, so expiry and trimming drop
 * from the front and a read walks back from the end (newest first, ties by member ascending). Live
 * entries are [head, tail) of the block: dropping from the front only moves `head`; the entries are
 * moved back to the block's start once the free space in front is as large as what is live, so
 * operations are amortised O(1) in the common in-order case. A late write is placed by binary
 * search and shifts the newer entries.
 *
 * Subclasses hold the member columns. An operation selects a slot, works on `head`/`tail` (the entry
 * being added is written at `tail` first) and saves.
 */
export abstract class TimelineArena {
  protected times = new Float64Array(1024);
  private blocks = new Int32Array(FIELDS * 1024);
  /** Entries of the columns handed out to blocks so far. */
  private used = 0;
  /** Freed block starts, by log2 of their capacity. */
  private free: number[][] = [];
  private selected = -1;
  private blockStart = 0;
  private blockEnd = 0;
  protected head = 0;
  protected tail = 0;

  /** Negative when entry `i`'s member sorts before entry `j`'s, 0 when they are the same member. */
  protected abstract compareMembers(i: number, j: number): number;
  /** Copies entries [start, end) of every member column to `target` (as copyWithin). */
  protected abstract moveMembers(target: number, start: number, end: number): void;
  /** Replaces the member columns with ones of `capacity` holding entries [0, `used`). */
  protected abstract growMembers(capacity: number, used: number): void;
  /** Drops references held by entries [start, end) (only columns of objects need to). */
  protected releaseMembers(_start: number, _end: number): void {
    // Typed columns hold no references.
  }

  /** Whether the slot has a timeline (it may be empty). */
  has(slot: number): boolean {
    const at = slot * FIELDS;
    return at < this.blocks.length && this.blocks[at + CAPACITY]! > 0;
  }

  size(slot: number): number {
    if (!this.has(slot)) return 0;
    return this.blocks[slot * FIELDS + TAIL]! - this.blocks[slot * FIELDS + HEAD]!;
  }

  /** Column capacity of the slot's block. */
  capacity(slot: number): number {
    return this.has(slot) ? this.blocks[slot * FIELDS + CAPACITY]! : 0;
  }

  clear(): void {
    this.blocks.fill(0);
    this.releaseMembers(0, this.used);
    this.used = 0;
    this.free = [];
    this.selected = -1;
  }

  /** Makes `slot` the one operated on (creating its timeline): sets head and tail. */
  protected select(slot: number): void {
    const at = slot * FIELDS;
    if (at >= this.blocks.length) {
      const blocks = new Int32Array(Math.max(this.blocks.length * 2, at + FIELDS));
      blocks.set(this.blocks);
      this.blocks = blocks;
    }
    if (this.blocks[at + CAPACITY] === 0) {
      const start = this.allocate(FIRST_BLOCK);
      this.blocks[at + START] = start;
      this.blocks[at + CAPACITY] = FIRST_BLOCK;
      this.blocks[at + HEAD] = start;
      this.blocks[at + TAIL] = start;
    }
    this.selected = slot;
    this.blockStart = this.blocks[at + START]!;
    this.blockEnd = this.blockStart + this.blocks[at + CAPACITY]!;
    this.head = this.blocks[at + HEAD]!;
    this.tail = this.blocks[at + TAIL]!;
  }

  /** Writes the selected slot's head and tail back. */
  protected save(): void {
    const at = this.selected * FIELDS;
    this.blocks[at + HEAD] = this.head;
    this.blocks[at + TAIL] = this.tail;
  }

  /** A slot's entries [head, tail), for reads (selects nothing). */
  protected bounds(slot: number): [head: number, tail: number] {
    return this.has(slot) ? [this.blocks[slot * FIELDS + HEAD]!, this.blocks[slot * FIELDS + TAIL]!] : [0, 0];
  }

  /** Makes room in the selected block for the entry to add at `tail` and one scratch entry after it. */
  protected reserve(): void {
    if (this.tail + 2 <= this.blockEnd) return;
    const head = this.head;
    const tail = this.tail;
    const size = tail - head;
    const capacity = this.blockEnd - this.blockStart;
    if ((size + 2) * 2 > capacity) {
      const target = this.allocate(capacity * 2);
      const at = this.selected * FIELDS;
      this.blocks[at + START] = target;
      this.blocks[at + CAPACITY] = capacity * 2;
      this.freeBlock(this.blockStart, capacity);
      this.blockStart = target;
      this.blockEnd = target + capacity * 2;
      this.moveEntries(target, head, tail);
      this.releaseMembers(head, tail);
    } else {
      this.moveEntries(this.blockStart, head, tail);
      this.releaseMembers(this.blockStart + size, tail);
    }
    this.head = this.blockStart;
    this.tail = this.blockStart + size;
  }

  /** Places the entry written at `tail` (after reserve) by time. */
  protected insertWritten(): void {
    const added = this.tail;
    if (added > this.head && this.sortsBefore(added, added - 1)) {
      let low = this.head;
      let high = added - 1;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (this.sortsBefore(added, mid)) high = mid;
        else low = mid + 1;
      }
      this.moveEntries(added + 1, added, added + 1);
      this.moveEntries(low + 1, low, added);
      this.moveEntries(low, added + 1, added + 2);
      this.releaseMembers(added + 1, added + 2);
    }
    this.tail++;
  }

  /** Drops entries older than `expireBeforeMs`, then the oldest beyond `keep`. */
  protected dropOld(keep: number, expireBeforeMs: number | undefined): void {
    const oldHead = this.head;
    if (expireBeforeMs !== undefined) {
      while (this.head < this.tail && this.times[this.head]! < expireBeforeMs) this.head++;
    }
    if (this.tail - this.head > keep) this.head = this.tail - Math.max(0, Math.floor(keep));
    this.releaseMembers(oldHead, this.head);
    if (this.head === this.tail) this.head = this.tail = this.blockStart;
  }

  /** Removes the entry at `index`, moving whichever side of it is shorter. */
  protected removeAt(index: number): void {
    if (index - this.head < this.tail - index - 1) {
      this.moveEntries(this.head + 1, this.head, index);
      this.releaseMembers(this.head, this.head + 1);
      this.head++;
    } else {
      this.moveEntries(index, index + 1, this.tail);
      this.tail--;
      this.releaseMembers(this.tail, this.tail + 1);
    }
  }

  private allocate(capacity: number): number {
    const reused = this.free[31 - Math.clz32(capacity)]?.pop();
    if (reused !== undefined) return reused;
    const start = this.used;
    this.used += capacity;
    if (this.used > this.times.length) {
      let length = this.times.length * 2;
      while (length < this.used) length *= 2;
      const times = new Float64Array(length);
      times.set(this.times.subarray(0, start));
      this.times = times;
      this.growMembers(length, start);
    }
    return start;
  }

  private freeBlock(start: number, capacity: number): void {
    (this.free[31 - Math.clz32(capacity)] ??= []).push(start);
  }

  private moveEntries(target: number, start: number, end: number): void {
    if (start === end || target === start) return;
    this.times.copyWithin(target, start, end);
    this.moveMembers(target, start, end);
  }

  private sortsBefore(i: number, j: number): boolean {
    const ti = this.times[i]!;
    const tj = this.times[j]!;
    return ti < tj || (ti === tj && this.compareMembers(i, j) > 0);
  }
}
