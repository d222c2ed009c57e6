import { ContentEvent, ContentEventType, EngagementEvent, EngagementType } from '@cascade/contracts';
import {
  computeFeatures,
  contentMutations,
  creator,
  EntityMutation,
  engagementMutations,
  item,
  MemoryStateStore,
  selectFeatures,
  StateStore,
  user,
} from '@cascade/features';
import clusterKeySlot from 'cluster-key-slot';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { RedisStateStore } from '../src/store/redis-state-store';
import { redisUrl } from './redis-env';

const T0 = Date.UTC(2026, 10, 1);
const HOUR = 3_600_000;

function world(prefix: string): (EngagementEvent | ContentEvent)[] {
  const events: (EngagementEvent | ContentEvent)[] = [];
  for (let i = 0; i < 5; i++) {
    events.push(
      ContentEvent.fromPartial({
        eventId: `${prefix}-c${i}`,
        itemId: `${prefix}-i${i}`,
        creatorId: `${prefix}-cr${i % 2}`,
        type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT,
        createdAtMs: T0 - HOUR,
        eventTimeMs: T0 - HOUR,
        durationMs: 15_000 + i * 1_000,
        categories: [`cat${i % 3}`],
        language: 'en',
        country: 'US',
      }),
    );
  }
  const types = [
    EngagementType.ENGAGEMENT_TYPE_IMPRESSION,
    EngagementType.ENGAGEMENT_TYPE_VIEW,
    EngagementType.ENGAGEMENT_TYPE_LIKE,
    EngagementType.ENGAGEMENT_TYPE_SKIP,
    EngagementType.ENGAGEMENT_TYPE_COMPLETE,
    EngagementType.ENGAGEMENT_TYPE_FOLLOW,
    EngagementType.ENGAGEMENT_TYPE_HIDE,
  ];
  for (let n = 0; n < 120; n++) {
    const i = (n * 7) % 5;
    events.push(
      EngagementEvent.fromPartial({
        eventId: `${prefix}-e${n}`,
        userId: `${prefix}-u${n % 3}`,
        itemId: `${prefix}-i${i}`,
        creatorId: `${prefix}-cr${i % 2}`,
        type: types[n % types.length]!,
        eventTimeMs: T0 + ((n * 7919) % 120) * 60_000,
        watchMs: n % 2 === 0 ? 9_000 : 0,
        itemDurationMs: 15_000 + i * 1_000,
      }),
    );
  }
  return events;
}

function mutationsOf(events: (EngagementEvent | ContentEvent)[]): EntityMutation[] {
  return events.flatMap((e) => ('watchMs' in e ? engagementMutations(e) : contentMutations(e)));
}

async function features(store: StateStore, prefix: string) {
  const itemIds = [0, 1, 2, 3, 4, 99].map((i) => `${prefix}-i${i}`);
  const results = [];
  for (let u = 0; u < 4; u++) {
    const [userSnapshot, ...items] = await store.read([user(`${prefix}-u${u}`), ...itemIds.map(item)]);
    const creatorIds = [`${prefix}-cr0`, `${prefix}-cr1`];
    const creators = await store.read(creatorIds.map(creator));
    results.push(
      computeFeatures(
        `${prefix}-u${u}`,
        itemIds,
        selectFeatures(undefined),
        { user: userSnapshot, items: new Map(itemIds.map((id, k) => [id, items[k]])), creators: new Map(creatorIds.map((id, k) => [id, creators[k]])) },
        T0 + 3 * HOUR,
      ),
    );
  }
  return JSON.parse(JSON.stringify(results, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v)));
}

interface StoreUnderTest {
  store: StateStore;
  cleanup(): Promise<void>;
}

const implementations: [string, () => Promise<StoreUnderTest>][] = [
  ['memory', async () => ({ store: new MemoryStateStore(), cleanup: async () => undefined })],
  [
    'redis',
    async () => {
      const store = RedisStateStore.connect(redisUrl());
      return { store, cleanup: () => store.close() };
    },
  ],
];

describe.each(implementations)('%s state store', (_name, create) => {
  let subject: StoreUnderTest;
  let prefix: string;
  beforeEach(async () => {
    subject = await create();
    prefix = randomUUID().slice(0, 8);
  });
  afterEach(() => subject.cleanup());

  it('computes the same features as a fresh in-memory replay', async () => {
    const events = world(prefix);
    await subject.store.apply(mutationsOf(events));
    const reference = new MemoryStateStore();
    reference.applySync(mutationsOf(events));
    expect(await features(subject.store, prefix)).toEqual(await features(reference, prefix));
  });

  it('applies a redelivered batch zero times more', async () => {
    const events = world(prefix);
    const first = await subject.store.apply(mutationsOf(events));
    const before = await features(subject.store, prefix);
    const again = await subject.store.apply(mutationsOf(events.slice(10, 40)));
    expect(first.duplicates).toBe(0);
    expect(again.applied).toBe(0);
    expect(again.duplicates).toBe(mutationsOf(events.slice(10, 40)).length);
    expect(await features(subject.store, prefix)).toEqual(before);
  });

  it('applies a redelivered late event zero times more, even one older than the dedupe window', async () => {
    const ref = creator(`${prefix}-late`);
    const add = (dedupeId: string, timeMs: number): EntityMutation => ({ entity: ref, dedupeId, timeMs, ops: [{ kind: 'add', field: 'x', amount: 1 }] });
    // The entity's newest event is from T0 + 10h when one from T0 (older than the 6 h window) arrives;
    // more recent events follow, then the late one is delivered again.
    const later = Array.from({ length: 130 }, (_, i) => add(`n${i}`, T0 + 10 * HOUR + i * 1000));
    await subject.store.apply([add('new', T0 + 10 * HOUR), add('late', T0), ...later]);
    const again = await subject.store.apply([add('late', T0), add('new', T0 + 10 * HOUR)]);
    expect(again).toEqual({ applied: 0, duplicates: 2 });
    const [snapshot] = await subject.store.read([ref]);
    expect(snapshot?.counters).toEqual({ x: 132 });
  });

  it('skips what it already applied from a log position, however far other logs moved the entity since', async () => {
    // A consumer restart: partition A's applied-but-uncommitted records come again after partition B's
    // backlog moved the item's event-time clock far past the dedupe window.
    const ref = item(`${prefix}-positions`);
    const add = (dedupeId: string, timeMs: number, log: string, offset: number): EntityMutation => ({
      entity: ref,
      dedupeId,
      timeMs,
      source: { log, offset },
      ops: [{ kind: 'add', field: 'x', amount: 1 }],
    });
    await subject.store.apply([add('a5', T0, 'A', 5), add('a6', T0 + 1, 'A', 6)]);
    await subject.store.apply(Array.from({ length: 130 }, (_, i) => add(`b${i}`, T0 + 10 * HOUR + i, 'B', i)));
    const again = await subject.store.apply([add('a5', T0, 'A', 5), add('a6', T0 + 1, 'A', 6), add('a7', T0 + 2, 'A', 7)]);
    expect(again).toEqual({ applied: 1, duplicates: 2 });
    // A copy of an event under a new position is still caught by its id.
    expect(await subject.store.apply([add('a7', T0 + 2, 'A', 8)])).toEqual({ applied: 0, duplicates: 1 });
    const [snapshot] = await subject.store.read([ref]);
    expect(snapshot?.counters).toEqual({ x: 133 });
  });

  it('keeps the newest register write by event time', async () => {
    const ref = item(`${prefix}-x`);
    await subject.store.apply([
      { entity: ref, dedupeId: 'a', timeMs: 20, ops: [{ kind: 'register', field: 'attr.language', value: 'pt', timeMs: 20 }] },
      { entity: ref, dedupeId: 'b', timeMs: 10, ops: [{ kind: 'register', field: 'attr.language', value: 'en', timeMs: 10 }] },
    ]);
    const [snapshot] = await subject.store.read([ref]);
    expect(snapshot?.registers['attr.language']).toEqual({ value: 'pt', timeMs: 20 });
  });

  it('bounds and expires timelines, newest first', async () => {
    const ref = user(`${prefix}-timeline`);
    const mutations: EntityMutation[] = Array.from({ length: 8 }, (_, i) => ({
      entity: ref,
      dedupeId: `t${i}`,
      timeMs: 1_000 + i * 100,
      ops: [{ kind: 'timeline', name: 'seen', member: `m${i}`, timeMs: 1_000 + i * 100, keep: 5, expireBeforeMs: 1_000 + i * 100 - 350 }],
    }));
    await subject.store.apply(mutations);
    const [snapshot] = await subject.store.read([ref]);
    expect(snapshot?.timelines['seen']?.map((e) => e.member)).toEqual(['m7', 'm6', 'm5', 'm4']);
  });

  it('adds and deletes counters', async () => {
    const ref = creator(`${prefix}-counter`);
    await subject.store.apply([
      { entity: ref, dedupeId: '1', timeMs: 1, ops: [{ kind: 'add', field: 'followers', amount: 2 }, { kind: 'add', field: 'x', amount: 0.25 }] },
      { entity: ref, dedupeId: '2', timeMs: 2, ops: [{ kind: 'add', field: 'followers', amount: -1 }, { kind: 'delete', fields: ['x'] }] },
    ]);
    const [snapshot] = await subject.store.read([ref]);
    expect(snapshot?.counters).toEqual({ followers: 1 });
  });

  it('reads nothing for an unknown entity', async () => {
    expect(await subject.store.read([user(`${prefix}-nobody`), item(`${prefix}-nothing`)])).toEqual([undefined, undefined]);
  });
});

describe('redis state store layout', () => {
  it('keeps every key of an entity in one cluster slot and expires idle entities', async () => {
    const store = RedisStateStore.connect(redisUrl(), { entityTtlMs: 60_000 });
    const raw = new Redis(redisUrl());
    try {
      const id = randomUUID();
      await store.apply(
        engagementMutations(
          EngagementEvent.fromPartial({ eventId: id, userId: id, itemId: `i-${id}`, creatorId: `c-${id}`, type: EngagementType.ENGAGEMENT_TYPE_LIKE, eventTimeMs: T0 }),
        ),
      );
      const keys = await raw.keys(`{u:${id}}*`);
      expect(keys.length).toBeGreaterThanOrEqual(3);
      expect(new Set(keys.map((k) => clusterKeySlot(k))).size).toBe(1);
      for (const key of keys) {
        const ttl = await raw.pttl(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(60_000);
      }
    } finally {
      raw.disconnect();
      await store.close();
    }
  });
});
