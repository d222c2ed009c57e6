import { buildAnnIndex } from './build-ann-index';
import { randomUnitVectors } from './synthetic-vectors';

describe('buildAnnIndex', () => {
  const dim = 8;
  const items = { ids: Array.from({ length: 1_000 }, (_, i) => `item-${i}`), vectors: randomUnitVectors(1_000, dim, 5), dim };

  it('reports progress per chunk and yields to the event loop between chunks', async () => {
    const progress: [number, number][] = [];
    let turnsDuringBuild = 0;
    const ticker = setInterval(() => turnsDuringBuild++, 0);
    try {
      const index = await buildAnnIndex(items, { modelVersion: 'v1', chunkSize: 300, onProgress: (done, total) => progress.push([done, total]) });
      expect(index.size).toBe(1_000);
      expect(index.modelVersion).toBe('v1');
    } finally {
      clearInterval(ticker);
    }
    expect(progress).toEqual([
      [300, 1_000],
      [600, 1_000],
      [900, 1_000],
      [1_000, 1_000],
    ]);
    expect(turnsDuringBuild).toBeGreaterThan(0);
  });

  it('passes the HNSW settings through', async () => {
    const index = await buildAnnIndex(items, { modelVersion: 'v1', params: { m: 8, efSearch: 64 } });
    expect(index.params).toMatchObject({ m: 8, efConstruction: 200, efSearch: 64 });
  });

  it('rejects vectors that do not match the ids', async () => {
    await expect(buildAnnIndex({ ids: ['a', 'b'], vectors: new Float32Array(3 * dim), dim }, { modelVersion: 'v1' })).rejects.toThrow('2 ids × dim 8');
  });
});
