import { bucketsFor, hash32, hashedRows } from './hashing';

describe('hashed rows', () => {
  it('are the same in every process and release (saved models depend on them)', () => {
    // Golden values: if these change, every saved two-tower model reads the wrong rows.
    expect(hash32('', 0)).toBe(2872998923);
    expect(hash32('item-1', 0x5eed)).toBe(240296458);
    expect(hashedRows('item-1', 1 << 16)).toEqual([41482, 10713]);
    expect(hashedRows('user-42', 1024)).toEqual([403, 92]);
    expect(hashedRows('creator:abc', 4096)).toEqual([1101, 3962]);
  });

  it('spread keys evenly and give each key two different rows', () => {
    const buckets = 256;
    const counts = new Array<number>(buckets).fill(0);
    for (let i = 0; i < 25_600; i++) {
      const [a, b] = hashedRows(`item-${i}`, buckets);
      expect(a).not.toBe(b);
      counts[a]!++;
    }
    // 100 keys per bucket on average; a fair hash stays well within ±50%.
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(150);
  });

  it('rarely send two keys to the same pair of rows', () => {
    const seen = new Set<string>();
    let fullCollisions = 0;
    for (let i = 0; i < 4000; i++) {
      const pair = hashedRows(`user-${i}`, bucketsFor(4000)).sort((x, y) => x - y).join(',');
      if (seen.has(pair)) fullCollisions++;
      seen.add(pair);
    }
    expect(fullCollisions).toBeLessThanOrEqual(1);
  });

  it('size tables as a power of two with room for the keys', () => {
    expect(bucketsFor(10)).toBe(1024);
    expect(bucketsFor(1000, 8)).toBe(8192);
    // A 1M-item catalogue: capped at 2M rows instead of 8M.
    expect(bucketsFor(1_000_000)).toBe(2 ** 21);
    expect(bucketsFor(1_000_000, 8, 1024, 2 ** 22)).toBe(2 ** 22);
  });
});
