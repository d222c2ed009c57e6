import { ContentEvent, ContentEventType, EngagementEvent, EngagementType, Surface } from '@cascade/contracts';
import { ItemCatalog } from '../catalog/item-catalog';
import { EngagementTrends } from '../signals/engagement-trends';
import { noUserSignals, SourceQuery } from './candidate-source';
import { FollowingSource } from './following-source';
import { FreshSource } from './fresh-source';
import { PopularSource } from './popular-source';
import { TrendingSource } from './trending-source';

const HOUR = 3_600_000;
const NOW = 100 * HOUR;

function catalogOf(items: [itemId: string, creatorId: string, createdAtMs: number][]): ItemCatalog {
  const catalog = new ItemCatalog();
  for (const [itemId, creatorId, createdAtMs] of items) {
    catalog.apply(ContentEvent.fromPartial({ eventId: itemId, itemId, creatorId, createdAtMs, eventTimeMs: createdAtMs, type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT }));
  }
  return catalog;
}

const query = (overrides: Partial<SourceQuery> = {}): SourceQuery => ({
  userId: 'u1',
  surface: Surface.SURFACE_SPOTLIGHT,
  country: 'US',
  language: 'en',
  nowMs: NOW,
  user: noUserSignals,
  quota: 10,
  signal: new AbortController().signal,
  ...overrides,
});

describe('candidate sources', () => {
  const catalog = catalogOf([
    ['old', 'c1', NOW - 90 * HOUR],
    ['c1-new', 'c1', NOW - HOUR],
    ['c1-mid', 'c1', NOW - 5 * HOUR],
    ['c2-new', 'c2', NOW - 2 * HOUR],
    ['c3-new', 'c3', NOW - 3 * HOUR],
  ]);

  it('fresh returns recent uploads newest first within the age limit, scored by freshness', () => {
    const result = new FreshSource(catalog, 10 * HOUR).retrieve(query({ quota: 3 }));
    expect(result.candidates.map((c) => c.itemId)).toEqual(['c1-new', 'c2-new', 'c3-new']);
    expect(result.candidates[0]!.score).toBeCloseTo(0.9, 9);
  });

  it('following returns only followed creators’ recent uploads, newest first across creators', () => {
    const user = { ...noUserSignals, followedCreatorIds: ['c1', 'c3'] };
    const result = new FollowingSource(catalog, 48 * HOUR).retrieve(query({ user }));
    expect(result.candidates.map((c) => c.itemId)).toEqual(['c1-new', 'c3-new', 'c1-mid']);
    expect(new FollowingSource(catalog, 48 * HOUR).retrieve(query()).candidates).toEqual([]);
  });

  it('trending returns what the trends rank for the surface and country', () => {
    const trends = new EngagementTrends();
    trends.apply(EngagementEvent.fromPartial({ itemId: 'c2-new', type: EngagementType.ENGAGEMENT_TYPE_LIKE, surface: Surface.SURFACE_SPOTLIGHT, country: 'US', eventTimeMs: NOW }));
    expect(new TrendingSource(trends).retrieve(query()).candidates.map((c) => c.itemId)).toEqual(['c2-new']);
  });

  it('popular tops up with the newest catalogue items while engagement is sparse, and never exceeds its quota', () => {
    const trends = new EngagementTrends();
    trends.apply(EngagementEvent.fromPartial({ itemId: 'old', type: EngagementType.ENGAGEMENT_TYPE_SHARE, eventTimeMs: NOW }));
    const result = new PopularSource(trends, catalog).retrieve(query({ quota: 3 }));
    expect(result.candidates.map((c) => c.itemId)).toEqual(['old', 'c1-new', 'c2-new']);
    expect(new PopularSource(new EngagementTrends(), new ItemCatalog()).retrieve(query()).candidates).toEqual([]);
  });
});
