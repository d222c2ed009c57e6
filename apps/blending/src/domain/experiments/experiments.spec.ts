import { BUCKETS, bucketOf } from './bucketing';
import { assignExperiments, mergedOverrides, parseExperiments } from './experiments';

describe('experiments', () => {
  it('buckets deterministically, independently per salt, and uniformly', () => {
    expect(bucketOf('u42', 'a')).toBe(bucketOf('u42', 'a'));
    const counts = new Array(10).fill(0);
    let sameAcrossSalts = 0;
    for (let i = 0; i < 20_000; i++) {
      const bucket = bucketOf(`user-${i}`, 'salt-1');
      counts[Math.floor((bucket / BUCKETS) * 10)]++;
      if (Math.floor((bucket / BUCKETS) * 2) === Math.floor((bucketOf(`user-${i}`, 'salt-2') / BUCKETS) * 2)) sameAcrossSalts++;
    }
    for (const count of counts) expect(Math.abs(count - 2000)).toBeLessThan(200);
    expect(Math.abs(sameAcrossSalts / 20_000 - 0.5)).toBeLessThan(0.02);
  });

  it('splits traffic by the variants’ percentages and leaves the rest out', () => {
    const experiments = parseExperiments(
      JSON.stringify([{ name: 'div', salt: 'x', variants: [{ name: 'control', percent: 10 }, { name: 'more-diverse', percent: 10, overrides: { diversity: 0.8 } }] }]),
    );
    const tally: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) {
      const [assignment] = assignExperiments(`u${i}`, experiments);
      tally[assignment?.variant ?? 'none'] = (tally[assignment?.variant ?? 'none'] ?? 0) + 1;
    }
    expect(tally['control']! / 10_000).toBeCloseTo(0.1, 1);
    expect(tally['more-diverse']! / 10_000).toBeCloseTo(0.1, 1);
    expect(tally['none']! / 10_000).toBeCloseTo(0.8, 1);
  });

  it('merges overrides of several experiments and rejects shares over 100%', () => {
    const merged = mergedOverrides([
      { experiment: 'a', variant: 't', overrides: { valueWeights: { like: 1 }, sourceQuotas: { fresh: 5 } } },
      { experiment: 'b', variant: 't', overrides: { valueWeights: { hide: -20 }, modelVersion: 'v2' } },
    ]);
    expect(merged).toEqual({ valueWeights: { like: 1, hide: -20 }, sourceQuotas: { fresh: 5 }, modelVersion: 'v2' });
    expect(() => parseExperiments(JSON.stringify([{ name: 'a', salt: 's', variants: [{ name: 'x', percent: 60 }, { name: 'y', percent: 50 }] }]))).toThrow(/0\.variants: shares sum to 110%/);
  });
});
