import type { InteractionDataset } from '../data/interaction-dataset';
import { SeededRandom } from './seeded-random';
import { UserHistories } from './user-histories';

function dataset(withTime: boolean): InteractionDataset {
  // User 0: positives on items 0..5 at times 0..5, one negative on item 6 (latest).
  const item = Int32Array.from([0, 1, 2, 3, 4, 5, 6]);
  return {
    name: 'histories',
    source: 'test',
    userIds: ['u'],
    itemIds: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    items: Array.from({ length: 7 }, () => ({})),
    interactions: {
      user: new Int32Array(7),
      item,
      label: Float32Array.from([1, 1, 1, 1, 1, 1, 0]),
      ...(withTime ? { timeMs: Float64Array.from([0, 1, 2, 3, 4, 5, 6]) } : {}),
    },
  };
}

describe('UserHistories', () => {
  const allRows = Int32Array.from([0, 1, 2, 3, 4, 5, 6]);

  it('keeps positives only, newest first, and never puts the target in its own history', () => {
    const histories = UserHistories.fromRows(dataset(true), allRows);
    expect(Array.from(histories.recent(0, 10))).toEqual([5, 4, 3, 2, 1, 0]);
    expect(histories.trainingHistory(0, 5, 3, new SeededRandom(1))).toEqual([4, 3, 2]);
    expect(histories.trainingHistory(0, 2, 10, new SeededRandom(1))).toEqual([5, 4, 3, 1, 0]);
  });

  it('gives a causal history only what the user liked before the target', () => {
    const histories = UserHistories.fromRows(dataset(true), allRows);
    expect(histories.trainingHistory(0, 3, 10, new SeededRandom(1), true)).toEqual([2, 1, 0]);
    expect(histories.trainingHistory(0, 3, 2, new SeededRandom(1), true)).toEqual([2, 1]);
    expect(histories.trainingHistory(0, 0, 10, new SeededRandom(1), true)).toEqual([]);
  });

  it('draws a fresh subset of the other positives when there is no time order', () => {
    const histories = UserHistories.fromRows(dataset(false), allRows);
    const random = new SeededRandom(2);
    const draws = Array.from({ length: 20 }, () => histories.trainingHistory(0, 2, 3, random));
    for (const draw of draws) {
      expect(draw).toHaveLength(3);
      expect(new Set(draw).size).toBe(3);
      expect(draw).not.toContain(2);
      expect(draw.every((i) => i >= 0 && i <= 5)).toBe(true);
    }
    expect(new Set(draws.map((d) => d.join())).size).toBeGreaterThan(1);
  });
});
