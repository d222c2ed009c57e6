import type { DecayedValues } from '../decayed-values';
import type { HistoryEntry } from '../engagement-mutations';
import type { DirectSnapshotReads, EntitySnapshot } from '../mutations';
import type { EntityTable } from './entity-table';

/**
 * One entity of a MemoryStateStore as a snapshot. Counters and timelines are built by name only when
 * asked for; the direct reads go to the typed-array tables.
 */
export class MemorySnapshot implements EntitySnapshot, DirectSnapshotReads {
  readonly registers: EntitySnapshot['registers'];
  private timelineRecord: EntitySnapshot['timelines'] | undefined;

  constructor(
    private readonly table: EntityTable,
    private readonly slot: number,
  ) {
    this.registers = table.extras[slot]!.registers ??= {};
  }

  get counters(): Record<string, number> {
    const extras = this.table.extras[this.slot]!;
    return (extras.record ??= this.table.counters.record(this.slot));
  }

  get timelines(): EntitySnapshot['timelines'] {
    return (this.timelineRecord ??= this.table.timelineEntries(this.slot));
  }

  get direct(): DirectSnapshotReads {
    return this;
  }

  isEmpty(): boolean {
    for (const _ in this.registers) return false;
    if (this.table.counters.hasAny(this.slot)) return false;
    const timelines = this.timelines;
    for (const name in timelines) if ((timelines[name]?.length ?? 0) > 0) return false;
    return true;
  }

  decayedSignals(nowMs: number): DecayedValues {
    return this.table.counters.decayedSignals(this.slot, nowMs);
  }

  counter(field: string): number | undefined {
    return this.table.counters.other(this.slot, field);
  }

  historyEntries(): HistoryEntry[] {
    return this.table.history.has(this.slot) ? this.table.history.parsedEntries(this.slot) : [];
  }
}
