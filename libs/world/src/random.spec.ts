import { AliasTable, Rng, ZipfSampler, hashString } from './random';

describe('Rng', () => {
  it('is deterministic by seed and stream', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 100 }, () => a.nextUint32());
    expect(Array.from({ length: 100 }, () => b.nextUint32())).toEqual(xs);
    const c = new Rng(43);
    expect(Array.from({ length: 100 }, () => c.nextUint32())).not.toEqual(xs);
    const d = Rng.derive(42, 'other');
    expect(Array.from({ length: 100 }, () => d.nextUint32())).not.toEqual(xs);
  });

  it('derived streams do not depend on the use of other streams', () => {
    const first = Rng.derive(7, 'items', 3).next();
    const other = Rng.derive(7, 'users');
    for (let i = 0; i < 1000; i++) other.next();
    expect(Rng.derive(7, 'items', 3).next()).toBe(first);
  });

  it('draws uniforms in [0, 1) with the right mean, and normals with the right moments', () => {
    const rng = new Rng(1);
    const n = 50_000;
    let sum = 0;
    let min = 1;
    let max = 0;
    let ns = 0;
    let ns2 = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
      const z = rng.normal();
      ns += z;
      ns2 += z * z;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(ns / n).toBeCloseTo(0, 1);
    expect(ns2 / n).toBeCloseTo(1, 1);
  });

  it('samples log-normal, exponential, Pareto, Poisson and geometric around their parameters', () => {
    const rng = new Rng(2);
    const n = 40_000;
    const draws = (f: () => number): number[] => Array.from({ length: n }, f);
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(median(draws(() => rng.logNormal(20, 0.5)))).toBeGreaterThan(19);
    expect(median(draws(() => rng.logNormal(20, 0.5)))).toBeLessThan(21);
    expect(mean(draws(() => rng.exponential(3)))).toBeCloseTo(3, 0);
    expect(mean(draws(() => rng.poisson(4)))).toBeCloseTo(4, 0);
    expect(mean(draws(() => rng.geometric(5)))).toBeCloseTo(5, 0);
    const pareto = draws(() => rng.pareto(1.5));
    expect(Math.min(...pareto)).toBeGreaterThanOrEqual(1);
    // P(X > 4) = 4^-1.5 = 0.125
    expect(pareto.filter((x) => x > 4).length / n).toBeCloseTo(0.125, 1);
  });
});

describe('AliasTable', () => {
  it('draws indexes in proportion to their weights', () => {
    const weights = [1, 0, 3, 6];
    const table = new AliasTable(weights);
    const rng = new Rng(3);
    const counts = [0, 0, 0, 0];
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[table.sample(rng)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[0]! / n).toBeCloseTo(0.1, 1);
    expect(counts[2]! / n).toBeCloseTo(0.3, 1);
    expect(counts[3]! / n).toBeCloseTo(0.6, 1);
  });

  it('rejects negative or non-finite weights', () => {
    expect(() => new AliasTable([1, -1])).toThrow(/weight 1/);
    expect(() => new AliasTable([1, Number.NaN])).toThrow(/weight 1/);
    expect(() => new AliasTable([])).toThrow();
  });
});

describe('ZipfSampler', () => {
  it('favours low ranks with a power-law tail', () => {
    const zipf = new ZipfSampler(1000, 1.1);
    const rng = new Rng(4);
    const counts = new Array<number>(1000).fill(0);
    for (let i = 0; i < 50_000; i++) counts[zipf.sample(rng)]!++;
    expect(counts[0]!).toBeGreaterThan(counts[1]!);
    expect(counts[1]!).toBeGreaterThan(counts[9]!);
    expect(counts[0]! / counts[9]!).toBeGreaterThan(6); // 10^1.1 ≈ 12.6
  });
});

describe('hashString', () => {
  it('is stable and spreads nearby strings', () => {
    expect(hashString('items')).toBe(hashString('items'));
    expect(hashString('items')).not.toBe(hashString('itemt'));
  });
});
