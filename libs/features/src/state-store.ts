import type { EngagementEvent } from '@cascade/contracts';
import type { UserStateLimits } from './engagement-mutations';
import type { EntityRef } from './entities';
import type { EntityMutation, EntitySnapshot, LogPosition } from './mutations';

export interface ApplyResult {
  applied: number;
  /** Mutations skipped because their dedupe id was already applied to that entity. */
  duplicates: number;
}

/**
 * The online store: applies entity mutations atomically and idempotently, and reads entity
 * snapshots in batches. Implementations differ only in where state lives.
 */
export interface StateStore {
  readonly kind: string;
  apply(mutations: readonly EntityMutation[]): Promise<ApplyResult>;
  /**
   * Optional shortcut for engagement events: the same state and result as applying, per event,
   * engagementMutations(event, limits) with categoryAffinityOps(event, the item's stored categories)
   * added to the user's ops and `sources[i]` as source, without building the mutations.
   */
  applyEngagements?(events: readonly EngagementEvent[], limits: UserStateLimits, sources?: readonly LogPosition[]): Promise<ApplyResult>;
  /** Snapshots in the order of `entities`; undefined for an entity with no state. */
  read(entities: readonly EntityRef[]): Promise<(EntitySnapshot | undefined)[]>;
  close(): Promise<void>;
}

export interface StateStoreOptions {
  /**
   * How long applied ids are remembered per entity, measured on the entity's newest event time (the
   * in-memory store keeps each id at least this long on its kind's newest event time, within
   * `dedupeMaxIds`).
   */
  dedupeWindowMs: number;
  /**
   * In-memory store: the most applied ids remembered per entity kind. Past it the oldest are
   * forgotten first, so the effective window shrinks. Memory per kind, once that many ids arrive
   * within the window: 40 bytes per id of the cap, up to 80 with power-of-two rounding (168 MB at
   * 4M; see AppliedIdTable).
   */
  dedupeMaxIds: number;
  /** Idle entities expire after this long without a write (0 keeps them forever). */
  entityTtlMs: number;
}

export const defaultStateStoreOptions: StateStoreOptions = {
  dedupeWindowMs: 6 * 3_600_000,
  dedupeMaxIds: 4_000_000,
  entityTtlMs: 30 * 86_400_000,
};
