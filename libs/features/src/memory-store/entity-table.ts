import { AppliedIdTable } from './applied-id-table';
import { CounterColumns } from './counter-columns';
import { TimelineEntry, IdTimelines } from './id-timelines';
import { HistoryTimelines } from './history-timelines';
import type { MemberNames } from './member-names';
import { layout } from '../state-layout';
import { LogPositionTable } from './log-position-table';

export interface Register {
  value: string;
  timeMs: number;
}

/** What an entity keeps besides counters and dedupe state (most entities need only some of it). */
export interface EntityExtras {
  registers: Record<string, Register> | undefined;
  /** The counters as a plain object, built on read and dropped by the next write. */
  record: Record<string, number> | undefined;
}

/**
 * The state of every entity of one kind, by slot (assigned in order of first write): counters in
 * columns, applied ids and log positions in typed-array tables, the newest event time per entity in
 * a column, timelines in typed-array arenas, and one small object per entity for registers.
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
  /** Per slot, 1 + the MemberNames number of its id (0: not numbered yet). */
  private memberNumbers = new Int32Array(1024);
  readonly history: HistoryTimelines;
  readonly seen: IdTimelines;
  /** Timelines of any other name. */
  private readonly otherTimelines = new Map<string, IdTimelines>();

  constructor(private readonly names: MemberNames) {
    this.history = new HistoryTimelines(names);
    this.seen = new IdTimelines(names);
  }

  get size(): number {
    return this.ids.length;
  }

  slotOf(id: string): number {
    const slot = this.slots.get(id);
    return slot === undefined ? this.add(id) : slot;
  }

  /** The MemberNames number of the slot's id (looked up once per slot). */
  memberNumber(slot: number): number {
    const cached = this.memberNumbers[slot]!;
    if (cached > 0) return cached - 1;
    const number = this.names.numberOf(this.ids[slot]!);
    this.memberNumbers[slot] = number + 1;
    return number;
  }

  /** The timelines named `name` (not the history: its members are not names). */
  idTimelines(name: string): IdTimelines {
    if (name === layout.seenTimeline) return this.seen;
    let timelines = this.otherTimelines.get(name);
    if (!timelines) this.otherTimelines.set(name, (timelines = new IdTimelines(this.names)));
    return timelines;
  }

  /** Every timeline the entity has, by name (newest first). */
  timelineEntries(slot: number): Record<string, TimelineEntry[]> {
    const out: Record<string, TimelineEntry[]> = {};
    if (this.history.has(slot)) out[layout.historyTimeline] = this.history.entries(slot);
    if (this.seen.has(slot)) out[layout.seenTimeline] = this.seen.entries(slot);
    for (const [name, timelines] of this.otherTimelines) if (timelines.has(slot)) out[name] = timelines.entries(slot);
    return out;
  }

  clear(): void {
    this.history.clear();
    this.seen.clear();
    this.otherTimelines.clear();
    this.slots.clear();
    this.ids.length = 0;
    this.extras.length = 0;
    this.counters.clear();
    this.appliedIds.clear();
    this.positions.clear();
    this.newestEventMs.fill(-Infinity);
    this.memberNumbers.fill(0);
  }

  private add(id: string): number {
    const slot = this.ids.length;
    this.slots.set(id, slot);
    this.ids.push(id);
    this.extras.push({ registers: undefined, record: undefined });
    this.counters.ensureCapacity(slot + 1);
    if (slot >= this.newestEventMs.length) {
      const grown = new Float64Array(this.newestEventMs.length * 2).fill(-Infinity);
      grown.set(this.newestEventMs);
      this.newestEventMs = grown;
      const numbers = new Int32Array(grown.length);
      numbers.set(this.memberNumbers);
      this.memberNumbers = numbers;
    }
    return slot;
  }
}
