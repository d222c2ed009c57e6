import { rankedNdcgAtK, rankedRecallAtK } from './ranking-metrics';

describe('rankedRecallAtK', () => {
  it('is hits in the first k over all relevant items', () => {
    const relevant = new Set([3, 7, 9]);
    expect(rankedRecallAtK([3, 1, 7, 9], relevant, 2)).toBeCloseTo(1 / 3);
    expect(rankedRecallAtK([3, 1, 7, 9], relevant, 4)).toBe(1);
    expect(rankedRecallAtK([1, 2], relevant, 10)).toBe(0);
  });
});

describe('rankedNdcgAtK', () => {
  it('discounts hits by log2(rank + 1) and normalises by the ideal ranking', () => {
    const relevant = new Set([3, 7]);
    // hits at ranks 1 and 3: (1 + 1/2) / (1 + 1/log2(3))
    expect(rankedNdcgAtK([3, 1, 7], relevant, 3)).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3)));
    expect(rankedNdcgAtK([3, 7, 1], relevant, 3)).toBeCloseTo(1);
  });

  it('caps the ideal at k hits', () => {
    // 3 relevant, k = 1: one hit at rank 1 is perfect.
    expect(rankedNdcgAtK([4, 5], new Set([4, 5, 6]), 1)).toBe(1);
    // hit only at rank 2 with k = 2: (1/log2 3) / (1 + 1/log2 3)
    expect(rankedNdcgAtK([0, 5], new Set([4, 5, 6]), 2)).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)));
  });
});
