import { BoundedTimeline } from './bounded-timeline';
import type { EntityKind, EntityRef } from './entities';
import type { EntityMutation, EntitySnapshot, StateOp } from './mutations';
import { layout } from './state-layout';
import { ApplyResult, defaultStateStoreOptions, StateStore, StateStoreOptions } from './state-store';

const signalCounterPrefix = `${layout.counterPrefix}.`;

/**
 * Additive counters with their values in arrays of doubles (unboxed by the engine): an update writes
 * in place, where a number in a dictionary-mode object or a Map would allocate a new heap number each
 * time (most of the garbage, and GC time, of ingestion).
 *
 * The signal counters (`n.…`, a few dozen per entity, named by cached strings) are found by a linear
 * scan of one small array, which stays in a couple of cache lines; a hash table per entity missed the
 * cache on most probes. Other counters (affinities, by creator and category) are in a Map. Each group
 * keeps its insertion order, like object keys; the record lists the signal counters first.
 */
class Counters {
  private readonly signalNames: string[] = [];
  private readonly signalValues: number[] = [];
  private readonly slots = new Map<string, number>();
  private readonly values: number[] = [];
  private readonly free: number[] = [];
  private record: Record<string, number> | undefined;

  add(field: string, amount: number): void {
    this.record = undefined;
    if (field.startsWith(signalCounterPrefix)) {
      let i = this.signalNames.indexOf(field);
      if (i < 0) {
        i = this.signalNames.length;
        this.signalNames.push(field);
        this.signalValues.push(0);
      }
      this.signalValues[i]! += amount;
      return;
    }
    let slot = this.slots.get(field);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.values.length;
      this.values[slot] = 0;
      this.slots.set(field, slot);
    }
    this.values[slot]! += amount;
  }

  delete(field: string): void {
    if (field.startsWith(signalCounterPrefix)) {
      const i = this.signalNames.indexOf(field);
      if (i < 0) return;
      this.signalNames.splice(i, 1);
      this.signalValues.splice(i, 1);
    } else {
      const slot = this.slots.get(field);
      if (slot === undefined) return;
      this.slots.delete(field);
      this.free.push(slot);
    }
    this.record = undefined;
  }

  /** The counters as a plain object (built on demand, reused until the next write). */
  toRecord(): Record<string, number> {
    if (!this.record) {
      const record: Record<string, number> = {};
      for (let i = 0; i < this.signalNames.length; i++) record[this.signalNames[i]!] = this.signalValues[i]!;
      for (const [field, slot] of this.slots) record[field] = this.values[slot]!;
      this.record = record;
    }
    return this.record;
  }
}

/**
 * Applied dedupe ids with the entity clock at which each was applied. The clock never goes back, so
 * insertion order is clock order: pruning drops a prefix, and the clocks live in an array of doubles
 * (a queue) instead of one heap number per id.
 */
class AppliedIds {
  private readonly ids = new Set<string>();
  private clocks: number[] = [];
  private head = 0;

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string, clock: number): void {
    this.clocks.push(clock);
    this.ids.add(id);
  }

  /** Forgets the ids applied at a clock before `horizon`. */
  pruneBefore(horizon: number): void {
    for (const id of this.ids) {
      if (this.clocks[this.head]! >= horizon) break;
      this.ids.delete(id);
      this.head++;
    }
    if (this.head > 64 && this.head * 2 > this.clocks.length) {
      this.clocks = this.clocks.slice(this.head);
      this.head = 0;
    }
  }
}

interface EntityState {
  counters: Counters;
  registers: Record<string, { value: string; timeMs: number }>;
  timelines: Map<string, BoundedTimeline>;
  applied: AppliedIds;
  newestEventMs: number;
  /** Last applied offset per source log. */
  positions?: Map<string, number>;
}

function applyOp(state: EntityState, op: StateOp): void {
  switch (op.kind) {
    case 'add':
      state.counters.add(op.field, op.amount);
      return;
    case 'delete':
      for (const field of op.fields) state.counters.delete(field);
      return;
    case 'register': {
      const current = state.registers[op.field];
      if (!current || op.timeMs >= current.timeMs) state.registers[op.field] = { value: op.value, timeMs: op.timeMs };
      return;
    }
    case 'timeline': {
      let timeline = state.timelines.get(op.name);
      if (!timeline) state.timelines.set(op.name, (timeline = new BoundedTimeline()));
      timeline.add(op.member, op.timeMs, op.keep, op.expireBeforeMs);
      return;
    }
  }
}

/** The embedded online store: entity state in process memory, same semantics as the Redis store. */
export class MemoryStateStore implements StateStore {
  readonly kind = 'memory';
  /** Per entity kind, by id (no key string to build and hash per mutation). */
  private readonly entities: Record<EntityKind, Map<string, EntityState>> = { user: new Map(), item: new Map(), creator: new Map() };
  private readonly options: StateStoreOptions;

  constructor(options: Partial<StateStoreOptions> = {}) {
    this.options = { ...defaultStateStoreOptions, ...options };
  }

  get size(): number {
    return this.entities.user.size + this.entities.item.size + this.entities.creator.size;
  }

  async apply(mutations: readonly EntityMutation[]): Promise<ApplyResult> {
    return this.applySync(mutations);
  }

  /** Synchronous apply, for replaying large event logs (training) without promise overhead. */
  applySync(mutations: readonly EntityMutation[]): ApplyResult {
    let applied = 0;
    let duplicates = 0;
    for (const mutation of mutations) {
      const byId = this.entities[mutation.entity.kind];
      let state = byId.get(mutation.entity.id);
      if (!state) {
        state = { counters: new Counters(), registers: {}, timelines: new Map(), applied: new AppliedIds(), newestEventMs: -Infinity };
        byId.set(mutation.entity.id, state);
      }
      const source = mutation.source;
      if (state.applied.has(mutation.dedupeId) || (source && (state.positions?.get(source.log) ?? -1) >= source.offset)) {
        duplicates++;
        continue;
      }
      for (const op of mutation.ops) applyOp(state, op);
      if (source) (state.positions ??= new Map()).set(source.log, source.offset);
      this.rememberApplied(state, mutation);
      applied++;
    }
    return { applied, duplicates };
  }

  private rememberApplied(state: EntityState, mutation: EntityMutation): void {
    if (this.options.dedupeWindowMs <= 0) return;
    if (mutation.timeMs > state.newestEventMs) state.newestEventMs = mutation.timeMs;
    // Remembered at the entity's event-time clock, not the event's own time: a late event's id must
    // outlive its redelivery, which comes soon after in the entity's clock however old the event is.
    state.applied.add(mutation.dedupeId, state.newestEventMs);
    // Prune lazily: only when the set has grown, so the common path stays O(1).
    if (state.applied.size > 64 && state.applied.size % 64 === 0) state.applied.pruneBefore(state.newestEventMs - this.options.dedupeWindowMs);
  }

  async read(entities: readonly EntityRef[]): Promise<(EntitySnapshot | undefined)[]> {
    return this.readSync(entities);
  }

  /** Snapshots whose counters and timelines are materialised on first access (a reader of registers pays for neither). */
  readSync(entities: readonly EntityRef[]): (EntitySnapshot | undefined)[] {
    return entities.map((ref) => {
      const state = this.entities[ref.kind].get(ref.id);
      if (!state) return undefined;
      let timelines: EntitySnapshot['timelines'] | undefined;
      return {
        registers: state.registers,
        get counters() {
          return state.counters.toRecord();
        },
        get timelines() {
          if (!timelines) {
            timelines = {};
            for (const [name, timeline] of state.timelines) timelines[name] = timeline.entries();
          }
          return timelines;
        },
      };
    });
  }

  async close(): Promise<void> {
    for (const byId of Object.values(this.entities)) byId.clear();
  }
}
