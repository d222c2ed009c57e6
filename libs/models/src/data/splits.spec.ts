import { InteractionDatasetBuilder } from './dataset-builder';
import type { InteractionDataset } from './interaction-dataset';
import { globalTemporalSplit, predefinedSplit, randomSplitPerUser, temporalSplitPerUser } from './splits';

/** u0 has 10 rows at times 100, 99, … 91 (row order reversed in time); u1 has 4 rows at 1…4. */
function dataset(): InteractionDataset {
  const builder = new InteractionDatasetBuilder();
  for (let k = 0; k < 10; k++) builder.add({ user: 'u0', item: `i${k}`, label: 1, timeMs: 100 - k }); // rows 0..9
  for (let k = 0; k < 4; k++) builder.add({ user: 'u1', item: `i${k}`, label: 1, timeMs: 1 + k }); // rows 10..13
  return builder.build('t', 'memory');
}

const sorted = (rows: Int32Array | undefined) => Array.from(rows ?? []).sort((a, b) => a - b);

describe('temporalSplitPerUser', () => {
  it('holds out each user’s most recent floor(n × 0.2) rows', () => {
    const split = temporalSplitPerUser(dataset());
    // u0: the two latest are rows 0 (t=100) and 1 (t=99); u1 has 4 rows → floor(0.8) = 0 test rows.
    expect(sorted(split.test)).toEqual([0, 1]);
    expect(sorted(split.train)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(split.valid).toBeUndefined();
    expect(split.protocol).toContain('last floor(n × 0.2)');
  });

  it('takes validation rows just before the test rows', () => {
    const split = temporalSplitPerUser(dataset(), { testFraction: 0.2, validFraction: 0.3 });
    expect(sorted(split.test)).toEqual([0, 1]);
    expect(sorted(split.valid)).toEqual([2, 3, 4, 13]);
    expect(sorted(split.train)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('refuses a dataset without timestamps and fractions that leave no training data', () => {
    const builder = new InteractionDatasetBuilder();
    builder.add({ user: 'u', item: 'i', label: 1 });
    expect(() => temporalSplitPerUser(builder.build('untimed', 'memory'))).toThrow('no timestamps');
    expect(() => temporalSplitPerUser(dataset(), { testFraction: 0.6, validFraction: 0.4 })).toThrow(RangeError);
  });
});

describe('globalTemporalSplit', () => {
  it('cuts every user at the same time: nothing in train is later than anything in test', () => {
    const data = dataset();
    const split = globalTemporalSplit(data, { testFraction: 0.3 });
    const time = data.interactions.timeMs!;
    const latestTrain = Math.max(...Array.from(split.train, (r) => time[r]!));
    const earliestTest = Math.min(...Array.from(split.test, (r) => time[r]!));
    expect(latestTrain).toBeLessThan(earliestTest);
    // 14 rows: the 0.7 quantile is the 10th smallest time (t=96), so rows with t ≥ 96 are test.
    expect(sorted(split.test)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('randomSplitPerUser', () => {
  it('partitions the rows, holds out floor(n × 0.2) per user and repeats for the same seed', () => {
    const data = dataset();
    const a = randomSplitPerUser(data, { seed: 7 });
    expect(sorted(Int32Array.from([...a.train, ...a.test]))).toEqual(Array.from({ length: 14 }, (_, r) => r));
    expect(a.test.length).toBe(2);
    expect(Array.from(a.test).every((r) => data.interactions.user[r] === 0)).toBe(true);
    expect(sorted(randomSplitPerUser(data, { seed: 7 }).test)).toEqual(sorted(a.test));
    const seeds = Array.from({ length: 10 }, (_, s) => sorted(randomSplitPerUser(data, { seed: s }).test).join());
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });
});

describe('predefinedSplit', () => {
  it('returns the source’s split and refuses a dataset without one', () => {
    const data = dataset();
    expect(() => predefinedSplit(data)).toThrow('no predefined split');
    const own = { train: Int32Array.from([0]), test: Int32Array.from([1]), protocol: 'files' };
    expect(predefinedSplit({ ...data, predefinedSplit: own })).toBe(own);
  });
});
