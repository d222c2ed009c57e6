import { ContentEvent, ContentEventType, EngagementEvent, EngagementType, FeatureColumn } from '@cascade/contracts';
import {
  categoryAffinityOps,
  computeFeatures,
  contentMutations,
  creator,
  engagementMutations,
  EntitySnapshots,
  featureRegistry,
  item,
  MemoryStateStore,
  registryVersion,
  selectFeatures,
  UnknownFeatureError,
  user,
} from '../src';

const T0 = Date.UTC(2026, 10, 1);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let seq = 0;

function engagement(type: EngagementType, over: Partial<EngagementEvent> = {}): EngagementEvent {
  return EngagementEvent.fromPartial({
    eventId: `e${++seq}`,
    userId: 'u1',
    itemId: 'i1',
    creatorId: 'c1',
    type,
    eventTimeMs: T0,
    itemDurationMs: 20_000,
    ...over,
  });
}

function upload(itemId: string, over: Partial<ContentEvent> = {}): ContentEvent {
  return ContentEvent.fromPartial({
    eventId: `content-${itemId}-${++seq}`,
    itemId,
    creatorId: 'c1',
    type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT,
    createdAtMs: T0 - 2 * HOUR,
    eventTimeMs: T0 - 2 * HOUR,
    durationMs: 20_000,
    categories: ['comedy', 'pets'],
    language: 'en',
    country: 'US',
    ...over,
  });
}

/** Applies events the way the feature service does: category affinity from the item's state. */
function applyAll(store: MemoryStateStore, events: (EngagementEvent | ContentEvent)[]) {
  let applied = 0;
  let duplicates = 0;
  for (const event of events) {
    if ('watchMs' in event) {
      const [itemSnapshot] = store.readSync([item(event.itemId)]);
      const categories = JSON.parse(itemSnapshot?.registers['attr.categories']?.value ?? '[]') as string[];
      const mutations = engagementMutations(event);
      mutations[0]!.ops.push(...categoryAffinityOps(event, categories));
      const r = store.applySync(mutations);
      applied += r.applied;
      duplicates += r.duplicates;
    } else {
      const r = store.applySync(contentMutations(event));
      applied += r.applied;
      duplicates += r.duplicates;
    }
  }
  return { applied, duplicates };
}

function snapshotsFor(store: MemoryStateStore, userId: string, itemIds: string[]): EntitySnapshots {
  const [userSnapshot, ...itemSnapshots] = store.readSync([user(userId), ...itemIds.map(item)]);
  const items = new Map(itemIds.map((id, i) => [id, itemSnapshots[i]]));
  const creatorIds = [...new Set(itemSnapshots.map((s) => s?.registers['attr.creator_id']?.value).filter((c): c is string => !!c))];
  const creatorSnapshots = store.readSync(creatorIds.map(creator));
  return { user: userSnapshot, items, creators: new Map(creatorIds.map((id, i) => [id, creatorSnapshots[i]])) };
}

function read(store: MemoryStateStore, itemIds: string[], nowMs: number, userId = 'u1') {
  const result = computeFeatures(userId, itemIds, selectFeatures(undefined), snapshotsFor(store, userId, itemIds), nowMs);
  const all = [...result.userFeatures, ...result.itemFeatures, ...result.crossFeatures];
  const column = (name: string): FeatureColumn => {
    const c = all.find((x) => x.name === name);
    if (!c) throw new Error(`no column ${name}`);
    return c;
  };
  return { result, column, num: (name: string, row = 0) => column(name).numbers[row]! };
}

describe('features computed by event time', () => {
  it('decays item counters with each half-life', () => {
    const store = new MemoryStateStore();
    applyAll(store, [upload('i1'), engagement(EngagementType.ENGAGEMENT_TYPE_LIKE)]);
    const { num } = read(store, ['i1'], T0 + DAY);
    expect(num('item_like_1d')).toBeCloseTo(0.5, 9);
    expect(num('item_like_7d')).toBeCloseTo(2 ** (-1 / 7), 9);
    expect(num('item_like_1h')).toBeCloseTo(2 ** -24, 12);
    expect(num('creator_like_1d')).toBeCloseTo(0.5, 9);
    expect(num('user_like_1d')).toBeCloseTo(0.5, 9);
  });

  it('computes smoothed rates, watch ratio, age and static attributes', () => {
    const store = new MemoryStateStore();
    const events = [upload('i1')];
    for (let i = 0; i < 10; i++) events.push(engagement(EngagementType.ENGAGEMENT_TYPE_IMPRESSION, { userId: `v${i}` }) as never);
    events.push(engagement(EngagementType.ENGAGEMENT_TYPE_LIKE, { userId: 'v1' }) as never);
    events.push(engagement(EngagementType.ENGAGEMENT_TYPE_VIEW, { userId: 'v1', watchMs: 10_000 }) as never);
    applyAll(store, events);
    const { num, column } = read(store, ['i1'], T0);
    expect(num('item_like_rate')).toBeCloseTo((1 + 20 * 0.03) / (10 + 20), 9);
    expect(num('item_mean_watch_ratio')).toBeCloseTo((0.5 + 10 * 0.5) / (1 + 10), 9);
    expect(num('item_age_hours')).toBeCloseTo(2, 9);
    expect(num('item_duration_seconds')).toBe(20);
    expect(column('item_creator_id').ids).toEqual(['c1']);
    expect(column('item_categories').idLists).toEqual([{ ids: ['comedy', 'pets'] }]);
    expect(column('item_language').ids).toEqual(['en']);
  });

  it('gives the same features whatever the order events arrive in', () => {
    const events = [
      upload('i1'),
      upload('i2', { creatorId: 'c2', categories: ['music'] }),
      engagement(EngagementType.ENGAGEMENT_TYPE_IMPRESSION, { eventTimeMs: T0 }),
      engagement(EngagementType.ENGAGEMENT_TYPE_VIEW, { eventTimeMs: T0 + 1_000, watchMs: 15_000 }),
      engagement(EngagementType.ENGAGEMENT_TYPE_LIKE, { eventTimeMs: T0 + 2_000 }),
      engagement(EngagementType.ENGAGEMENT_TYPE_FOLLOW, { eventTimeMs: T0 + 3_000 }),
      engagement(EngagementType.ENGAGEMENT_TYPE_SKIP, { itemId: 'i2', creatorId: 'c2', eventTimeMs: T0 + 4 * HOUR, watchMs: 1_000 }),
      engagement(EngagementType.ENGAGEMENT_TYPE_UNFOLLOW, { eventTimeMs: T0 + 5 * HOUR }),
    ];
    const inOrder = new MemoryStateStore();
    applyAll(inOrder, events);
    const shuffled = new MemoryStateStore();
    applyAll(shuffled, [events[0]!, events[1]!, events[7]!, events[4]!, events[2]!, events[6]!, events[3]!, events[5]!]);
    const now = T0 + DAY;
    const a = read(inOrder, ['i1', 'i2'], now).result;
    const b = read(shuffled, ['i1', 'i2'], now).result;
    const round = (r: typeof a) => JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)));
    expect(round(b)).toEqual(round(a));
    // the later UNFOLLOW wins even though it arrived first
    expect(read(shuffled, ['i1'], now).column('user_follows').idLists[0]!.ids).toEqual([]);
  });

  it('changes nothing when an event is delivered twice', () => {
    const store = new MemoryStateStore();
    const like = engagement(EngagementType.ENGAGEMENT_TYPE_LIKE);
    const first = applyAll(store, [upload('i1'), like]);
    const before = JSON.stringify(read(store, ['i1'], T0 + HOUR).result);
    const again = applyAll(store, [like]);
    expect(first.duplicates).toBe(0);
    expect(again).toEqual({ applied: 0, duplicates: 3 });
    expect(JSON.stringify(read(store, ['i1'], T0 + HOUR).result)).toBe(before);
  });

  it('keeps follows by event time and counts followers', () => {
    const store = new MemoryStateStore();
    applyAll(store, [
      upload('i1'),
      engagement(EngagementType.ENGAGEMENT_TYPE_FOLLOW, { userId: 'u1', eventTimeMs: T0 + 1 }),
      engagement(EngagementType.ENGAGEMENT_TYPE_FOLLOW, { userId: 'u2', eventTimeMs: T0 + 2 }),
    ]);
    const { num, column } = read(store, ['i1'], T0 + 10);
    expect(column('user_follows').idLists[0]!.ids).toEqual(['c1']);
    expect(num('cross_follows_creator')).toBe(1);
    expect(num('creator_followers')).toBe(2);
    expect(num('user_follow_count')).toBe(1);
  });

  it('tracks history, affinities and the seen set for cross features', () => {
    const store = new MemoryStateStore();
    applyAll(store, [
      upload('i1'),
      upload('i2', { creatorId: 'c2', categories: ['music'] }),
      engagement(EngagementType.ENGAGEMENT_TYPE_IMPRESSION, { eventTimeMs: T0 }),
      engagement(EngagementType.ENGAGEMENT_TYPE_LIKE, { eventTimeMs: T0 + 1_000 }),
      engagement(EngagementType.ENGAGEMENT_TYPE_HIDE, { itemId: 'i2', creatorId: 'c2', eventTimeMs: T0 + 2_000 }),
    ]);
    const now = T0 + 2 * HOUR;
    const { num, column } = read(store, ['i1', 'i2', 'i3'], now);
    expect(column('user_history_item_ids').idLists[0]!.ids).toEqual(['i2', 'i1']);
    expect(column('user_history_types').idLists[0]!.ids).toEqual(['hide', 'like']);
    expect(column('user_positive_item_ids').idLists[0]!.ids).toEqual(['i1']);
    expect(column('user_negative_item_ids').idLists[0]!.ids).toEqual(['i2']);
    expect(column('user_top_creators').idLists[0]!.ids).toEqual(['c1']);
    expect(column('user_top_categories').idLists[0]!.ids).toEqual(['comedy', 'pets']);
    expect(num('cross_creator_affinity_7d', 0)).toBeCloseTo(3 * 2 ** (-(now - T0 - 1_000) / (7 * DAY)), 9);
    expect(num('cross_creator_affinity_7d', 1)).toBeLessThan(0);
    expect(num('cross_category_affinity_7d', 0)).toBeCloseTo(3 * 2 ** (-(now - T0 - 1_000) / (7 * DAY)), 9);
    expect(num('cross_seen', 0)).toBe(1);
    expect(num('cross_seen', 2)).toBe(0);
    expect(num('cross_hours_since_seen', 0)).toBeCloseTo((now - T0 - 1_000) / HOUR, 9);
  });

  it('bounds and expires the seen set', () => {
    const store = new MemoryStateStore();
    const events = Array.from({ length: 600 }, (_, i) =>
      engagement(EngagementType.ENGAGEMENT_TYPE_IMPRESSION, { itemId: `s${i}`, eventTimeMs: T0 + i * 1_000 }),
    );
    applyAll(store, events);
    const seen = read(store, ['s0'], T0 + 600_000).column('user_seen_item_ids').idLists[0]!.ids;
    expect(seen).toHaveLength(500);
    expect(seen[0]).toBe('s599');
    expect(seen).not.toContain('s99');
    const later = read(store, ['s0'], T0 + 4 * DAY).column('user_seen_item_ids').idLists[0]!.ids;
    expect(later).toEqual([]);
  });

  it('marks defaults for unknown users and items', () => {
    const store = new MemoryStateStore();
    applyAll(store, [upload('i1')]);
    const { result, column } = read(store, ['i1', 'missing'], T0, 'nobody');
    expect(result.userDefaulted).toBe(true);
    expect(column('user_like_7d').defaultedRows).toEqual([0]);
    expect(column('item_like_rate').defaultedRows).toEqual([1]);
    expect(column('item_like_rate').numbers[1]).toBe(0.03);
    expect(column('item_creator_id').ids).toEqual(['c1', '']);
    expect(column('cross_follows_creator').defaultedRows).toEqual([1]);
  });

  it('marks a deleted item', () => {
    const store = new MemoryStateStore();
    applyAll(store, [upload('i1'), { ...upload('i1'), type: ContentEventType.CONTENT_EVENT_TYPE_DELETE, eventTimeMs: T0 }]);
    expect(read(store, ['i1'], T0).num('item_deleted')).toBe(1);
  });
});

describe('feature registry', () => {
  it('names every feature once with a description and a typed default', () => {
    expect(new Set(featureRegistry.map((f) => f.name)).size).toBe(featureRegistry.length);
    for (const f of featureRegistry) {
      expect(f.description.length).toBeGreaterThan(5);
      expect(f.type === 'number' ? typeof f.defaultValue === 'number' : f.type === 'id' ? typeof f.defaultValue === 'string' : Array.isArray(f.defaultValue)).toBe(true);
    }
    expect(registryVersion).toMatch(/^[0-9a-f]{12}$/);
  });

  it('selects named features in order and rejects unknown names', () => {
    expect(selectFeatures(['item_like_rate', 'user_like_1d']).map((f) => f.name)).toEqual(['item_like_rate', 'user_like_1d']);
    expect(() => selectFeatures(['nope'])).toThrow(UnknownFeatureError);
  });
});
