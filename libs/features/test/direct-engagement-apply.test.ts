import { ContentEvent, ContentEventType, EngagementEvent, EngagementType } from '@cascade/contracts';
import {
  categoryAffinityOps,
  computeFeatures,
  contentMutations,
  creator,
  EntityMutation,
  EntityRef,
  EntitySnapshot,
  engagementMutations,
  item,
  itemCategories,
  LogPosition,
  MemoryStateStore,
  selectFeatures,
  StateStoreOptions,
  user,
  UserStateLimits,
} from '../src';
import { seededRandom } from './support/seeded-random';

const T0 = Date.UTC(2026, 10, 1);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const types = Object.values(EngagementType).filter((t): t is EngagementType => typeof t === 'number' && t >= 0);
const users = Array.from({ length: 12 }, (_, i) => `u${i}`);
const items = Array.from({ length: 10 }, (_, i) => `i${i}`);
const creators = ['c0', 'c1', 'c2', 'c3'];
const categoryLists = ['["comedy"]', '["comedy","pets"]', '[]', '["music",3,"pets"]', 'not json', '{"a":1}'];

type Delivery = { kind: 'engagement'; events: EngagementEvent[]; sources?: LogPosition[] } | { kind: 'content'; mutations: EntityMutation[] };

/**
 * Batches as a consumer delivers them: engagement events of every type (with and without creator,
 * watch time and duration), spread over weeks so counters cross epoch boundaries, some very late;
 * content upserts and deletes in between; redelivered batches (same positions) and copies of events
 * under new positions or with no position at all.
 */
function deliveries(seed: number, count: number): Delivery[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const offsets = [0, 0, 0];
  const out: Delivery[] = [];
  const engagementBatches: Extract<Delivery, { kind: 'engagement' }>[] = [];
  let clock = T0;
  let seq = 0;
  for (let n = 0; n < count; n++) {
    const roll = rand();
    if (roll < 0.1) {
      const itemId = pick(items);
      const t = clock - Math.floor(rand() * 3 * HOUR);
      const upsert = rand() < 0.85;
      const content = ContentEvent.fromPartial({
        eventId: `content-${seq++}`,
        itemId,
        creatorId: pick(creators),
        type: upsert ? ContentEventType.CONTENT_EVENT_TYPE_UPSERT : ContentEventType.CONTENT_EVENT_TYPE_DELETE,
        createdAtMs: t,
        eventTimeMs: t,
        durationMs: 5_000 + Math.floor(rand() * 50_000),
        language: 'en',
      });
      // contentMutations stores the categories as JSON; unreadable lists must read as none on both paths.
      const mutations = contentMutations(content);
      const categories = pick(categoryLists);
      for (const op of mutations[0]!.ops) if (op.kind === 'register' && op.field === 'attr.categories') op.value = categories;
      out.push({ kind: 'content', mutations });
      continue;
    }
    if (roll < 0.16 && engagementBatches.length > 0) {
      const again = pick(engagementBatches);
      if (rand() < 0.5) out.push(again);
      else out.push({ kind: 'engagement', events: again.events, sources: rand() < 0.5 ? undefined : again.events.map(() => next(Math.floor(rand() * 3))) });
      continue;
    }
    const size = 1 + Math.floor(rand() * 30);
    const events: EngagementEvent[] = [];
    for (let k = 0; k < size; k++) {
      clock += Math.floor(rand() * 40 * 60_000);
      const late = rand() < 0.05 ? Math.floor(rand() * 6 * DAY) : rand() < 0.2 ? Math.floor(rand() * 20 * 60_000) : 0;
      const type = pick(types);
      const duration = rand() < 0.8 ? 5_000 + Math.floor(rand() * 55_000) : 0;
      events.push(
        EngagementEvent.fromPartial({
          eventId: `e${seq++}`,
          userId: pick(users),
          itemId: pick(items),
          creatorId: rand() < 0.9 ? pick(creators) : '',
          type,
          eventTimeMs: clock - late,
          watchMs: rand() < 0.5 ? Math.floor(rand() * 2.5 * (duration || 20_000)) : 0,
          itemDurationMs: duration,
        }),
      );
    }
    const batch: Delivery & { kind: 'engagement' } = { kind: 'engagement', events, sources: rand() < 0.9 ? events.map(() => next(Math.floor(rand() * 3))) : undefined };
    engagementBatches.push(batch);
    out.push(batch);
  }
  return out;

  function next(partition: number): LogPosition {
    return { log: `engagement/${partition}`, offset: offsets[partition]!++ };
  }
}

/** What EventApplier did before the direct path: mutations, with category affinity from the items read first. */
function applyAsMutations(store: MemoryStateStore, events: EngagementEvent[], limits: UserStateLimits, sources?: LogPosition[]) {
  const snapshots = store.readSync(events.map((e) => item(e.itemId)));
  const mutations: EntityMutation[] = [];
  events.forEach((event, i) => {
    const perEntity = engagementMutations(event, limits);
    perEntity[0]!.ops.push(...categoryAffinityOps(event, itemCategories(snapshots[i]?.registers)));
    for (const mutation of perEntity) mutations.push(sources ? { ...mutation, source: sources[i] } : mutation);
  });
  return store.applySync(mutations);
}

function replay(options: Partial<StateStoreOptions>, limits: UserStateLimits, seed: number) {
  const reference = new MemoryStateStore(options);
  const direct = new MemoryStateStore(options);
  const results: [unknown, unknown][] = [];
  for (const delivery of deliveries(seed, 400)) {
    if (delivery.kind === 'content') {
      reference.applySync(delivery.mutations);
      direct.applySync(delivery.mutations);
      continue;
    }
    const { events, sources } = delivery;
    results.push([applyAsMutations(reference, events, limits, sources), direct.applyEngagementsSync(events, limits, sources)]);
  }
  return { reference, direct, results };
}

function everything(store: MemoryStateStore) {
  const refs: EntityRef[] = [...users.map(user), ...items.map(item), ...creators.map(creator), user('nobody')];
  return store.readSync(refs).map((s) => s && { counters: s.counters, registers: s.registers, timelines: s.timelines });
}

/** The snapshot as a store without direct reads would return it: records by name only. */
const byNameOnly = (snapshot: EntitySnapshot | undefined): EntitySnapshot | undefined =>
  snapshot && { counters: { ...snapshot.counters }, registers: snapshot.registers, timelines: snapshot.timelines };

function allFeatures(store: MemoryStateStore, nowMs: number, read: (snapshot: EntitySnapshot | undefined) => EntitySnapshot | undefined = (s) => s) {
  return users.map((userId) => {
    const [userSnapshot, ...itemSnapshots] = store.readSync([user(userId), ...items.map(item)]).map(read);
    const creatorSnapshots = store.readSync(creators.map(creator)).map(read);
    return computeFeatures(
      userId,
      items,
      selectFeatures(undefined),
      { user: userSnapshot, items: new Map(items.map((id, i) => [id, itemSnapshots[i]])), creators: new Map(creators.map((id, i) => [id, creatorSnapshots[i]])) },
      nowMs,
    );
  });
}

describe('direct engagement apply (the in-memory fast path)', () => {
  const limits: UserStateLimits = { historyLength: 7, seenSetSize: 9, seenTtlMs: 2 * DAY };
  const configurations: [string, Partial<StateStoreOptions>][] = [
    ['the default dedupe window', {}],
    ['a dedupe window shorter than the stream', { dedupeWindowMs: 2 * HOUR }],
    ['no dedupe window (training)', { dedupeWindowMs: 0 }],
  ];

  it.each(configurations)('leaves the same state and features as the mutations, with %s', (_name, options) => {
    for (const seed of [1, 2]) {
      const { reference, direct, results } = replay(options, limits, seed);
      for (const [expected, actual] of results) expect(actual).toEqual(expected);
      expect(results.some(([r]) => (r as { duplicates: number }).duplicates > 0)).toBe(true);
      expect(everything(direct)).toEqual(everything(reference));
      for (const nowMs of [T0 + 3 * DAY, T0 + 30 * DAY]) expect(allFeatures(direct, nowMs)).toEqual(allFeatures(reference, nowMs));
    }
  });

  it('computes the same features from the store\'s direct reads as from its records by name', () => {
    for (const seed of [3, 4]) {
      const { direct } = replay({}, limits, seed);
      for (const nowMs of [T0 + 2 * DAY, T0 + 9 * DAY, T0 + 40 * DAY]) {
        const fast = allFeatures(direct, nowMs);
        expect(fast).toEqual(allFeatures(direct, nowMs, byNameOnly));
        expect(fast.some((f) => f.itemFeatures.some((c) => c.numbers.some((v) => v > 0)))).toBe(true);
      }
    }
  });
});
