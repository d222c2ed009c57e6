import { BoundedTimeline } from './bounded-timeline';
import { entityKey, EntityRef } from './entities';
import type { EntityMutation, EntitySnapshot, StateOp } from './mutations';
import { ApplyResult, defaultStateStoreOptions, StateStore, StateStoreOptions } from './state-store';

interface EntityState {
  counters: Record<string, number>;
  registers: Record<string, { value: string; timeMs: number }>;
  timelines: Map<string, BoundedTimeline>;
  applied: Map<string, number>;
  newestEventMs: number;
  /** Last applied offset per source log. */
  positions?: Map<string, number>;
}

function applyOp(state: EntityState, op: StateOp): void {
  switch (op.kind) {
    case 'add':
      state.counters[op.field] = (state.counters[op.field] ?? 0) + op.amount;
      return;
    case 'delete':
      for (const field of op.fields) delete state.counters[field];
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
  private readonly entities = new Map<string, EntityState>();
  private readonly options: StateStoreOptions;

  constructor(options: Partial<StateStoreOptions> = {}) {
    this.options = { ...defaultStateStoreOptions, ...options };
  }

  get size(): number {
    return this.entities.size;
  }

  async apply(mutations: readonly EntityMutation[]): Promise<ApplyResult> {
    return this.applySync(mutations);
  }

  /** Synchronous apply, for replaying large event logs (training) without promise overhead. */
  applySync(mutations: readonly EntityMutation[]): ApplyResult {
    let applied = 0;
    let duplicates = 0;
    for (const mutation of mutations) {
      const key = entityKey(mutation.entity);
      let state = this.entities.get(key);
      if (!state) {
        state = { counters: {}, registers: {}, timelines: new Map(), applied: new Map(), newestEventMs: -Infinity };
        this.entities.set(key, state);
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
    state.applied.set(mutation.dedupeId, state.newestEventMs);
    // Prune lazily: only when the map has grown, so the common path stays O(1).
    if (state.applied.size > 64 && state.applied.size % 64 === 0) {
      const horizon = state.newestEventMs - this.options.dedupeWindowMs;
      for (const [id, t] of state.applied) if (t < horizon) state.applied.delete(id);
    }
  }

  async read(entities: readonly EntityRef[]): Promise<(EntitySnapshot | undefined)[]> {
    return this.readSync(entities);
  }

  readSync(entities: readonly EntityRef[]): (EntitySnapshot | undefined)[] {
    return entities.map((ref) => {
      const state = this.entities.get(entityKey(ref));
      if (!state) return undefined;
      const timelines: EntitySnapshot['timelines'] = {};
      for (const [name, timeline] of state.timelines) timelines[name] = timeline.entries();
      return { counters: state.counters, registers: state.registers, timelines };
    });
  }

  async close(): Promise<void> {
    this.entities.clear();
  }
}
