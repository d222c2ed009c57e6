import { scoreHistogram } from './score-histogram';

describe('scoreHistogram', () => {
  it('splits scores into equal-width buckets between min and max, the max in the last bucket', () => {
    const histogram = scoreHistogram([0.9, 0, 0.1, 1, 0.2, 0.5], 4)!;
    expect(histogram).toMatchObject({ edges: [0, 0.25, 0.5, 0.75, 1], counts: [3, 0, 1, 2], count: 6, min: 0, max: 1 });
    expect(histogram.mean).toBeCloseTo(0.45, 12);
    expect(histogram.p50).toBeCloseTo(0.35, 12);
  });

  it('counts every score exactly once', () => {
    const scores = Array.from({ length: 97 }, (_, i) => Math.sin(i) * 3);
    const histogram = scoreHistogram(scores)!;
    expect(histogram.counts).toHaveLength(10);
    expect(histogram.edges).toHaveLength(11);
    expect(histogram.counts.reduce((a, b) => a + b, 0)).toBe(97);
    expect(histogram.edges[0]).toBe(histogram.min);
    expect(histogram.edges[10]).toBe(histogram.max);
  });

  it('takes the middle score as the median of an odd count, and does not reorder its input', () => {
    const scores = [3, 1, 2];
    expect(scoreHistogram(scores)!.p50).toBe(2);
    expect(scores).toEqual([3, 1, 2]);
  });

  it('gives one bucket when every score is the same', () => {
    const histogram = scoreHistogram([0.4, 0.4, 0.4])!;
    expect(histogram).toMatchObject({ edges: [0.4, 0.4], counts: [3], count: 3, min: 0.4, max: 0.4, p50: 0.4 });
    expect(histogram.mean).toBeCloseTo(0.4, 12);
  });

  it('leaves out non-finite scores and gives nothing without a finite one', () => {
    expect(scoreHistogram([Number.NaN, 1, Number.POSITIVE_INFINITY, 3], 2)).toMatchObject({ counts: [1, 1], count: 2 });
    expect(scoreHistogram([])).toBeUndefined();
    expect(scoreHistogram([Number.NaN])).toBeUndefined();
  });
});
