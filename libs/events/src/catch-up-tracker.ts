export interface PartitionOffsets {
  partition: number;
  /** Offset of the next record to be written (high watermark). */
  high: string;
  /** Earliest offset still stored. */
  low: string;
}

/**
 * Tells when consumption has reached the end offsets a topic had at start, so a service whose
 * state is rebuilt from the log declares itself SERVING only once that state is current.
 */
export class CatchUpTracker {
  private readonly pending = new Map<number, bigint>();
  private waiters: (() => void)[] = [];

  constructor(endOffsets: readonly PartitionOffsets[]) {
    for (const { partition, high, low } of endOffsets) {
      if (BigInt(high) > BigInt(low)) this.pending.set(partition, BigInt(high) - 1n);
    }
  }

  /** A record at `offset` of `partition` was applied or parked on the DLQ. */
  observe(partition: number, offset: string): void {
    const last = this.pending.get(partition);
    if (last === undefined || BigInt(offset) < last) return;
    this.pending.delete(partition);
    if (this.pending.size === 0) this.waiters.splice(0).forEach((wake) => wake());
  }

  get caughtUp(): boolean {
    return this.pending.size === 0;
  }

  /** Partitions still behind, with the offset each must reach. */
  behind(): Record<number, string> {
    return Object.fromEntries([...this.pending].map(([p, o]) => [p, o.toString()]));
  }

  whenCaughtUp(): Promise<void> {
    if (this.caughtUp) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
