/** What the diversity step compares: the attributes every candidate carries from retrieval. */
export interface Comparable {
  creatorId: string;
  categories: readonly string[];
}

/**
 * Similarity in [0, 1] of two items: the Jaccard overlap of their categories, raised to 1 for the
 * same creator (two videos of one creator read as a repeat whatever their tags).
 */
export function itemSimilarity(a: Comparable, b: Comparable): number {
  if (a.creatorId && a.creatorId === b.creatorId) return 1;
  if (a.categories.length === 0 || b.categories.length === 0) return 0;
  let shared = 0;
  for (const category of a.categories) if (b.categories.includes(category)) shared++;
  return shared / (a.categories.length + b.categories.length - shared);
}

/** itemSimilarity with creators and categories as integers (equal ids for equal strings; no creator gets an id of its own). */
export function encodedSimilarity(creatorA: number, creatorB: number, a: Int32Array, b: Int32Array): number {
  if (creatorA === creatorB) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      if (a[i] === b[j]) {
        shared++;
        break;
      }
    }
  }
  return shared / (a.length + b.length - shared);
}
