import { Candidate, Source } from '@cascade/contracts';
import { defaultBlendingPolicy, parseBlendingPolicy, SurfaceBlending } from '../policy/blending-policy';
import { blendList } from './blend-list';
import { planExploration } from './exploration';
import { freshnessMultiplier, boostValue } from './freshness';
import { selectByMmr } from './mmr';
import { randomFrom } from './seeded-random';
import { encodedSimilarity, itemSimilarity } from './similarity';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 25);

describe('similarity and MMR', () => {
  it('scores category overlap, and the same creator as a full repeat', () => {
    expect(itemSimilarity({ creatorId: 'a', categories: ['x', 'y'] }, { creatorId: 'b', categories: ['y', 'z'] })).toBeCloseTo(1 / 3, 12);
    expect(itemSimilarity({ creatorId: 'a', categories: [] }, { creatorId: 'a', categories: ['q'] })).toBe(1);
    expect(itemSimilarity({ creatorId: 'a', categories: [] }, { creatorId: 'b', categories: ['q'] })).toBe(0);
    // The integer form MMR runs on agrees with it.
    const ids = new Map<string, number>();
    const id = (key: string) => ids.get(key) ?? (ids.set(key, ids.size), ids.size - 1);
    const items = Array.from({ length: 30 }, (_, i) => ({ creatorId: i % 7 === 0 ? '' : `c${i % 5}`, categories: ['x', 'y', 'z', 'w'].filter((_, k) => (i >> k) & 1) }));
    for (const [i, a] of items.entries()) {
      for (const [j, b] of items.entries()) {
        const creator = (x: { creatorId: string }, n: number) => (x.creatorId ? id(x.creatorId) : -1 - n);
        const encoded = encodedSimilarity(creator(a, i), creator(b, j), Int32Array.from(a.categories, (c) => id(`k:${c}`)), Int32Array.from(b.categories, (c) => id(`k:${c}`)));
        expect(encoded).toBe(i === j && !a.creatorId ? encoded : itemSimilarity(a, b));
      }
    }
  });

  const candidates = [
    { creatorId: 'c1', categories: ['dance'], value: 1.0 },
    { creatorId: 'c2', categories: ['dance'], value: 0.95 },
    { creatorId: 'c3', categories: ['food'], value: 0.6 },
    { creatorId: 'c1', categories: ['travel'], value: 0.9 },
  ];

  it('keeps value order without diversity, and enforces the creator cap', () => {
    expect(selectByMmr(candidates, { limit: 4, diversity: 0, creatorCap: 10 }).order).toEqual([0, 1, 3, 2]);
    expect(selectByMmr(candidates, { limit: 4, diversity: 0, creatorCap: 1 })).toEqual({ order: [0, 1, 2], cappedOut: 1 });
  });

  it('lifts a different category above a near-duplicate as diversity grows', () => {
    expect(selectByMmr(candidates, { limit: 2, diversity: 0.5, creatorCap: 10 }).order).toEqual([0, 2]);
  });
});

describe('freshness and exploration', () => {
  it('boosts new uploads, halving per half-life, and never makes a negative value better', () => {
    expect(freshnessMultiplier(NOW, NOW, 0.2, 12 * HOUR)).toBeCloseTo(1.2, 12);
    expect(freshnessMultiplier(NOW - 24 * HOUR, NOW, 0.2, 12 * HOUR)).toBeCloseTo(1.05, 12);
    expect(boostValue(-1, 1.2)).toBeCloseTo(-1 / 1.2, 12);
  });

  it('explores each slot with probability ε and logs ε / pool size as propensity', () => {
    const always = planExploration(4, { slots: [2, 5], epsilon: 1 }, randomFrom('r'));
    expect(always.map((p) => p.position)).toEqual([2, 5]);
    expect(always.map((p) => p.propensity)).toEqual([1 / 4, 1 / 3]);
    expect(new Set(always.map((p) => p.pick)).size).toBe(2);
    expect(planExploration(4, { slots: [2, 5], epsilon: 0 }, randomFrom('r'))).toEqual([]);
    let explored = 0;
    for (let i = 0; i < 2000; i++) explored += planExploration(10, { slots: [0], epsilon: 0.1 }, randomFrom(`req-${i}`)).length;
    expect(explored / 2000).toBeGreaterThan(0.07);
    expect(explored / 2000).toBeLessThan(0.13);
  });

  it('draws the same exploration for the same request id', () => {
    const plan = (seed: string) => planExploration(50, { slots: [1, 3, 5], epsilon: 0.5 }, randomFrom(seed));
    expect(plan('req-1')).toEqual(plan('req-1'));
  });
});

describe('blendList', () => {
  const item = (itemId: string, value: number, extra: Partial<Candidate> = {}) =>
    Candidate.fromPartial({ itemId, creatorId: `cr-${itemId}`, categories: [itemId], createdAtMs: NOW - 100 * HOUR, sources: [{ source: Source.SOURCE_TWO_TOWER }], taskScores: { v: value }, ...extra });
  const policy = (overrides: Partial<SurfaceBlending>): SurfaceBlending => ({
    ...defaultBlendingPolicy.spotlight,
    diversity: 0,
    freshnessBoost: 0,
    exploration: { slots: [], epsilon: 0, maxAgeMs: 24 * HOUR },
    ...overrides,
  });
  const blend = (candidates: Candidate[], p: SurfaceBlending, limit = 10) =>
    blendList({ candidates, valueOf: (c) => c.taskScores['v'] ?? 0, policy: p, limit, nowMs: NOW, random: randomFrom('fixed') });

  it('drops blocked items and creators and duplicates, counting each', () => {
    const outcome = blend([item('a', 3), item('a', 3), item('b', 2), item('c', 1, { creatorId: 'spam' })], policy({ blockedItemIds: ['b'], blockedCreatorIds: ['spam'] }));
    expect(outcome.items.map((i) => i.candidate.itemId)).toEqual(['a']);
    expect(outcome.removedByFilter).toEqual({ blocked: 2, duplicate: 1 });
  });

  it('places pins at their positions, even when retrieval did not find them', () => {
    const outcome = blend([item('a', 3), item('b', 2), item('pinned', 0)], policy({ pins: [{ itemId: 'pinned', position: 0, creatorId: '' }, { itemId: 'promo', position: 2, creatorId: 'brand' }] }));
    expect(outcome.items.map((i) => [i.candidate.itemId, i.pinned])).toEqual([
      ['pinned', true],
      ['a', false],
      ['promo', true],
      ['b', false],
    ]);
    expect(outcome.items[2]!.candidate.creatorId).toBe('brand');
  });

  it('gives exploration slots to fresh items outside the list, with their propensity', () => {
    const fresh = item('fresh', -5, { createdAtMs: NOW - HOUR });
    const outcome = blend([item('a', 3), item('b', 2), item('c', 1), fresh], policy({ exploration: { slots: [1], epsilon: 1, maxAgeMs: 24 * HOUR } }), 3);
    expect(outcome.items.map((i) => i.candidate.itemId)).toEqual(['a', 'fresh', 'b']);
    expect(outcome.items[1]).toMatchObject({ explored: true, propensity: 1 });
  });

  it('lets a freshness boost lift a new upload over a slightly better old one', () => {
    const outcome = blend([item('old', 1.0), item('new', 0.9, { createdAtMs: NOW })], policy({ freshnessBoost: 0.2 }));
    expect(outcome.items.map((i) => i.candidate.itemId)).toEqual(['new', 'old']);
  });
});

describe('blending policy configuration', () => {
  it('replaces configured surfaces and rejects bad values naming the path', () => {
    const policy = parseBlendingPolicy(JSON.stringify({ discover: { ...defaultBlendingPolicy.discover, diversity: 0.9 } }));
    expect(policy.discover.diversity).toBe(0.9);
    expect(policy.spotlight).toEqual(defaultBlendingPolicy.spotlight);
    expect(() => parseBlendingPolicy(JSON.stringify({ stories: { ...defaultBlendingPolicy.stories, diversity: 2 } }))).toThrow(/stories\.diversity/);
  });
});
