import { type Comparable, encodedSimilarity } from './similarity';

export interface MmrCandidate extends Comparable {
  value: number;
}

export interface MmrOptions {
  limit: number;
  /** 0 = value order; 1 = only novelty counts. */
  diversity: number;
  /** Most items per creator. */
  creatorCap: number;
}

/** Creators and categories as small integers, so the O(limit × n) loops compare numbers, not strings. */
function encode(candidates: readonly MmrCandidate[]): { creator: Int32Array; categories: Int32Array[] } {
  const ids = new Map<string, number>();
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const creator = new Int32Array(candidates.length);
  const categories = candidates.map((c, i) => {
    creator[i] = c.creatorId ? idOf(`c:${c.creatorId}`) : -1 - i; // no creator: similar to nobody
    return Int32Array.from(c.categories, (category) => idOf(`k:${category}`));
  });
  return { creator, categories };
}

/**
 * Maximal marginal relevance: picks, one position at a time, the candidate with the best
 * (1 − diversity)·value − diversity·(max similarity to what is already picked), values scaled to
 * [0, 1] first so that the trade-off means the same for any value model. Returns indices in
 * pick order and how many candidates the creator cap turned away.
 */
export function selectByMmr(candidates: readonly MmrCandidate[], options: MmrOptions): { order: number[]; cappedOut: number } {
  const n = candidates.length;
  let min = Infinity;
  let max = -Infinity;
  for (const c of candidates) {
    if (c.value < min) min = c.value;
    if (c.value > max) max = c.value;
  }
  const span = max - min || 1;
  const relevance = Float64Array.from(candidates, (c) => (c.value - min) / span);
  const { creator, categories } = encode(candidates);
  const maxSimilarity = new Float64Array(n);
  const taken = new Uint8Array(n);
  const perCreator = new Map<number, number>();
  const order: number[] = [];
  let cappedOut = 0;

  while (order.length < options.limit) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      const score = (1 - options.diversity) * relevance[i]! - options.diversity * maxSimilarity[i]!;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best < 0) break;
    taken[best] = 1;
    order.push(best);
    const picks = (perCreator.get(creator[best]!) ?? 0) + 1;
    perCreator.set(creator[best]!, picks);
    if (picks >= options.creatorCap) {
      // The creator is full: everything else of theirs is turned away now, once.
      for (let i = 0; i < n; i++) {
        if (!taken[i] && creator[i] === creator[best]) {
          taken[i] = 1;
          cappedOut++;
        }
      }
    }
    if (options.diversity > 0) {
      const pickedCategories = categories[best]!;
      for (let i = 0; i < n; i++) {
        if (!taken[i]) maxSimilarity[i] = Math.max(maxSimilarity[i]!, encodedSimilarity(creator[i]!, creator[best]!, categories[i]!, pickedCategories));
      }
    }
  }
  return { order, cappedOut };
}
