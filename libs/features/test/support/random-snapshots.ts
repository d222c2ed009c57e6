// Randomized entity snapshots shaped like the store's: signal counters over current and older
// epochs, affinity counters, attributes (some malformed), follows, history and seen timelines.
import {
  affinityHalfLives,
  decayedField,
  EntitySnapshot,
  EntitySnapshots,
  epochOf,
  HalfLife,
  halfLifeNames,
  layout,
  signals,
} from '../../src';
import type { Random } from './seeded-random';

const pick = <T>(rand: Random, values: readonly T[]): T => values[Math.floor(rand() * values.length)]!;
const register = (value: string) => ({ value, timeMs: 1 });

function decayedCounters(rand: Random, out: Record<string, number>, prefix: string, keys: readonly string[], halfLives: readonly HalfLife[], nowMs: number): void {
  for (const key of keys) {
    for (const halfLife of halfLives) {
      if (rand() < 0.2) continue;
      const epoch = epochOf(nowMs - rand() * 3 * 86_400_000, halfLife);
      out[decayedField(prefix, halfLife, epoch, key)] = rand() < 0.1 ? -rand() * 5 : rand() * 1e4;
      if (rand() < 0.3) out[decayedField(prefix, halfLife, epoch - 1, key)] = rand() * 100;
    }
  }
}

function oddCounters(rand: Random, out: Record<string, number>): void {
  if (rand() < 0.2) out['n.2h.1.like'] = 5;
  if (rand() < 0.2) out['n.7d.x.like'] = 5;
  if (rand() < 0.2) out['nx.7d.1.like'] = 5;
  if (rand() < 0.2) out['n.7d'] = 5;
}

function itemSnapshot(rand: Random, creators: readonly string[], nowMs: number): EntitySnapshot {
  const counters: Record<string, number> = {};
  decayedCounters(rand, counters, layout.counterPrefix, signals, halfLifeNames, nowMs);
  oddCounters(rand, counters);
  const registers: EntitySnapshot['registers'] = {};
  if (rand() < 0.9) registers[layout.attribute('creator_id')] = register(rand() < 0.05 ? '' : pick(rand, creators));
  if (rand() < 0.9) registers[layout.attribute('categories')] = register(rand() < 0.05 ? '{not json' : JSON.stringify([pick(rand, ['cat1', 'cat2', 'cat3']), pick(rand, ['cat4', 'cat1']), ...(rand() < 0.1 ? [7] : [])]));
  if (rand() < 0.9) registers[layout.attribute('hashtags')] = register(JSON.stringify([`#t${Math.floor(rand() * 9)}`]));
  if (rand() < 0.9) registers[layout.attribute('created_at_ms')] = register(pick(rand, [String(nowMs - rand() * 1e9), '0', '-5', 'abc', '']));
  if (rand() < 0.9) registers[layout.attribute('duration_ms')] = register(pick(rand, [String(Math.floor(rand() * 60_000)), '0', 'NaN']));
  if (rand() < 0.1) registers[layout.attribute('deleted')] = register(pick(rand, ['1', '0']));
  if (rand() < 0.8) registers[layout.attribute('language')] = register(pick(rand, ['en', 'pt']));
  if (rand() < 0.8) registers[layout.attribute('country')] = register(pick(rand, ['US', 'BR']));
  return { counters, registers, timelines: {} };
}

function creatorSnapshot(rand: Random, nowMs: number): EntitySnapshot {
  const counters: Record<string, number> = {};
  decayedCounters(rand, counters, layout.counterPrefix, signals, ['1d', '7d'], nowMs);
  if (rand() < 0.8) counters[layout.followerCount] = Math.floor(rand() * 1000) - 10;
  return { counters, registers: {}, timelines: {} };
}

function userSnapshot(rand: Random, creators: readonly string[], itemIds: readonly string[], nowMs: number): EntitySnapshot {
  const counters: Record<string, number> = {};
  decayedCounters(rand, counters, layout.counterPrefix, signals, halfLifeNames, nowMs);
  decayedCounters(rand, counters, layout.creatorAffinityPrefix, creators, affinityHalfLives, nowMs);
  decayedCounters(rand, counters, layout.categoryAffinityPrefix, ['cat1', 'cat2', 'cat4', 'cat.dotted'], affinityHalfLives, nowMs);
  oddCounters(rand, counters);
  const registers: EntitySnapshot['registers'] = {};
  for (const c of creators) if (rand() < 0.3) registers[`${layout.followRegisterPrefix}${c}`] = register(rand() < 0.8 ? '1' : '0');
  const history = Array.from({ length: Math.floor(rand() * 20) }, (_, k) => ({
    member: rand() < 0.05 ? '{corrupt' : JSON.stringify({ eventId: `e${k}`, itemId: pick(rand, itemIds), creatorId: pick(rand, creators), type: pick(rand, ['view', 'like', 'hide', 'skip', 'complete']), watchRatio: rand() }),
    timeMs: nowMs - k * 60_000,
  }));
  const seen = itemIds.filter(() => rand() < 0.2).map((member, k) => ({ member, timeMs: nowMs - k * 3_600_000 * 5 }));
  return { counters, registers, timelines: { [layout.historyTimeline]: history, [layout.seenTimeline]: seen } };
}

/** A user, `itemCount` items (some unknown, some empty) and their creators' snapshots. */
export function randomSnapshots(rand: Random, itemCount: number, nowMs: number): { itemIds: string[]; snapshots: EntitySnapshots } {
  const creators = Array.from({ length: 12 }, (_, i) => `c${i}`);
  const itemIds = Array.from({ length: itemCount }, (_, i) => `i${i}`);
  const items = new Map<string, EntitySnapshot | undefined>();
  for (const id of itemIds) {
    const kind = rand();
    items.set(id, kind < 0.1 ? undefined : kind < 0.15 ? { counters: {}, registers: {}, timelines: {} } : itemSnapshot(rand, creators, nowMs));
  }
  const creatorSnapshots = new Map<string, EntitySnapshot | undefined>();
  for (const c of creators) creatorSnapshots.set(c, rand() < 0.15 ? undefined : creatorSnapshot(rand, nowMs));
  const user = rand() < 0.1 ? undefined : userSnapshot(rand, creators, itemIds, nowMs);
  return { itemIds, snapshots: { user, items, creators: creatorSnapshots } };
}
