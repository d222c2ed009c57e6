import { randomFrom } from './rerank/seeded-random';
import { itemValue, valueModel } from './value-model';

describe('value model', () => {
  it('weighs task predictions, missing ones as 0', () => {
    expect(itemValue({ like: 0.5, hide: 0.1 }, { like: 2, hide: -10, share: 3 })).toBeCloseTo(0, 12);
  });

  it('gives, compiled once per policy, exactly what itemValue gives', () => {
    const random = randomFrom('value-model');
    const tasks = ['like', 'share', 'hide', 'watch_ratio', 'complete', 'follow', '7'];
    for (let trial = 0; trial < 200; trial++) {
      const weights = Object.fromEntries(tasks.filter(() => random() < 0.8).map((t) => [t, random() * 20 - 10]));
      const value = valueModel(weights);
      for (let i = 0; i < 20; i++) {
        const scores = Object.fromEntries(tasks.filter(() => random() < 0.9).map((t) => [t, random() * 1.5]));
        expect(value(scores)).toBe(itemValue(scores, weights));
      }
    }
  });
});
