import { EngagementEvent, EngagementType } from '@cascade/contracts';
import { creator, item, user } from './entities';
import type { EntityMutation, StateOp } from './mutations';
import { affinityDelta, engagementTypeName, isHistoryEngagement, signalIncrements, watchRatio } from './signals';
import { affinityHalfLives, DecayedFieldCache, layout, pushDecayedAddOps } from './state-layout';
import { epochOf, halfLifeNames, scaledIncrement } from './time-decay';

/** Bounds of the per-user state. */
export interface UserStateLimits {
  historyLength: number;
  seenSetSize: number;
  seenTtlMs: number;
}

export const defaultUserStateLimits: UserStateLimits = {
  historyLength: 50,
  seenSetSize: 500,
  seenTtlMs: 3 * 86_400_000,
};

/** An entry of the user's recent history, as stored in the history timeline. */
export interface HistoryEntry {
  eventId: string;
  itemId: string;
  creatorId: string;
  type: string;
  watchRatio: number;
}

const counterFields = new DecayedFieldCache(layout.counterPrefix);

/**
 * The signal counters' ops: for each increment and half-life an add (as decayedAddOps), then for each
 * increment one delete of its prunable epochs (as decayedPruneOps), with cached field names.
 */
function counterOps(timeMs: number, increments: [string, number][]): StateOp[] {
  const ops: StateOp[] = [];
  for (const [signal, weight] of increments) {
    for (const halfLife of halfLifeNames) {
      const { epoch, amount } = scaledIncrement(weight, timeMs, halfLife);
      ops.push({ kind: 'add', field: counterFields.fields(signal, halfLife, epoch).field, amount });
    }
  }
  for (const [signal] of increments) ops.push(pruneOp(signal, timeMs));
  return ops;
}

const pruneOps = new Map<string, { epochs: number[]; op: StateOp }>();

/** The delete of a signal's prunable counters, one shared op per signal while the epochs stay the same. */
function pruneOp(signal: string, timeMs: number): StateOp {
  const cached = pruneOps.get(signal);
  if (cached && halfLifeNames.every((halfLife, i) => cached.epochs[i] === epochOf(timeMs, halfLife))) return cached.op;
  const epochs = halfLifeNames.map((halfLife) => epochOf(timeMs, halfLife));
  const fields = halfLifeNames.flatMap((halfLife, i) => counterFields.fields(signal, halfLife, epochs[i]!).prunable);
  const op: StateOp = { kind: 'delete', fields };
  pruneOps.set(signal, { epochs, op });
  return op;
}

const creatorAttribute = layout.attribute('creator_id');
const durationAttribute = layout.attribute('duration_ms');

/**
 * Every state change one engagement event causes, per entity. Pure: the same event always yields
 * the same mutations, and stores apply them idempotently by event id.
 */
export function engagementMutations(event: EngagementEvent, limits: UserStateLimits = defaultUserStateLimits): EntityMutation[] {
  const t = event.eventTimeMs;
  const increments = signalIncrements(event.type, event.watchMs, event.itemDurationMs);
  const counters = counterOps(t, increments);

  const userOps: StateOp[] = [...counters];
  const itemOps: StateOp[] = [...counters];
  const creatorOps: StateOp[] = [...counters];

  if (event.creatorId) {
    // Engagement carries the item's creator; a content event's attribute (newer write) wins.
    itemOps.push({ kind: 'register', field: creatorAttribute, value: event.creatorId, timeMs: 0 });
  }
  if (event.itemDurationMs > 0) {
    itemOps.push({ kind: 'register', field: durationAttribute, value: String(event.itemDurationMs), timeMs: 0 });
  }

  userOps.push({
    kind: 'timeline',
    name: layout.seenTimeline,
    member: event.itemId,
    timeMs: t,
    keep: limits.seenSetSize,
    expireBeforeMs: t - limits.seenTtlMs,
  });

  if (isHistoryEngagement(event.type)) {
    const entry: HistoryEntry = {
      eventId: event.eventId,
      itemId: event.itemId,
      creatorId: event.creatorId,
      type: engagementTypeName(event.type),
      watchRatio: watchRatio(event.watchMs, event.itemDurationMs),
    };
    userOps.push({ kind: 'timeline', name: layout.historyTimeline, member: JSON.stringify(entry), timeMs: t, keep: limits.historyLength });
  }

  const affinity = affinityDelta(event.type, event.watchMs, event.itemDurationMs);
  if (affinity !== 0 && event.creatorId) {
    pushDecayedAddOps(userOps, layout.creatorAffinityPrefix, event.creatorId, affinity, t, affinityHalfLives);
  }

  if (event.creatorId && (event.type === EngagementType.ENGAGEMENT_TYPE_FOLLOW || event.type === EngagementType.ENGAGEMENT_TYPE_UNFOLLOW)) {
    const following = event.type === EngagementType.ENGAGEMENT_TYPE_FOLLOW;
    userOps.push({ kind: 'register', field: `${layout.followRegisterPrefix}${event.creatorId}`, value: following ? '1' : '0', timeMs: t });
    creatorOps.push({ kind: 'add', field: layout.followerCount, amount: following ? 1 : -1 });
  }

  const mutations: EntityMutation[] = [
    { entity: user(event.userId), dedupeId: event.eventId, timeMs: t, ops: userOps },
    { entity: item(event.itemId), dedupeId: event.eventId, timeMs: t, ops: itemOps },
  ];
  if (event.creatorId) mutations.push({ entity: creator(event.creatorId), dedupeId: event.eventId, timeMs: t, ops: creatorOps });
  return mutations;
}

/**
 * Category affinity needs the item's categories, which engagement events do not carry: the
 * applier reads them from the item's state and adds these ops to the user's mutation.
 */
export function categoryAffinityOps(event: EngagementEvent, categories: readonly string[]): StateOp[] {
  const affinity = affinityDelta(event.type, event.watchMs, event.itemDurationMs);
  if (affinity === 0 || categories.length === 0) return [];
  const share = affinity / categories.length;
  const ops: StateOp[] = [];
  for (const category of categories) pushDecayedAddOps(ops, layout.categoryAffinityPrefix, category, share, event.eventTimeMs, affinityHalfLives);
  return ops;
}
