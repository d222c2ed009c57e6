import { ContentEvent, ContentEventType, decodeFloat64Column, EngagementEvent, EngagementType, FeatureType, GetFeaturesResponse } from '@cascade/contracts';
import { MemoryStateStore, registryVersion, selectFeatures } from '@cascade/features';
import { EventApplier } from './event-applier';
import { FeatureReader } from './feature-reader';

const T0 = Date.UTC(2026, 10, 2);

describe('FeatureReader with EventApplier', () => {
  it('serves item, creator, user and cross features in request order with defaults marked', async () => {
    const store = new MemoryStateStore();
    const applier = new EventApplier(store);
    await applier.applyContent([
      ContentEvent.fromPartial({
        eventId: 'c1',
        itemId: 'i1',
        creatorId: 'cr1',
        type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT,
        createdAtMs: T0,
        eventTimeMs: T0,
        durationMs: 10_000,
        categories: ['dance'],
      }),
    ]);
    await applier.applyEngagements([
      EngagementEvent.fromPartial({ eventId: 'e1', userId: 'u1', itemId: 'i1', creatorId: 'cr1', type: EngagementType.ENGAGEMENT_TYPE_LIKE, eventTimeMs: T0 + 1 }),
      EngagementEvent.fromPartial({ eventId: 'e2', userId: 'u1', itemId: 'i1', creatorId: 'cr1', type: EngagementType.ENGAGEMENT_TYPE_FOLLOW, eventTimeMs: T0 + 2 }),
    ]);
    const reader = new FeatureReader(store);
    const response = await reader.read({
      userId: 'u1',
      itemIds: ['unknown', 'i1'],
      definitions: selectFeatures(['item_like_1h', 'creator_followers', 'cross_category_affinity_7d', 'user_follows', 'item_categories']),
      nowMs: T0 + 2,
    });
    expect(response.itemIds).toEqual(['unknown', 'i1']);
    expect(response.registryVersion).toBe(registryVersion);
    expect(response.userDefaulted).toBe(false);
    const col = (name: string) => [...response.userFeatures, ...response.itemFeatures, ...response.crossFeatures].find((c) => c.name === name)!;
    expect(col('item_like_1h').numbers[1]).toBeCloseTo(1, 6);
    expect(col('item_like_1h').defaultedRows).toEqual([0]);
    expect(col('creator_followers').numbers).toEqual([0, 1]);
    expect(col('cross_category_affinity_7d').numbers[1]).toBeGreaterThan(0);
    expect(col('user_follows')).toMatchObject({ type: FeatureType.FEATURE_TYPE_ID_LIST, idLists: [{ ids: ['cr1'] }] });
    expect(col('item_categories').idLists).toEqual([{ ids: [] }, { ids: ['dance'] }]);
  });

  it('packs number columns into little-endian float64 bytes when asked, with the same values and defaults', async () => {
    const store = new MemoryStateStore();
    const applier = new EventApplier(store);
    await applier.applyEngagements([
      EngagementEvent.fromPartial({ eventId: 'e1', userId: 'u1', itemId: 'i1', creatorId: 'cr1', type: EngagementType.ENGAGEMENT_TYPE_LIKE, eventTimeMs: T0 }),
      EngagementEvent.fromPartial({ eventId: 'e2', userId: 'u1', itemId: 'i2', creatorId: 'cr1', type: EngagementType.ENGAGEMENT_TYPE_VIEW, watchMs: 4_000, itemDurationMs: 8_000, eventTimeMs: T0 }),
    ]);
    const reader = new FeatureReader(store);
    const query = { userId: 'u1', itemIds: ['i1', 'nope', 'i2'], definitions: selectFeatures(['item_like_1d', 'user_like_7d', 'cross_follows_creator', 'user_history_types']), nowMs: T0 + 60_000 };
    const plain = await reader.read(query);
    const packed = await reader.read({ ...query, numbersAsBytes: true });
    const columns = (r: GetFeaturesResponse) => [...r.userFeatures, ...r.itemFeatures, ...r.crossFeatures];
    for (const [i, column] of columns(packed).entries()) {
      const expected = columns(plain)[i]!;
      expect(column.defaultedRows).toEqual(expected.defaultedRows);
      if (column.type !== FeatureType.FEATURE_TYPE_NUMBER) {
        expect(column).toEqual(expected);
        continue;
      }
      expect(column.numbers).toEqual([]);
      expect(Array.from(decodeFloat64Column(column.numberBytes))).toEqual(expected.numbers);
    }
    expect(expected(plain, 'item_like_1d')[0]).toBeGreaterThan(0);
    function expected(response: GetFeaturesResponse, name: string) {
      return columns(response).find((c) => c.name === name)!.numbers;
    }
  });

  it('reads no item state when only user features are asked for', async () => {
    const store = new MemoryStateStore();
    const read = jest.spyOn(store, 'read');
    const response = await new FeatureReader(store).read({ userId: 'u', itemIds: ['a', 'b'], definitions: selectFeatures(['user_like_7d']), nowMs: T0 });
    expect(read).toHaveBeenCalledTimes(1);
    expect(read.mock.calls[0]![0]).toHaveLength(1);
    expect(response.itemIds).toEqual(['a', 'b']);
    expect(response.userDefaulted).toBe(true);
  });
});
