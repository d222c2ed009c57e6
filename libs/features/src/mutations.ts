import type { DecayedValues } from './decayed-values';
import type { EntityRef } from './entities';
import type { HistoryEntry } from './engagement-mutations';

/**
 * Primitive state operations. Stores implement exactly these, so every store behaves alike and
 * all feature logic stays in this library.
 */
export type StateOp =
  /** Add to an additive counter (created at 0). */
  | { kind: 'add'; field: string; amount: number }
  /** Remove counters. */
  | { kind: 'delete'; fields: string[] }
  /** Last-writer-wins register: kept only if `timeMs` is not older than the stored write. */
  | { kind: 'register'; field: string; value: string; timeMs: number }
  /**
   * Time-ordered bounded set: member scored by time (a member keeps its latest time); members
   * older than `expireBeforeMs` are dropped and only the newest `keep` remain.
   */
  | { kind: 'timeline'; name: string; member: string; timeMs: number; keep: number; expireBeforeMs?: number };

/** Operations on one entity, applied atomically and at most once per `dedupeId`. */
export interface EntityMutation {
  entity: EntityRef;
  /** Idempotence key (the event id): a mutation with an id already applied to this entity is skipped. */
  dedupeId: string;
  /**
   * Event time. The entity's newest event time is its clock: an applied id is remembered until that
   * clock moves the dedupe window past where it stood when the id was applied (late events included).
   */
  timeMs: number;
  ops: StateOp[];
  /**
   * Where the event sits in an ordered log (a Kafka topic-partition and offset). A store skips a
   * mutation whose offset is not beyond the last one it applied to this entity from that log: a
   * consumer restart redelivers in log order, however far other partitions have moved the entity's
   * event-time clock (which bounds the dedupe-id window) in the meantime.
   */
  source?: LogPosition;
}

export interface LogPosition {
  /** The log, e.g. `<topic>/<partition>`. */
  log: string;
  offset: number;
}

/** What a store returns for one entity. */
export interface EntitySnapshot {
  counters: Record<string, number>;
  registers: Record<string, { value: string; timeMs: number }>;
  /** Timelines by name, newest first. */
  timelines: Record<string, { member: string; timeMs: number }[]>;
  /** Reads a store can answer from its own layout without materialising `counters` by name. */
  direct?: DirectSnapshotReads;
}

/** Shortcuts over a snapshot: each gives exactly what the same read of the snapshot's records gives. */
export interface DirectSnapshotReads {
  /** No registers, counters or timeline entries. */
  isEmpty(): boolean;
  /** readDecayed(counters, counter prefix, nowMs). */
  decayedSignals(nowMs: number): DecayedValues;
  /** counters[field]. */
  counter(field: string): number | undefined;
  /** The history timeline's members parsed as JSON, newest first (a member that does not parse is left out). */
  historyEntries(): HistoryEntry[];
}

export function emptySnapshot(): EntitySnapshot {
  return { counters: {}, registers: {}, timelines: {} };
}
