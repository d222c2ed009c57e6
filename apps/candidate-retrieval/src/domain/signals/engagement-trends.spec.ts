import { EngagementEvent, EngagementType, Surface } from '@cascade/contracts';
import { DecayedLeaderboard } from './decayed-leaderboard';
import { EngagementTrends } from './engagement-trends';

const HOUR = 3_600_000;

describe('DecayedLeaderboard', () => {
  it('ranks by decayed score: recent activity beats older, larger activity', () => {
    const board = new DecayedLeaderboard({ halfLifeMs: HOUR, maxEntriesPerKey: 10, refreshMs: 0 });
    for (let i = 0; i < 3; i++) board.add('k', 'old', 1, 0);
    board.add('k', 'new', 1, 2 * HOUR);
    // old: 3 · 2^-2 = 0.75 at t = 2h, new: 1.
    expect(board.top('k', 10, 0).map((e) => e.id)).toEqual(['new', 'old']);
    expect(board.score('k', 'old')).toBeCloseTo(0.75, 9);
  });

  it('adds late events exactly where they belong', () => {
    const inOrder = new DecayedLeaderboard({ halfLifeMs: HOUR, maxEntriesPerKey: 10, refreshMs: 0 });
    const shuffled = new DecayedLeaderboard({ halfLifeMs: HOUR, maxEntriesPerKey: 10, refreshMs: 0 });
    const events = [0, 10, 20, 30, 40].map((minute) => minute * 60_000);
    for (const t of events) inOrder.add('k', 'x', 1, t);
    for (const t of [40, 0, 30, 10, 20].map((m) => m * 60_000)) shuffled.add('k', 'x', 1, t);
    expect(shuffled.score('k', 'x')).toBeCloseTo(inOrder.score('k', 'x'), 12);
  });

  it('survives a landmark rebase over a long stream without overflow and keeps the order', () => {
    const board = new DecayedLeaderboard({ halfLifeMs: 1000, maxEntriesPerKey: 10, refreshMs: 0 });
    board.add('k', 'a', 1, 0);
    board.add('k', 'b', 2, 100_000);
    board.add('k', 'a', 1, 100_001);
    const top = board.top('k', 10, 0);
    expect(top.map((e) => e.id)).toEqual(['b', 'a']);
    expect(Number.isFinite(top[0]!.score)).toBe(true);
    expect(top[0]!.score).toBeCloseTo(2 * 2 ** -0.001, 6);
  });

  it('drops negative totals and bounds entries per key', () => {
    const board = new DecayedLeaderboard({ halfLifeMs: HOUR, maxEntriesPerKey: 2, refreshMs: 0 });
    board.add('k', 'hidden', -3, 0);
    for (let i = 0; i < 5; i++) board.add('k', `i${i}`, i + 1, 0);
    expect(board.top('k', 10, 0).map((e) => e.id)).toEqual(['i4', 'i3']);
  });

  it('keeps a key that is never read bounded, holding on to its best ids', () => {
    const board = new DecayedLeaderboard({ halfLifeMs: HOUR, maxEntriesPerKey: 10, refreshMs: 0 });
    for (let i = 0; i < 10_000; i++) board.add('unread', `id${i}`, i % 100 === 0 ? 50 : 1, i);
    expect(board.entryCount('unread')).toBeLessThanOrEqual(40);
    // The heavy ids (every 100th) outscore the rest: the latest ten of them are the top.
    expect(board.top('unread', 10, 10_000).map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, k) => `id${9_900 - 100 * k}`));
  });

  it('serves a cached top list until the refresh interval passes', () => {
    const board = new DecayedLeaderboard({ halfLifeMs: HOUR, maxEntriesPerKey: 10, refreshMs: 1000 });
    board.add('k', 'a', 1, 0);
    expect(board.top('k', 10, 5000).map((e) => e.id)).toEqual(['a']);
    board.add('k', 'b', 5, 0);
    expect(board.top('k', 10, 5500).map((e) => e.id)).toEqual(['a']);
    expect(board.top('k', 10, 6000).map((e) => e.id)).toEqual(['b', 'a']);
  });
});

describe('DecayedLeaderboard slots', () => {
  it('gives the entries served their slot, resolving each once per top list and only as far as read', () => {
    const asked: string[] = [];
    const slots = new Map([['a', 7], ['b', 3]]);
    const board = new DecayedLeaderboard({ halfLifeMs: HOUR, maxEntriesPerKey: 10, refreshMs: 1000, slotOf: (id) => (asked.push(id), slots.get(id)) });
    for (const [id, weight] of [['a', 3], ['b', 2], ['unknown', 1]] as const) board.add('k', id, weight, 0);

    // An id without a slot gets -1; a second read of the same list resolves nothing again.
    expect(board.top('k', 3, 5000)).toEqual([
      { id: 'a', score: 3, slot: 7 },
      { id: 'b', score: 2, slot: 3 },
      { id: 'unknown', score: 1, slot: -1 },
    ]);
    expect(board.top('k', 3, 5100).map((e) => e.slot)).toEqual([7, 3, -1]);
    expect(asked).toEqual(['a', 'b', 'unknown']);

    // A recomputed list resolves again, only as far as it is read: the item that reached the
    // catalogue since has its slot now.
    slots.set('unknown', 11);
    board.add('k', 'b', 5, 0);
    expect(board.top('k', 1, 6500)).toEqual([{ id: 'b', score: 7, slot: 3 }]);
    expect(asked).toEqual(['a', 'b', 'unknown', 'b']);
    expect(board.top('k', 3, 6600).map((e) => [e.id, e.slot])).toEqual([
      ['b', 3],
      ['a', 7],
      ['unknown', 11],
    ]);
    expect(asked).toEqual(['a', 'b', 'unknown', 'b', 'a', 'unknown']);
  });

  it('ranks as much of a key as reads ask for, and a longer read at once', () => {
    const board = new DecayedLeaderboard({ halfLifeMs: HOUR, maxEntriesPerKey: 100, refreshMs: 60_000 });
    for (let i = 0; i < 50; i++) board.add('k', `id${i}`, i + 1, 0);
    expect(board.top('k', 2, 0).map((e) => e.id)).toEqual(['id49', 'id48']);
    // Within the refresh interval, but longer than ever asked: ranked again, not cut short.
    expect(board.top('k', 5, 1).map((e) => e.id)).toEqual(['id49', 'id48', 'id47', 'id46', 'id45']);
    expect(board.top('k', 1000, 2)).toHaveLength(50);
  });

  it('leaves entries without a slot when nothing resolves them', () => {
    const board = new DecayedLeaderboard({ halfLifeMs: HOUR, maxEntriesPerKey: 10, refreshMs: 0 });
    board.add('k', 'a', 1, 0);
    expect(board.top('k', 10, 0)).toEqual([{ id: 'a', score: 1 }]);
  });
});

describe('EngagementTrends', () => {
  const event = (itemId: string, type: EngagementType, surface: Surface, country: string, eventTimeMs = 0) =>
    EngagementEvent.fromPartial({ eventId: `${itemId}-${type}-${country}-${eventTimeMs}`, itemId, userId: 'u', type, surface, country, eventTimeMs });

  it('ranks trending per surface and country, widening to broader keys to fill the list', () => {
    const trends = new EngagementTrends({ trendingHalfLifeMs: HOUR, popularHalfLifeMs: 24 * HOUR, maxItemsPerKey: 100, refreshMs: 0 });
    trends.apply(event('br-hit', EngagementType.ENGAGEMENT_TYPE_SHARE, Surface.SURFACE_SPOTLIGHT, 'BR'));
    trends.apply(event('us-hit', EngagementType.ENGAGEMENT_TYPE_LIKE, Surface.SURFACE_SPOTLIGHT, 'US'));
    trends.apply(event('us-hit', EngagementType.ENGAGEMENT_TYPE_LIKE, Surface.SURFACE_SPOTLIGHT, 'US'));
    trends.apply(event('discover-only', EngagementType.ENGAGEMENT_TYPE_LIKE, Surface.SURFACE_DISCOVER, 'BR'));
    trends.apply(event('impressed', EngagementType.ENGAGEMENT_TYPE_IMPRESSION, Surface.SURFACE_SPOTLIGHT, 'BR'));

    expect(trends.trendingFor(Surface.SURFACE_SPOTLIGHT, 'BR', 1, 0).map((e) => e.id)).toEqual(['br-hit']);
    expect(trends.trendingFor(Surface.SURFACE_SPOTLIGHT, 'BR', 3, 0).map((e) => e.id)).toEqual(['br-hit', 'us-hit', 'discover-only']);
    // Nothing on Discover in the US yet: the surface's trend comes before the country's.
    expect(trends.trendingFor(Surface.SURFACE_DISCOVER, 'US', 2, 0).map((e) => e.id)).toEqual(['discover-only', 'us-hit']);
    expect(trends.popularItems(10, 0).map((e) => e.id)).toEqual(['us-hit', 'br-hit', 'discover-only']);
  });

  it('lets hides and reports pull an item down', () => {
    const trends = new EngagementTrends({ trendingHalfLifeMs: HOUR, popularHalfLifeMs: 24 * HOUR, maxItemsPerKey: 100, refreshMs: 0 });
    trends.apply(event('a', EngagementType.ENGAGEMENT_TYPE_LIKE, Surface.SURFACE_SPOTLIGHT, 'US'));
    trends.apply(event('b', EngagementType.ENGAGEMENT_TYPE_LIKE, Surface.SURFACE_SPOTLIGHT, 'US'));
    trends.apply(event('b', EngagementType.ENGAGEMENT_TYPE_REPORT, Surface.SURFACE_SPOTLIGHT, 'US'));
    expect(trends.popularItems(10, 0).map((e) => e.id)).toEqual(['a']);
  });

  it('carries the catalogue slots of trending and popular items, also through the broader keys', () => {
    const slots = new Map([['br-hit', 4], ['us-hit', 9]]);
    const trends = new EngagementTrends({ trendingHalfLifeMs: HOUR, popularHalfLifeMs: 24 * HOUR, maxItemsPerKey: 100, refreshMs: 0 }, (id) => slots.get(id));
    trends.apply(event('br-hit', EngagementType.ENGAGEMENT_TYPE_SHARE, Surface.SURFACE_SPOTLIGHT, 'BR'));
    trends.apply(event('us-hit', EngagementType.ENGAGEMENT_TYPE_LIKE, Surface.SURFACE_SPOTLIGHT, 'US'));
    trends.apply(event('not-in-catalogue', EngagementType.ENGAGEMENT_TYPE_LIKE, Surface.SURFACE_DISCOVER, 'BR'));
    expect(trends.trendingFor(Surface.SURFACE_SPOTLIGHT, 'BR', 3, 0).map(({ id, slot }) => [id, slot])).toEqual([
      ['br-hit', 4],
      ['us-hit', 9],
      ['not-in-catalogue', -1],
    ]);
    expect(trends.popularItems(10, 0).map(({ id, slot }) => [id, slot])).toEqual([
      ['br-hit', 4],
      ['us-hit', 9],
      ['not-in-catalogue', -1],
    ]);
  });
});
