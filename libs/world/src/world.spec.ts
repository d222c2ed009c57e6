import { createHash } from 'node:crypto';
import { ContentEventType, type ContentEvent } from '@cascade/contracts';
import { MAX_ITEM_CATEGORIES, NO_CATEGORY } from './catalog';
import { creatorIndex, itemIndex, userIndex } from './ids';
import { PRESETS, resolveParams } from './params';
import { createWorld, type World } from './world';

const hashTables = (w: World): string => {
  const h = createHash('sha256');
  for (const t of [w.items, w.users, w.creators]) {
    for (const v of Object.values(t)) if (ArrayBuffer.isView(v)) h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  }
  h.update(JSON.stringify(w.categories.names));
  return h.digest('hex');
};

const allContent = (w: World): ContentEvent[] => [...w.contentEvents({ batchSize: 97 })].flat();

describe('resolveParams', () => {
  it('layers defaults, preset and explicit options', () => {
    const p = resolveParams({ preset: 'small', seed: 7, users: 123 });
    expect(p).toMatchObject({ seed: 7, users: 123, items: PRESETS.small.items, creators: Math.ceil(PRESETS.small.items! / 50), idPrefix: 'w7' });
    expect(resolveParams({ preset: 'large' })).toMatchObject({ users: 100_000, items: 1_000_000 });
  });

  it('names the bad parameter', () => {
    expect(() => resolveParams({ users: 0 })).toThrow(/users/);
    expect(() => resolveParams({ days: Number.NaN })).toThrow(/days/);
    expect(() => resolveParams({ idPrefix: 'has space' })).toThrow(/idPrefix/);
    expect(() => resolveParams({ preset: 'huge' as never })).toThrow(/preset/);
  });
});

describe('createWorld (tiny)', () => {
  const world = createWorld({ preset: 'tiny', seed: 11 });
  const { items, users, creators } = world;

  it('is deterministic by seed', () => {
    expect(hashTables(createWorld({ preset: 'tiny', seed: 11 }))).toBe(hashTables(world));
    expect(hashTables(createWorld({ preset: 'tiny', seed: 12 }))).not.toBe(hashTables(world));
  });

  it('issues item ids in upload order, spread over the backfill and the window', () => {
    const { catalogStartMs, startMs, endMs } = world.window;
    let inWindow = 0;
    for (let i = 0; i < items.count; i++) {
      const t = items.createdAtMs[i]!;
      expect(t).toBeGreaterThanOrEqual(catalogStartMs);
      expect(t).toBeLessThan(endMs);
      if (i > 0) expect(t).toBeGreaterThanOrEqual(items.createdAtMs[i - 1]!);
      if (t >= startMs) inWindow++;
    }
    expect(inWindow / items.count).toBeGreaterThan(0.15);
    expect(inWindow / items.count).toBeLessThan(0.5);
    // New uploads keep arriving through the window, not all at its start.
    const lastDay = Array.from(items.createdAtMs).filter((t) => t >= endMs - 86_400_000).length;
    expect(lastDay).toBeGreaterThan(0);
  });

  it('gives items 1–3 distinct categories, mostly their creator’s, and plausible durations', () => {
    let creatorsOwn = 0;
    for (let i = 0; i < items.count; i++) {
      const n = items.categoryCount[i]!;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(MAX_ITEM_CATEGORIES);
      const cats = Array.from(items.categories.subarray(i * MAX_ITEM_CATEGORIES, i * MAX_ITEM_CATEGORIES + n));
      expect(new Set(cats).size).toBe(n);
      expect(cats).not.toContain(NO_CATEGORY);
      const c = items.creator[i]!;
      if (cats[0] === creators.primaryCategory[c] || cats[0] === creators.secondaryCategory[c]) creatorsOwn++;
      expect(items.durationMs[i]).toBeGreaterThanOrEqual(3_000);
      expect(items.durationMs[i]).toBeLessThanOrEqual(180_000);
    }
    expect(creatorsOwn / items.count).toBeGreaterThan(0.8);
    const durations = Array.from(items.durationMs).sort((a, b) => a - b);
    const median = durations[Math.floor(durations.length / 2)]!;
    expect(median).toBeGreaterThan(12_000);
    expect(median).toBeLessThan(60_000);
  });

  it('indexes each creator’s items oldest first', () => {
    let total = 0;
    for (let c = 0; c < creators.count; c++) {
      const from = creators.itemOffsets[c]!;
      const to = creators.itemOffsets[c + 1]!;
      total += to - from;
      for (let k = from; k < to; k++) {
        const i = creators.itemIndex[k]!;
        expect(items.creator[i]).toBe(c);
        if (k > from) expect(i).toBeGreaterThan(creators.itemIndex[k - 1]!);
        expect(items.createdAtMs[i]).toBeGreaterThanOrEqual(creators.joinedAtMs[c]!);
      }
    }
    expect(total).toBe(items.count);
  });

  it('gives users a normalized interest mixture and unit latent vectors', () => {
    const D = world.params.latentDim;
    for (let u = 0; u < users.count; u++) {
      const truth = world.userTruth(u);
      expect(truth.interests.length).toBeGreaterThanOrEqual(1);
      expect(truth.interests.reduce((a, b) => a + b.weight, 0)).toBeCloseTo(1, 5);
      let norm = 0;
      for (let k = 0; k < D; k++) norm += users.latent[u * D + k]! ** 2;
      expect(norm).toBeCloseTo(1, 4);
      expect(world.truth.interest(u, 0)).toBeGreaterThanOrEqual(-1.0001);
      expect(world.truth.affinity(u, 0)).toBeGreaterThan(0);
      expect(world.truth.affinity(u, 0)).toBeLessThan(1);
    }
  });

  it('describes entities with ids the events use', () => {
    const item = world.itemAttributes(5);
    expect(item).toMatchObject({ itemId: 'i5', index: 5, creatorId: `c${items.creator[5]}` });
    expect(item.categories.length).toBe(items.categoryCount[5]);
    expect(item.hashtags.length).toBeGreaterThanOrEqual(1);
    expect(item.embedding).toHaveLength(world.params.embeddingDim);
    expect(itemIndex(item.itemId)).toBe(5);
    const user = world.userAttributes(3);
    expect(user.userId).toBe('u3');
    expect(userIndex(user.userId)).toBe(3);
    expect(user.locale).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
    expect(creatorIndex(world.creatorAttributes(2).creatorId)).toBe(2);
    expect(userIndex('x3')).toBe(-1);
    expect(itemIndex('i03')).toBe(-1);
    expect(() => world.itemAttributes(items.count)).toThrow(RangeError);
  });

  it('embeds items as a noisy projection of their latent vector: similar items have similar embeddings', () => {
    const dot = (a: number[], b: number[]): number => a.reduce((s, x, k) => s + x * b[k]!, 0);
    const pairs: { latent: number; embedding: number }[] = [];
    for (let i = 0; i < 60; i++) {
      for (let j = i + 1; j < 60; j++) {
        pairs.push({
          latent: dot(world.itemTruth(i).latent, world.itemTruth(j).latent),
          embedding: dot(world.itemEmbedding(i), world.itemEmbedding(j)),
        });
      }
    }
    const e = world.itemEmbedding(0);
    expect(dot(e, e)).toBeCloseTo(1, 4);
    expect(world.itemEmbedding(0)).toEqual(e);
    // Pearson correlation between latent and embedding similarity.
    const n = pairs.length;
    const mx = pairs.reduce((s, p) => s + p.latent, 0) / n;
    const my = pairs.reduce((s, p) => s + p.embedding, 0) / n;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (const p of pairs) {
      sxy += (p.latent - mx) * (p.embedding - my);
      sxx += (p.latent - mx) ** 2;
      syy += (p.embedding - my) ** 2;
    }
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.6);
    expect(createWorld({ preset: 'tiny', embeddingDim: 0 }).itemEmbedding(0)).toEqual([]);
  });
});

describe('contentEvents', () => {
  const world = createWorld({ preset: 'tiny', seed: 5, deleteFraction: 0.1 });
  const events = allContent(world);

  it('upserts every item at its upload and deletes some later, in event-time order', () => {
    const upserts = events.filter((e) => e.type === ContentEventType.CONTENT_EVENT_TYPE_UPSERT);
    const deletes = events.filter((e) => e.type === ContentEventType.CONTENT_EVENT_TYPE_DELETE);
    expect(upserts).toHaveLength(world.items.count);
    expect(deletes.length).toBeGreaterThan(0);
    expect(deletes.length).toBeLessThan(world.items.count * 0.2);
    expect(events.filter((e, k) => k > 0 && e.eventTimeMs < events[k - 1]!.eventTimeMs)).toEqual([]);
    const uploadedAt = new Map(upserts.map((e) => [e.itemId, e.eventTimeMs]));
    expect(deletes.filter((d) => !(d.eventTimeMs > uploadedAt.get(d.itemId)!))).toEqual([]);
    // Some deletes happen inside the engagement window.
    expect(deletes.some((d) => d.eventTimeMs >= world.window.startMs)).toBe(true);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
  });

  it('carries every attribute an UPSERT needs', () => {
    const invalid = events.filter(
      (e) =>
        e.type === ContentEventType.CONTENT_EVENT_TYPE_UPSERT &&
        !(
          e.eventId !== '' &&
          /^c\d+$/.test(e.creatorId) &&
          e.durationMs > 0 &&
          e.createdAtMs === e.eventTimeMs &&
          e.categories.length >= 1 &&
          e.hashtags.length >= 1 &&
          e.hashtags.every((h) => /^[a-z0-9]+$/.test(h)) &&
          /^[a-z]{2}$/.test(e.language) &&
          /^[A-Z]{2}$/.test(e.country) &&
          e.embedding.length === world.params.embeddingDim &&
          e.embedding.every(Number.isFinite)
        ),
    );
    expect(invalid).toEqual([]);
  });

  it('can start at a time and stop after a number of events', () => {
    const fromWindow = [...world.contentEvents({ fromMs: world.window.startMs })].flat();
    expect(fromWindow.length).toBeGreaterThan(0);
    expect(fromWindow.every((e) => e.eventTimeMs >= world.window.startMs)).toBe(true);
    expect([...world.contentEvents({ maxEvents: 10, batchSize: 3 })].flat().map((e) => e.eventId)).toEqual(
      events.slice(0, 10).map((e) => e.eventId),
    );
  });
});
