import { auc, logLoss } from './binary-metrics';

describe('binary metrics', () => {
  it('computes AUC as the probability a positive outranks a negative', () => {
    expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
    expect(auc([1, 0], [0.9, 0.1])).toBe(1);
    expect(auc([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(auc([1, 1], [0.2, 0.3])).toBeNaN();
  });

  it('computes log loss', () => {
    expect(logLoss([1, 0], [0.5, 0.5])).toBeCloseTo(Math.log(2), 12);
    expect(logLoss([1], [1])).toBeLessThan(1e-6);
  });
});
