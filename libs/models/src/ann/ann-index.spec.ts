import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnnIndex, effectiveEf } from './ann-index';
import { readAnnManifest, writeAnnFiles } from './ann-index-files';
import { buildAnnIndex } from './build-ann-index';
import { exactTopK } from './exact-top-k';
import { measureRecall } from './recall';
import { clusteredUnitVectors, randomUnitVectors } from './synthetic-vectors';

const ids = (count: number, prefix = 'item') => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
const row = (vectors: Float32Array, dim: number, i: number) => vectors.slice(i * dim, (i + 1) * dim);

describe('AnnIndex', () => {
  const dim = 16;
  const itemIds = ids(600);
  const vectors = randomUnitVectors(itemIds.length, dim, 11);
  const queries = randomUnitVectors(20, dim, 12);
  let index: AnnIndex;
  beforeEach(async () => {
    index = await buildAnnIndex({ ids: itemIds, vectors, dim }, { modelVersion: 'v1' });
  });

  it('finds the exact top-k with exact scores on small data', () => {
    const k = 10;
    const exact = exactTopK(vectors, queries, dim, k);
    index.searchBatch(queries, k).forEach((result, q) => {
      expect(result.ids).toEqual(Array.from(exact.rows.subarray(q * k, (q + 1) * k), (r) => itemIds[r]));
      result.scores.forEach((score, i) => expect(score).toBeCloseTo(exact.scores[q * k + i]!, 5));
    });
  });

  it('answers a batch as it answers each query alone', () => {
    const batch = index.searchBatch(queries, 7, { ef: 50 });
    expect(batch).toHaveLength(20);
    batch.forEach((result, q) => expect(result).toEqual(index.search(row(queries, dim, q), 7, { ef: 50 })));
  });

  it('returns every item when k exceeds the count, and nothing from an empty index', () => {
    expect(index.search(row(queries, dim, 0), 5_000).ids).toHaveLength(600);
    expect(AnnIndex.create(dim, { modelVersion: 'v0' }).search(row(queries, dim, 0), 10)).toEqual({ ids: [], scores: [] });
  });

  it('searches with at least k candidates whatever ef asks for', () => {
    expect(effectiveEf(300, 10, 200)).toBe(300);
    expect(effectiveEf(100, undefined, 200)).toBe(200);
    expect(effectiveEf(100, 150, 200)).toBe(150);
    expect(index.search(row(queries, dim, 1), 300, { ef: 10 }).ids).toHaveLength(300);
  });

  it('keeps only what the filter accepts', () => {
    const excluded = new Set(index.search(row(queries, dim, 2), 5).ids);
    const result = index.search(row(queries, dim, 2), 20, { filter: (id) => !excluded.has(id) });
    expect(result.ids).toHaveLength(20);
    expect(result.ids.filter((id) => excluded.has(id))).toEqual([]);
  });

  it('throws what the filter throws', () => {
    const failing = () => {
      throw new Error('seen-set lookup failed');
    };
    expect(() => index.search(row(queries, dim, 2), 20, { filter: failing })).toThrow('seen-set lookup failed');
    expect(index.search(row(queries, dim, 2), 20).ids).toHaveLength(20);
  });

  it('refuses writes from inside a filter, where they would change the graph under the search', () => {
    expect(() => index.search(row(queries, dim, 2), 5, { filter: () => index.remove('item-1') })).toThrow('must not change the index');
    expect(index.has('item-1')).toBe(true);
  });

  it('stops returning a removed item and returns it again once re-added', () => {
    const query = row(vectors, dim, 42);
    expect(index.search(query, 1).ids).toEqual(['item-42']);
    expect(index.remove('item-42')).toBe(true);
    expect(index.remove('item-42')).toBe(false);
    expect(index.has('item-42')).toBe(false);
    expect(index.size).toBe(599);
    expect(index.search(query, 600).ids).not.toContain('item-42');
    index.upsert('item-42', query);
    expect(index.search(query, 1).ids).toEqual(['item-42']);
    expect(index.size).toBe(600);
  });

  it('moves an upserted item to its new vector', () => {
    const target = row(queries, dim, 3);
    expect(index.search(target, 1).ids).not.toEqual(['item-7']);
    index.upsert('item-7', target);
    const result = index.search(target, 1);
    expect(result.ids).toEqual(['item-7']);
    expect(result.scores[0]).toBeCloseTo(1, 5);
    expect(index.search(row(vectors, dim, 7), 600).ids.indexOf('item-7')).toBeGreaterThan(0);
  });

  it('puts a new item in the slot of a removed one instead of growing', () => {
    const capacity = index.capacity;
    for (let i = 0; i < 100; i++) index.remove(`item-${i}`);
    const fresh = randomUnitVectors(100, dim, 13);
    for (let i = 0; i < 100; i++) index.upsert(`new-${i}`, fresh, i * dim);
    expect(index.capacity).toBe(capacity);
    expect(index.size).toBe(600);
    for (let i = 0; i < 100; i += 9) expect(index.search(row(fresh, dim, i), 1).ids).toEqual([`new-${i}`]);
    expect(index.search(row(vectors, dim, 5), 600).ids.filter((id) => /^item-\d$/.test(id))).toEqual([]);
  });

  it('returns each item’s key with keyed searches, and a removed item’s key never comes back for the item reusing its slot', () => {
    itemIds.forEach((id, i) => expect(index.setKey(id, 1_000 + i)).toBe(true));
    expect(index.setKey('nobody', 1)).toBe(false);
    const query = row(vectors, dim, 42);
    const keyed = index.searchKeyed(query, 50, { ef: 80 });
    expect({ ids: keyed.ids, scores: keyed.scores }).toEqual(index.search(query, 50, { ef: 80 }));
    expect(Array.from(keyed.keys)).toEqual(keyed.ids.map((id) => 1_000 + Number(id.slice('item-'.length))));

    index.remove('item-42');
    index.upsert('newcomer', query); // takes item-42's slot, without a key
    const after = index.searchKeyed(query, 3);
    expect(after.ids[0]).toBe('newcomer');
    expect(after.keys[0]).toBe(-1);
    index.upsert('newcomer', query, 0, 7);
    expect(index.searchKeyed(query, 1).keys[0]).toBe(7);
    index.upsert('newcomer', query); // a vector update keeps the key
    expect(index.searchKeyed(query, 1).keys[0]).toBe(7);

    const batch = index.searchBatchKeyed(queries, 5);
    batch.forEach((result, q) => {
      const alone = index.searchKeyed(row(queries, dim, q), 5);
      expect(result.ids).toEqual(alone.ids);
      expect(Array.from(result.keys)).toEqual(Array.from(alone.keys));
    });
    expect(() => index.upsert('bad-key', query, 0, -5)).toThrow('label key');
    expect(index.has('bad-key')).toBe(false);
    expect(AnnIndex.create(dim, { modelVersion: 'v0' }).searchKeyed(query, 3)).toEqual({ ids: [], scores: [], keys: new Int32Array(0) });
  });

  it('grows its capacity past the initial size', () => {
    const grown = AnnIndex.create(8, { modelVersion: 'v1', capacity: 10 });
    const initial = grown.capacity;
    const many = randomUnitVectors(initial * 3 + 5, 8, 14);
    for (let i = 0; i < initial * 3 + 5; i++) grown.upsert(`g-${i}`, many, i * 8);
    expect(grown.capacity).toBeGreaterThanOrEqual(initial * 3 + 5);
    expect(grown.size).toBe(initial * 3 + 5);
    for (let i = 0; i < grown.size; i += 97) expect(grown.search(row(many, 8, i), 1).ids).toEqual([`g-${i}`]);
  });

  it('rejects vectors of the wrong length or with non-finite components', () => {
    expect(() => index.upsert('bad', new Float32Array(dim - 1))).toThrow('no 16-float vector');
    expect(() => index.upsert('bad', new Float32Array(dim).fill(Number.NaN))).toThrow('NaN');
    expect(() => index.searchBatch(new Float32Array(dim + 1), 3)).toThrow('multiple of dim');
    expect(index.has('bad')).toBe(false);
  });
});

describe('AnnIndex recall', () => {
  it('reaches recall@10 ≥ 0.95 on 4,000 clustered unit vectors with default settings', async () => {
    const dim = 32;
    const items = { ids: ids(4_000), vectors: clusteredUnitVectors(4_000, dim, { clusters: 40, spread: 0.15, seed: 21, centresSeed: 7 }), dim };
    const queries = clusteredUnitVectors(200, dim, { clusters: 40, spread: 0.15, seed: 22, centresSeed: 7 });
    const index = await buildAnnIndex(items, { modelVersion: 'v1' });
    expect(measureRecall(index, items, queries, 10)).toBeGreaterThanOrEqual(0.95);
    // A tiny candidate list must do measurably worse, or the check above proves nothing.
    expect(measureRecall(index, items, queries, 1, { ef: 1 })).toBeLessThan(measureRecall(index, items, queries, 1, { ef: 200 }));
  });
});

describe('AnnIndex save and load', () => {
  const dim = 12;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cascade-ann-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads an index that answers exactly as the saved one, ids and free slots included', async () => {
    const vectors = randomUnitVectors(800, dim, 31);
    const index = await buildAnnIndex({ ids: ids(800), vectors, dim }, { modelVersion: 'tower-7', params: { m: 12, efConstruction: 80, efSearch: 120 } });
    index.remove('item-3');
    index.remove('item-9');
    index.upsert('item-5', vectors, 600 * dim);
    const manifest = await index.save(dir);
    expect(manifest).toMatchObject({ dim, count: 798, labels: 800, space: 'ip', modelVersion: 'tower-7', params: { m: 12, efConstruction: 80, efSearch: 120 } });

    const loaded = await AnnIndex.load(dir);
    expect(loaded.params).toEqual(index.params);
    expect(loaded.modelVersion).toBe('tower-7');
    expect(loaded.size).toBe(798);
    const queries = randomUnitVectors(30, dim, 32);
    expect(loaded.searchBatch(queries, 25)).toEqual(index.searchBatch(queries, 25));
    expect(loaded.search(vectors.slice(3 * dim, 4 * dim), 800).ids).not.toContain('item-3');

    // Free slots survive the round trip: new items fill them rather than growing the index.
    const fresh = randomUnitVectors(2, dim, 33);
    loaded.upsert('new-a', fresh, 0);
    loaded.upsert('new-b', fresh, dim);
    expect(loaded.search(fresh.slice(0, dim), 1).ids).toEqual(['new-a']);
    expect(loaded.search(fresh.slice(dim), 1).ids).toEqual(['new-b']);
    expect(loaded.size).toBe(800);
    const resaved = await loaded.save(dir);
    expect(resaved.labels).toBe(800);
  });

  it('keeps one save in the folder and leaves the previous save readable when writing fails', async () => {
    const index = await buildAnnIndex({ ids: ids(50), vectors: randomUnitVectors(50, dim, 34), dim }, { modelVersion: 'v1' });
    const first = await index.save(dir);
    const second = await index.save(dir);
    expect(readdirSync(dir).sort()).toEqual([second.idsFile, second.indexFile, 'ann.json'].sort());
    expect(second.indexFile).not.toBe(first.indexFile);

    const failed = { ...second, count: 0, labels: 0 };
    await expect(writeAnnFiles(dir, failed, [], () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(await readAnnManifest(dir)).toEqual(second);
    expect((await AnnIndex.load(dir)).size).toBe(50);
  });

  it('applies writes made during a save after it, and the save holds the state it started from', async () => {
    const vectors = randomUnitVectors(300, dim, 35);
    const index = await buildAnnIndex({ ids: ids(300), vectors, dim }, { modelVersion: 'v1' });
    const saving = index.save(dir);
    index.upsert('late', vectors, 0);
    index.remove('item-1');
    expect(index.has('late')).toBe(false);
    expect(index.setKey('item-2', 5)).toBe(true);
    await saving;
    expect(index.searchKeyed(vectors.slice(2 * dim, 3 * dim), 1)).toMatchObject({ ids: ['item-2'], keys: Int32Array.of(5) });
    expect(index.has('late')).toBe(true);
    expect(index.has('item-1')).toBe(false);
    const loaded = await AnnIndex.load(dir);
    expect(loaded.has('late')).toBe(false);
    expect(loaded.has('item-1')).toBe(true);
  });
});
