import type { BoundedTimeline } from '../bounded-timeline';
import { AppliedIdTable } from './applied-id-table';
import { CounterColumns } from './counter-columns';
import { LogPositionTable } from './log-position-table';

export interface Register {
  value: string;
  timeMs: number;
}

/** What an entity keeps besides counters and dedupe state (most entities need only some of it). */
export interface EntityExtras {
  registers: Record<string, Register> | undefined;
  timelines: Map<string, BoundedTimeline> | undefined;
  /** The counters as a plain object, built on read and dropped by the next write. */
  record: Record<string, number> | undefined;
}

/**
 * The state of every entity of one kind, by slot (assigned in order of first write): counters in
 * columns, applied ids and log positions in typed-array tables, the newest event time per entity in
 * a column, and one small object per entity for registers and timelines.
 */
export class EntityTable {
  readonly slots = new Map<string, number>();
  /** The id of each slot (the canonical copy of the string). */
  readonly ids: string[] = [];
  readonly extras: EntityExtras[] = [];
  readonly counters = new CounterColumns();
  readonly appliedIds = new AppliedIdTable();
  readonly positions = new LogPositionTable();
  /** Per slot, the newest event time applied with dedupe on: the entity's clock. */
  newestEventMs = new Float64Array(1024).fill(-Infinity);

  get size(): number {
    return this.ids.length;
  }

  slotOf(id: string): number {
    const slot = this.slots.get(id);
    return slot === undefined ? this.add(id) : slot;
  }

  clear(): void {
    this.slots.clear();
    this.ids.length = 0;
    this.extras.length = 0;
    this.counters.clear();
    this.appliedIds.clear();
    this.positions.clear();
    this.newestEventMs.fill(-Infinity);
  }

  private add(id: string): number {
    const slot = this.ids.length;
    this.slots.set(id, slot);
    this.ids.push(id);
    this.extras.push({ registers: undefined, timelines: undefined, record: undefined });
    this.counters.ensureCapacity(slot + 1);
    if (slot >= this.newestEventMs.length) {
      const grown = new Float64Array(this.newestEventMs.length * 2).fill(-Infinity);
      grown.set(this.newestEventMs);
      this.newestEventMs = grown;
    }
    return slot;
  }
}
