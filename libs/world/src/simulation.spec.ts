import { createHash } from 'node:crypto';
import { EngagementEvent, EngagementType as T, Surface } from '@cascade/contracts';
import { itemIndex, userIndex } from './ids';
import { EngagementStats } from './stats';
import { createWorld, type World } from './world';

const KNOWN_TYPES = new Set(Object.values(T).filter((v): v is T => typeof v === 'number' && v > 0));
const KNOWN_SURFACES = new Set([Surface.SURFACE_SPOTLIGHT, Surface.SURFACE_DISCOVER, Surface.SURFACE_STORIES]);

const digest = (w: World, options?: Parameters<World['engagementEvents']>[0]): { hash: string; count: number } => {
  const h = createHash('sha256');
  let count = 0;
  for (const batch of w.engagementEvents(options)) {
    for (const e of batch) h.update(EngagementEvent.encode(e).finish());
    count += batch.length;
  }
  return { hash: h.digest('hex'), count };
};

describe('engagementEvents: determinism and streaming', () => {
  const world = createWorld({ preset: 'tiny', seed: 3 });

  it('gives identical events for the same seed and different events for another seed', () => {
    const a = digest(world);
    expect(a.count).toBeGreaterThan(1000);
    expect(digest(world)).toEqual(a); // replaying the same world
    expect(digest(createWorld({ preset: 'tiny', seed: 3 }))).toEqual(a); // rebuilding it
    expect(digest(createWorld({ preset: 'tiny', seed: 4 })).hash).not.toBe(a.hash);
  });

  it('does not depend on the batch size, and maxEvents cuts a prefix', () => {
    const full = [...world.engagementEvents({ batchSize: 1000 })].flat();
    const small = [...world.engagementEvents({ batchSize: 7 })];
    expect(small.every((b) => b.length <= 7)).toBe(true);
    expect(small.flat()).toEqual(full);
    const capped = [...world.engagementEvents({ maxEvents: 500, batchSize: 64 })].flat();
    expect(capped).toEqual(full.slice(0, 500));
    expect([...world.engagementEvents({ maxEvents: 0 })]).toEqual([]);
  });
});

describe('engagementEvents: validity (tiny world)', () => {
  const world = createWorld({ preset: 'tiny', seed: 9, deleteFraction: 0.1 });
  const events = [...world.engagementEvents({ batchSize: 333 })].flat();

  it('emits events in event-time order with unique ids', () => {
    const outOfOrder = events.filter((e, k) => k > 0 && e.eventTimeMs < events[k - 1]!.eventTimeMs);
    expect(outOfOrder).toEqual([]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(events[0]!.eventTimeMs).toBeGreaterThanOrEqual(world.window.startMs);
  });

  it('emits only valid events', () => {
    // Collected rather than asserted one by one: thousands of expect() calls are slow.
    const problems: string[] = [];
    const check = (ok: boolean, what: string, e: EngagementEvent): void => {
      if (!ok && problems.length < 20) problems.push(`${what}: ${JSON.stringify(EngagementEvent.toJSON(e))}`);
    };
    for (const e of events) {
      const i = itemIndex(e.itemId);
      check(e.eventId !== '', 'event id', e);
      check(/^u\d+$/.test(e.userId), 'user id', e);
      check(i >= 0 && i < world.items.count, 'item id', e);
      check(e.creatorId === `c${world.items.creator[i]}`, 'creator id', e);
      check(e.sessionId !== '' && e.requestId.startsWith(e.sessionId), 'session and request ids', e);
      check(KNOWN_TYPES.has(e.type), 'type', e);
      check(KNOWN_SURFACES.has(e.surface), 'surface', e);
      check(Number.isSafeInteger(e.eventTimeMs) && e.eventTimeMs > 0, 'event time', e);
      check(Number.isSafeInteger(e.watchMs) && e.watchMs >= 0, 'watch ms', e);
      check(e.itemDurationMs > 0 && e.itemDurationMs === world.items.durationMs[i], 'duration', e);
      check(e.watchMs <= 3 * e.itemDurationMs, 'watch ≤ 3 × duration', e);
      check(/^[A-Z]{2}$/.test(e.country), 'country', e);
      const watched = e.type === T.ENGAGEMENT_TYPE_VIEW || e.type === T.ENGAGEMENT_TYPE_SKIP || e.type === T.ENGAGEMENT_TYPE_COMPLETE;
      check(watched ? e.watchMs > 0 : e.watchMs === 0, 'watch ms only on VIEW, SKIP, COMPLETE', e);
    }
    expect(problems).toEqual([]);
  });

  it('shows only items that are uploaded and not deleted', () => {
    const impressions = events.filter((x) => x.type === T.ENGAGEMENT_TYPE_IMPRESSION);
    const notLive = impressions.filter((e) => {
      const i = itemIndex(e.itemId);
      return e.eventTimeMs < world.items.createdAtMs[i]! || e.eventTimeMs >= world.items.deletedAtMs[i]!;
    });
    expect(impressions.length).toBeGreaterThan(500);
    expect(notLive).toEqual([]);
  });

  it('follows each impression with exactly one SKIP or VIEW, and labels them by watch time', () => {
    const byImpression = new Map<string, T[]>();
    const mislabelled = events.filter(
      (e) =>
        (e.type === T.ENGAGEMENT_TYPE_SKIP && !(e.watchMs < 2000 || e.watchMs < 0.25 * e.itemDurationMs)) ||
        (e.type === T.ENGAGEMENT_TYPE_VIEW && !(e.watchMs >= 2000 && e.watchMs >= 0.25 * e.itemDurationMs)),
    );
    expect(mislabelled).toEqual([]);
    for (const e of events) {
      const key = e.eventId.slice(0, -1);
      const types = byImpression.get(key);
      if (types) types.push(e.type);
      else byImpression.set(key, [e.type]);
    }
    const malformed = [...byImpression.entries()].filter(([, types]) => {
      const outcomes = types.filter((t) => t === T.ENGAGEMENT_TYPE_SKIP || t === T.ENGAGEMENT_TYPE_VIEW);
      return (
        types[0] !== T.ENGAGEMENT_TYPE_IMPRESSION ||
        outcomes.length !== 1 ||
        (types.includes(T.ENGAGEMENT_TYPE_COMPLETE) && !types.includes(T.ENGAGEMENT_TYPE_VIEW))
      );
    });
    expect(malformed).toEqual([]);
  });
});

describe('engagementEvents: realistic behaviour (small world, 3 days)', () => {
  const world = createWorld({ preset: 'small', seed: 42, days: 3 });
  const events = [...world.engagementEvents({ batchSize: 5000 })].flat();
  const stats = new EngagementStats();
  stats.add(events);
  const s = stats.summary();

  it('has plausible per-impression rates', () => {
    expect(s.impressions).toBeGreaterThan(20_000);
    expect(s.skipRate).toBeGreaterThan(0.2);
    expect(s.skipRate).toBeLessThan(0.6);
    expect(s.likeRate).toBeGreaterThan(0.01);
    expect(s.likeRate).toBeLessThan(0.1);
    expect(s.completeRate).toBeGreaterThan(0.15);
    expect(s.completeRate).toBeLessThan(0.5);
    expect(s.shareRate).toBeGreaterThan(0.001);
    expect(s.shareRate).toBeLessThan(s.likeRate);
    expect(s.commentRate).toBeGreaterThan(0.002);
    expect(s.commentRate).toBeLessThan(s.likeRate);
    expect(s.followRate).toBeGreaterThan(0.0005);
    expect(s.followRate).toBeLessThan(0.02);
    expect(stats.count(T.ENGAGEMENT_TYPE_HIDE)).toBeGreaterThan(0);
    expect(stats.count(T.ENGAGEMENT_TYPE_REPORT)).toBeLessThan(stats.count(T.ENGAGEMENT_TYPE_HIDE));
  });

  it('has many quick skips, a mode at full watch and occasional replays', () => {
    const watches = events.filter((e) => e.type === T.ENGAGEMENT_TYPE_VIEW || e.type === T.ENGAGEMENT_TYPE_SKIP);
    const ratio = (e: EngagementEvent): number => e.watchMs / e.itemDurationMs;
    const quick = watches.filter((e) => e.watchMs < 2000).length / watches.length;
    const full = watches.filter((e) => ratio(e) >= 0.95 && ratio(e) < 1.2).length / watches.length;
    const middle = watches.filter((e) => ratio(e) >= 0.5 && ratio(e) < 0.75).length / watches.length;
    const replays = watches.filter((e) => ratio(e) > 1.2).length / watches.length;
    expect(quick).toBeGreaterThan(0.15);
    expect(full).toBeGreaterThan(middle);
    expect(replays).toBeGreaterThan(0.005);
    expect(replays).toBeLessThan(0.2);
  });

  it('concentrates impressions on popular items (power law)', () => {
    // The 1% most-shown items get far more than 1% of impressions.
    expect(s.top1PercentItemShare).toBeGreaterThan(0.08);
    expect(s.items).toBeGreaterThan(world.items.count * 0.3);
  });

  it('makes users engage more with items that match their latent interests', () => {
    const meanAffinity = (type: T): number => {
      const of = events.filter((e) => e.type === type);
      return of.reduce((a, e) => a + world.truth.affinity(userIndex(e.userId), itemIndex(e.itemId)), 0) / of.length;
    };
    const liked = meanAffinity(T.ENGAGEMENT_TYPE_LIKE);
    const completed = meanAffinity(T.ENGAGEMENT_TYPE_COMPLETE);
    const skipped = meanAffinity(T.ENGAGEMENT_TYPE_SKIP);
    const hidden = meanAffinity(T.ENGAGEMENT_TYPE_HIDE);
    expect(liked).toBeGreaterThan(skipped + 0.2);
    expect(completed).toBeGreaterThan(skipped);
    expect(hidden).toBeLessThan(skipped);
  });

  it('shows recently uploaded items: new uploads get impressions over the window', () => {
    const impressions = events.filter((e) => e.type === T.ENGAGEMENT_TYPE_IMPRESSION);
    const ofNewUploads = impressions.filter((e) => world.items.createdAtMs[itemIndex(e.itemId)]! >= world.window.startMs);
    expect(ofNewUploads.length / impressions.length).toBeGreaterThan(0.1);
    const lastDay = ofNewUploads.filter((e) => world.items.createdAtMs[itemIndex(e.itemId)]! >= world.window.endMs - 86_400_000);
    expect(lastDay.length).toBeGreaterThan(0);
  });

  it('lets follows made in one session shape later sessions', () => {
    // After a FOLLOW, the user sees more of that creator than before it.
    const follows = events.filter((e) => e.type === T.ENGAGEMENT_TYPE_FOLLOW);
    expect(follows.length).toBeGreaterThan(20);
    const key = (e: EngagementEvent): string => `${e.userId}/${e.creatorId}`;
    const followedAt = new Map<string, number>();
    for (const f of follows) if (!followedAt.has(key(f))) followedAt.set(key(f), f.eventTimeMs);
    let after = 0;
    for (const e of events) {
      if (e.type !== T.ENGAGEMENT_TYPE_IMPRESSION) continue;
      const at = followedAt.get(key(e));
      if (at !== undefined && e.eventTimeMs > at) after++;
    }
    expect(after).toBeGreaterThan(follows.length);
    expect(events.some((e) => e.surface === Surface.SURFACE_STORIES)).toBe(true);
  });
});
