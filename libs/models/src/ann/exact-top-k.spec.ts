import { exactTopK } from './exact-top-k';
import { randomUnitVectors } from './synthetic-vectors';

function naiveTopK(items: Float32Array, queries: Float32Array, dim: number, k: number): { rows: number[]; scores: number[] }[] {
  const answers = [];
  for (let q = 0; q < queries.length / dim; q++) {
    const scored = [];
    for (let i = 0; i < items.length / dim; i++) {
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += queries[q * dim + j]! * items[i * dim + j]!;
      scored.push({ row: i, score: Math.fround(dot) });
    }
    scored.sort((a, b) => b.score - a.score || a.row - b.row);
    const top = scored.slice(0, k);
    answers.push({ rows: top.map((s) => s.row), scores: top.map((s) => s.score) });
  }
  return answers;
}

describe('exactTopK', () => {
  it.each([
    { items: 3_000, queries: 37, dim: 8, k: 25 },
    { items: 1_500, queries: 5, dim: 33, k: 1 },
    { items: 2_049, queries: 17, dim: 4, k: 300 },
  ])('matches a full sort for $items items, $queries queries, dim $dim, k $k', ({ items, queries, dim, k }) => {
    const itemVectors = randomUnitVectors(items, dim, 1);
    const queryVectors = randomUnitVectors(queries, dim, 2);
    const exact = exactTopK(itemVectors, queryVectors, dim, k);
    naiveTopK(itemVectors, queryVectors, dim, k).forEach((expected, q) => {
      expect(Array.from(exact.rows.subarray(q * k, (q + 1) * k))).toEqual(expected.rows);
      expect(Array.from(exact.scores.subarray(q * k, (q + 1) * k))).toEqual(expected.scores);
    });
  });

  it('pads with -1 when there are fewer items than k and breaks ties towards the lower row', () => {
    const items = new Float32Array([1, 0, 0, 1, 1, 0, 0.5, 0]);
    const exact = exactTopK(items, new Float32Array([1, 0]), 2, 6);
    expect(Array.from(exact.rows)).toEqual([0, 2, 3, 1, -1, -1]);
    expect(Array.from(exact.scores.subarray(0, 4))).toEqual([1, 1, 0.5, 0]);
  });

  it('rejects ragged input', () => {
    expect(() => exactTopK(new Float32Array(5), new Float32Array(2), 2, 1)).toThrow('whole rows');
  });
});
