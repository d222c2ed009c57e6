import { topK } from './top-k';

describe('topK', () => {
  it('returns the k best items best first', () => {
    expect(Array.from(topK(Float32Array.from([0.1, 0.9, 0.5, 0.7, 0.3]), 3))).toEqual([1, 3, 2]);
  });

  it('breaks ties by the lower item index', () => {
    expect(Array.from(topK(Float32Array.from([1, 2, 2, 1, 2]), 4))).toEqual([1, 2, 4, 0]);
  });

  it('never returns excluded items or NaN scores', () => {
    expect(Array.from(topK(Float32Array.from([5, 4, Number.NaN, 2, 1]), 3, Int32Array.from([0, 3])))).toEqual([1, 4]);
  });

  it('returns every eligible item when k exceeds them, and nothing for k = 0', () => {
    expect(Array.from(topK(Float32Array.from([1, 3, 2]), 10))).toEqual([1, 2, 0]);
    expect(topK(Float32Array.from([1, 3, 2]), 0).length).toBe(0);
  });

  it('agrees with a full sort on random rows', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 20; trial++) {
      const scores = Float32Array.from({ length: 500 }, () => Math.round(random() * 50));
      const excluded = Int32Array.from({ length: 500 }, (_, i) => i).filter(() => random() < 0.1);
      const skip = new Set(excluded);
      const expected = Array.from({ length: 500 }, (_, i) => i)
        .filter((i) => !skip.has(i))
        .sort((a, b) => scores[b]! - scores[a]! || a - b)
        .slice(0, 37);
      expect(Array.from(topK(scores, 37, excluded))).toEqual(expected);
    }
  });
});
