import { EngagementEvent, EngagementType } from '@cascade/contracts';
import type { UserStateLimits } from '../engagement-mutations';
import type { LogPosition } from '../mutations';
import { affinityDelta, isHistoryEngagement, watchRatio } from '../signals';
import { affinityHalfLives, layout } from '../state-layout';
import { epochLengthMs, epochOf, halfLifeNames, halfLives } from '../time-decay';
import { signalIndex } from './counter-columns';
import type { CategoryAffinityFields } from './category-affinity-fields';
import type { CreatorAffinityFields } from './creator-affinity-fields';
import type { DedupeGate } from './dedupe-gate';
import type { EntityTable } from './entity-table';
import { writeRegister } from './entity-writes';
import { historyTypeIndex } from './history-member';
import type { MemberNames } from './member-names';
import { hashA, hashB } from './string-hash';

export interface EntityTables {
  user: EntityTable;
  item: EntityTable;
  creator: EntityTable;
}

/** The memory store's state, as the direct path writes it. */
export interface DirectApplyState {
  tables: EntityTables;
  gate: DedupeGate;
  names: MemberNames;
  creatorAffinity: CreatorAffinityFields;
  categoryAffinity: CategoryAffinityFields;
}

const HALF_LIVES = halfLifeNames.length;
const countedSignal = new Map<EngagementType, number>(
  (
    [
      [EngagementType.ENGAGEMENT_TYPE_IMPRESSION, 'impression'],
      [EngagementType.ENGAGEMENT_TYPE_VIEW, 'view'],
      [EngagementType.ENGAGEMENT_TYPE_COMPLETE, 'complete'],
      [EngagementType.ENGAGEMENT_TYPE_LIKE, 'like'],
      [EngagementType.ENGAGEMENT_TYPE_SHARE, 'share'],
      [EngagementType.ENGAGEMENT_TYPE_COMMENT, 'comment'],
      [EngagementType.ENGAGEMENT_TYPE_FOLLOW, 'follow'],
      [EngagementType.ENGAGEMENT_TYPE_SKIP, 'skip'],
      [EngagementType.ENGAGEMENT_TYPE_HIDE, 'hide'],
      [EngagementType.ENGAGEMENT_TYPE_REPORT, 'report'],
    ] as const
  ).map(([type, signal]) => [type, signalIndex.get(signal)!]),
);
const watched = signalIndex.get('watched')!;
const watchSeconds = signalIndex.get('watch_seconds')!;
const watchRatioSignal = signalIndex.get('watch_ratio')!;
const affinityHalfLifeIndexes = affinityHalfLives.map((h) => halfLifeNames.indexOf(h));
const creatorAttribute = layout.attribute('creator_id');
const durationAttribute = layout.attribute('duration_ms');

/**
 * One event's signal increments and, per half-life, its epoch and scale: computed once and shared by
 * the user, item and creator (scratch space reused for every event).
 */
class Increments {
  readonly signals = new Int32Array(4);
  readonly weights = new Float64Array(4);
  count = 0;
  readonly epochs = new Float64Array(HALF_LIVES);
  readonly scales = new Float64Array(HALF_LIVES);

  /** As signalIncrements and scaledIncrement. */
  set(event: EngagementEvent): void {
    this.count = 0;
    const counted = countedSignal.get(event.type);
    if (counted !== undefined) this.push(counted, 1);
    if (event.watchMs > 0) {
      this.push(watched, 1);
      this.push(watchSeconds, event.watchMs / 1000);
      if (event.itemDurationMs > 0) this.push(watchRatioSignal, watchRatio(event.watchMs, event.itemDurationMs));
    }
    const t = event.eventTimeMs;
    for (let h = 0; h < HALF_LIVES; h++) {
      const halfLife = halfLifeNames[h]!;
      const epoch = epochOf(t, halfLife);
      this.epochs[h] = epoch;
      this.scales[h] = 2 ** ((t - epoch * epochLengthMs(halfLife)) / halfLives[halfLife]);
    }
  }

  /**
   * The counter ops of engagementMutations: every add, then each signal's prune of old epochs. Signals
   * are distinct and touch only their own counters, so each signal's adds and prune go together.
   */
  applyTo(table: EntityTable, slot: number): void {
    for (let i = 0; i < this.count; i++) table.counters.addSignalAndPrune(slot, this.signals[i]!, this.epochs, this.scales, this.weights[i]!);
  }

  private push(signal: number, weight: number): void {
    this.signals[this.count] = signal;
    this.weights[this.count++] = weight;
  }
}

const increments = new Increments();

const durationTexts = new Map<number, string>();

/** String(ms), cached: the item's duration register is rewritten by every event with the same value. */
function durationText(ms: number): string {
  let text = durationTexts.get(ms);
  if (text === undefined) {
    if (durationTexts.size >= 100_000) durationTexts.clear();
    durationTexts.set(ms, (text = String(ms)));
  }
  return text;
}

/** Adds a decayed contribution to the user's affinity for the creator in `creatorSlot`, for each affinity half-life. */
function addCreatorAffinity(state: DirectApplyState, userSlot: number, creatorSlot: number, creatorId: string, weight: number): void {
  const counters = state.tables.user.counters;
  for (let i = 0; i < affinityHalfLifeIndexes.length; i++) {
    const h = affinityHalfLifeIndexes[i]!;
    counters.addOtherNumbered(userSlot, state.creatorAffinity.numberOf(counters, creatorSlot, creatorId, i, increments.epochs[h]!), weight * increments.scales[h]!);
  }
}

/** Per affinity half-life, the field numbers of the current item's categories (scratch space). */
const categoryNumbers: (readonly number[])[] = [];

/** Shares `affinity` among the item's categories, each for each affinity half-life (categoryAffinityOps' order). */
function addCategoryAffinity(state: DirectApplyState, userSlot: number, itemSlot: number, affinity: number): void {
  const entry = state.categoryAffinity.of(itemSlot, state.tables.item.extras[itemSlot]!.registers);
  const count = entry.categories.length;
  if (count === 0) return;
  const share = affinity / count;
  const counters = state.tables.user.counters;
  for (let i = 0; i < affinityHalfLifeIndexes.length; i++) {
    categoryNumbers[i] = state.categoryAffinity.numbers(counters, entry, i, increments.epochs[affinityHalfLifeIndexes[i]!]!);
  }
  for (let c = 0; c < count; c++) {
    for (let i = 0; i < affinityHalfLifeIndexes.length; i++) {
      counters.addOtherNumbered(userSlot, categoryNumbers[i]![c]!, share * increments.scales[affinityHalfLifeIndexes[i]!]!);
    }
  }
}

/**
 * Applies one engagement event straight to the tables, with no mutation objects: the same state and
 * counts as applying engagementMutations(event, limits), with categoryAffinityOps(event, the item's
 * categories) appended to the user's ops, through the mutation path (see the equivalence test).
 * Returns how many of its entity updates were repeats.
 */
export function applyEngagement(state: DirectApplyState, event: EngagementEvent, limits: UserStateLimits, source: LogPosition | undefined): number {
  const { tables, gate, names } = state;
  const t = event.eventTimeMs;
  const a = hashA(event.eventId);
  const b = hashB(event.eventId);
  const log = source ? gate.logNumber(source.log) : -1;
  const offset = source ? source.offset : 0;
  increments.set(event);
  let repeats = 0;

  const users = tables.user;
  const userSlot = users.slotOf(event.userId);
  const items = tables.item;
  const itemSlot = items.slotOf(event.itemId);
  const creators = tables.creator;
  const creatorSlot = event.creatorId ? creators.slotOf(event.creatorId) : -1;
  if (gate.isRepeat(users, userSlot, a, b, log, offset)) {
    repeats++;
  } else {
    const extras = users.extras[userSlot]!;
    extras.record = undefined;
    increments.applyTo(users, userSlot);
    const itemMember = items.memberNumber(itemSlot);
    users.seen.add(userSlot, itemMember, t, limits.seenSetSize, t - limits.seenTtlMs);
    if (isHistoryEngagement(event.type)) {
      const creatorMember = creatorSlot >= 0 ? creators.memberNumber(creatorSlot) : names.numberOf(event.creatorId);
      const ratio = watchRatio(event.watchMs, event.itemDurationMs);
      users.history.addEngagement(userSlot, event.eventId, a, itemMember, creatorMember, historyTypeIndex(event.type), ratio, t, limits.historyLength);
    }
    const affinity = affinityDelta(event.type, event.watchMs, event.itemDurationMs);
    if (affinity !== 0 && creatorSlot >= 0) addCreatorAffinity(state, userSlot, creatorSlot, event.creatorId, affinity);
    if (event.creatorId && (event.type === EngagementType.ENGAGEMENT_TYPE_FOLLOW || event.type === EngagementType.ENGAGEMENT_TYPE_UNFOLLOW)) {
      writeRegister(extras, `${layout.followRegisterPrefix}${event.creatorId}`, event.type === EngagementType.ENGAGEMENT_TYPE_FOLLOW ? '1' : '0', t);
    }
    if (affinity !== 0) addCategoryAffinity(state, userSlot, itemSlot, affinity);
    gate.markApplied(users, userSlot, a, b, t, log, offset);
  }

  if (gate.isRepeat(items, itemSlot, a, b, log, offset)) {
    repeats++;
  } else {
    const extras = items.extras[itemSlot]!;
    extras.record = undefined;
    increments.applyTo(items, itemSlot);
    // Engagement carries the item's creator; a content event's attribute (newer write) wins.
    if (event.creatorId) writeRegister(extras, creatorAttribute, event.creatorId, 0);
    if (event.itemDurationMs > 0) writeRegister(extras, durationAttribute, durationText(event.itemDurationMs), 0);
    gate.markApplied(items, itemSlot, a, b, t, log, offset);
  }

  if (creatorSlot >= 0) {
    if (gate.isRepeat(creators, creatorSlot, a, b, log, offset)) {
      repeats++;
    } else {
      creators.extras[creatorSlot]!.record = undefined;
      increments.applyTo(creators, creatorSlot);
      if (event.type === EngagementType.ENGAGEMENT_TYPE_FOLLOW || event.type === EngagementType.ENGAGEMENT_TYPE_UNFOLLOW) {
        creators.counters.addOther(creatorSlot, layout.followerCount, event.type === EngagementType.ENGAGEMENT_TYPE_FOLLOW ? 1 : -1);
      }
      gate.markApplied(creators, creatorSlot, a, b, t, log, offset);
    }
  }
  return repeats;
}
