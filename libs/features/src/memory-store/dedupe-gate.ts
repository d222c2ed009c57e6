import type { EntityTable } from './entity-table';

/**
 * Decides whether an entity update is a repeat, by log position (exact for redeliveries of a log)
 * and by event id within the entity's dedupe window (copies under another position), and records
 * applied updates. Log names are numbered once, so tables key on small integers.
 */
export class DedupeGate {
  private readonly logNumbers = new Map<string, number>();
  private lastLog: string | undefined;
  private lastLogNumber = -1;

  constructor(private readonly windowMs: number) {}

  /** The number of a log (`-1` for none). */
  logNumber(log: string | undefined): number {
    if (log === undefined) return -1;
    if (log === this.lastLog) return this.lastLogNumber;
    let n = this.logNumbers.get(log);
    if (n === undefined) this.logNumbers.set(log, (n = this.logNumbers.size));
    this.lastLog = log;
    this.lastLogNumber = n;
    return n;
  }

  /** True when the update (id fingerprint a/b, from `log` at `offset`) was already applied to the entity. */
  isRepeat(table: EntityTable, slot: number, a: number, b: number, log: number, offset: number): boolean {
    if (this.windowMs > 0 && table.appliedIds.clockOf(slot, a, b) >= table.newestEventMs[slot]! - this.windowMs) return true;
    return log >= 0 && table.positions.get(slot, log) >= offset;
  }

  markApplied(table: EntityTable, slot: number, a: number, b: number, timeMs: number, log: number, offset: number): void {
    if (log >= 0) table.positions.set(slot, log, offset);
    if (this.windowMs <= 0) return;
    if (timeMs > table.newestEventMs[slot]!) table.newestEventMs[slot] = timeMs;
    // Remembered at the entity's event-time clock, not the event's own time: a late event's id must
    // outlive its redelivery, which comes soon after in the entity's clock however old the event is.
    table.appliedIds.remember(slot, a, b, table.newestEventMs[slot]!);
  }

  clear(): void {
    this.logNumbers.clear();
    this.lastLog = undefined;
  }
}
