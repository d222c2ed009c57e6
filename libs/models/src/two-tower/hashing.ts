/**
 * Stable string hashing for hashed embeddings. Saved models depend on these exact functions: a
 * change here silently moves every id to another embedding row, so the golden values in
 * hashing.spec.ts must not be "updated" to make a test pass.
 */

/** FNV-1a over UTF-16 code units, seeded, finished with MurmurHash3's avalanche (fmix32). */
export function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const FIRST_SEED = 0x5eed;
const SECOND_SEED = 0xfeed;

/**
 * The two rows a key occupies in a table of `buckets` rows. Two independent hashes whose
 * embeddings are summed make a full collision of two keys (both rows shared) rare even at high
 * load, unlike a single hash where colliding keys become indistinguishable.
 */
export function hashedRows(key: string, buckets: number): [number, number] {
  const first = hash32(key, FIRST_SEED) % buckets;
  let second = hash32(key, SECOND_SEED) % buckets;
  if (second === first) second = (second + 1) % buckets;
  return [first, second];
}

/**
 * Power of two ≥ `keys × load`, at least `min` and at most `max`: the default size of a hashed
 * table. The cap keeps a 1M-item catalogue's id tables at 2M rows (256 MiB at 32 wide) instead of
 * 8M; with two rows per key, an item still rarely shares both rows with another.
 */
export function bucketsFor(keys: number, load = 8, min = 1024, max = 2 ** 21): number {
  let buckets = min;
  while (buckets < keys * load && buckets < max) buckets *= 2;
  return buckets;
}
