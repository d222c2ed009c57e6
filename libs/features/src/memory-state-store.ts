import type { EngagementEvent } from '@cascade/contracts';
import { defaultUserStateLimits, UserStateLimits } from './engagement-mutations';
import type { EntityKind, EntityRef } from './entities';
import type { EntityMutation, EntitySnapshot, LogPosition } from './mutations';
import { applyEngagement, DirectApplyState, EntityTables } from './memory-store/apply-engagement';
import { CategoryAffinityFields } from './memory-store/category-affinity-fields';
import { CreatorAffinityFields } from './memory-store/creator-affinity-fields';
import { appliedIdSlotBytes } from './memory-store/applied-id-table';
import { DedupeGate } from './memory-store/dedupe-gate';
import { EntityTable } from './memory-store/entity-table';
import { applyOp } from './memory-store/entity-writes';
import { MemberNames } from './memory-store/member-names';
import { MemorySnapshot } from './memory-store/memory-snapshot';
import { hashA, hashB } from './memory-store/string-hash';
import { ApplyResult, defaultStateStoreOptions, StateStore, StateStoreOptions } from './state-store';

const entityKinds: readonly EntityKind[] = ['user', 'item', 'creator'];

export interface DedupeStats {
  /** Applied ids remembered now (at most `dedupeMaxIds`). */
  ids: number;
  /** Bytes of the typed arrays holding them. */
  bytes: number;
  /** How long (in event time) ids are remembered at least now: `dedupeWindowMs` unless the cap shrank it. */
  effectiveWindowMs: number;
  /** Ids the cap made the table forget before their window ended, since start. */
  forgottenEarly: number;
}

/**
 * The embedded online store: entity state in process memory, same semantics as the Redis store.
 * State is laid out per entity kind in columns and typed-array tables (see EntityTable), so ingestion
 * allocates next to nothing per event and the GC has little to trace however large the state grows.
 */
export class MemoryStateStore implements StateStore {
  readonly kind = 'memory';
  private readonly names = new MemberNames();
  private readonly tables: EntityTables = { user: new EntityTable(this.names), item: new EntityTable(this.names), creator: new EntityTable(this.names) };
  private readonly gate: DedupeGate;
  private readonly creatorAffinity = new CreatorAffinityFields();
  private readonly categoryAffinity = new CategoryAffinityFields();
  private readonly direct: DirectApplyState;

  constructor(options: Partial<StateStoreOptions> = {}) {
    const { dedupeWindowMs, dedupeMaxIds } = { ...defaultStateStoreOptions, ...options };
    this.gate = new DedupeGate(dedupeWindowMs);
    for (const kind of entityKinds) this.tables[kind].appliedIds.configure({ windowMs: dedupeWindowMs, maxIds: dedupeMaxIds });
    this.direct = { tables: this.tables, gate: this.gate, names: this.names, creatorAffinity: this.creatorAffinity, categoryAffinity: this.categoryAffinity };
  }

  get size(): number {
    return this.tables.user.size + this.tables.item.size + this.tables.creator.size;
  }

  /** Per entity kind, the applied-id table's fill and how far the cap has shrunk its window (for gauges). */
  dedupeStats(): Record<EntityKind, DedupeStats> {
    const stats = {} as Record<EntityKind, DedupeStats>;
    for (const kind of entityKinds) {
      const ids = this.tables[kind].appliedIds;
      stats[kind] = { ids: ids.size, bytes: ids.capacity * appliedIdSlotBytes, effectiveWindowMs: ids.effectiveWindowMs, forgottenEarly: ids.forgottenEarly };
    }
    return stats;
  }

  async apply(mutations: readonly EntityMutation[]): Promise<ApplyResult> {
    return this.applySync(mutations);
  }

  /** Synchronous apply, for replaying large event logs (training) without promise overhead. */
  applySync(mutations: readonly EntityMutation[]): ApplyResult {
    let applied = 0;
    let duplicates = 0;
    let lastId: string | undefined;
    let a = 0;
    let b = 0;
    for (const mutation of mutations) {
      const table: EntityTable = this.tables[mutation.entity.kind];
      const slot = table.slotOf(mutation.entity.id);
      if (mutation.dedupeId !== lastId) {
        lastId = mutation.dedupeId;
        a = hashA(lastId);
        b = hashB(lastId);
      }
      const source = mutation.source;
      const log = this.gate.logNumber(source?.log);
      const offset = source ? source.offset : 0;
      if (this.gate.isRepeat(table, slot, a, b, log, offset)) {
        duplicates++;
        continue;
      }
      table.extras[slot]!.record = undefined;
      for (const op of mutation.ops) applyOp(table, slot, op);
      this.gate.markApplied(table, slot, a, b, mutation.timeMs, log, offset);
      applied++;
    }
    return { applied, duplicates };
  }

  async applyEngagements(events: readonly EngagementEvent[], limits: UserStateLimits = defaultUserStateLimits, sources?: readonly LogPosition[]): Promise<ApplyResult> {
    return this.applyEngagementsSync(events, limits, sources);
  }

  /**
   * Applies engagement events without building mutations: the same state and counts as applying, per
   * event, engagementMutations(event, limits) with categoryAffinityOps(event, the item's categories)
   * added to the user's ops, each with `sources[i]` as its source.
   */
  applyEngagementsSync(events: readonly EngagementEvent[], limits: UserStateLimits = defaultUserStateLimits, sources?: readonly LogPosition[]): ApplyResult {
    let updates = 0;
    let duplicates = 0;
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      updates += event.creatorId ? 3 : 2;
      duplicates += applyEngagement(this.direct, event, limits, sources?.[i]);
    }
    return { applied: updates - duplicates, duplicates };
  }

  async read(entities: readonly EntityRef[]): Promise<(EntitySnapshot | undefined)[]> {
    return this.readSync(entities);
  }

  /** Snapshots whose counters and timelines are materialised on first access (a reader of registers or of `direct` pays for neither). */
  readSync(entities: readonly EntityRef[]): (EntitySnapshot | undefined)[] {
    return entities.map((ref) => {
      const table = this.tables[ref.kind];
      const slot = table.slots.get(ref.id);
      if (slot === undefined) return undefined;
      return new MemorySnapshot(table, slot);
    });
  }

  async close(): Promise<void> {
    for (const kind of Object.keys(this.tables) as EntityKind[]) this.tables[kind].clear();
    this.gate.clear();
    this.names.clear();
    this.creatorAffinity.clear();
    this.categoryAffinity.clear();
  }
}
