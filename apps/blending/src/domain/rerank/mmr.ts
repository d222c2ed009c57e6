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

/** Creators as small integers, so the cap compares numbers, not strings. A candidate without a creator is like nobody. */
function encodeCreators(candidates: readonly MmrCandidate[]): Int32Array {
  const ids = new Map<string, number>();
  const creator = new Int32Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) {
    const creatorId = candidates[i]!.creatorId;
    if (!creatorId) {
      creator[i] = -1 - i;
      continue;
    }
    let id = ids.get(creatorId);
    if (id === undefined) ids.set(creatorId, (id = ids.size));
    creator[i] = id;
  }
  return creator;
}

/** Categories as small integers, encoded only for the candidates a similarity is asked of. */
function lazyCategories(candidates: readonly MmrCandidate[]): (i: number) => Int32Array {
  const ids = new Map<string, number>();
  const encoded: (Int32Array | undefined)[] = new Array(candidates.length);
  return (i) => {
    let categories = encoded[i];
    if (categories === undefined) {
      const names = candidates[i]!.categories;
      categories = new Int32Array(names.length);
      for (let k = 0; k < names.length; k++) {
        let id = ids.get(names[k]!);
        if (id === undefined) ids.set(names[k]!, (id = ids.size));
        categories[k] = id;
      }
      encoded[i] = categories;
    }
    return categories;
  };
}

/**
 * Indices by relevance, best first, ties by index; NaN (never picked) last. A native numeric sort
 * of the values and a binary search per index, instead of a comparator sort of the indices.
 */
function byRelevance(relevance: Float64Array): Int32Array {
  const n = relevance.length;
  const descending = new Float64Array(n);
  for (let i = 0; i < n; i++) descending[i] = Number.isNaN(relevance[i]!) ? Infinity : 0 - relevance[i]!;
  descending.sort();
  const order = new Int32Array(n);
  /** For the first slot of each run of equal values, how many of its indices are placed. */
  const placed = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = Number.isNaN(relevance[i]!) ? Infinity : 0 - relevance[i]!;
    let low = 0;
    let high = n;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (descending[middle]! < key) low = middle + 1;
      else high = middle;
    }
    order[low + placed[low]!++] = i;
  }
  return order;
}

/**
 * Maximal marginal relevance: picks, one position at a time, the candidate with the best
 * (1 − diversity)·value − diversity·(max similarity to what is already picked), values scaled to
 * [0, 1] first so that the trade-off means the same for any value model. Returns indices in
 * pick order and how many candidates the creator cap turned away.
 *
 * A candidate's score never exceeds (1 − diversity)·relevance (similarities are ≥ 0), so each
 * pick scans candidates by relevance and stops at the first whose bound is below the best score
 * found: the same picks (ties to the lower index) as scoring all of them, for a fraction of the
 * work. Similarities to earlier picks are folded in only when a candidate is reached.
 */
export function selectByMmr(candidates: readonly MmrCandidate[], options: MmrOptions): { order: number[]; cappedOut: number } {
  const n = candidates.length;
  const { diversity } = options;
  let min = Infinity;
  let max = -Infinity;
  for (const c of candidates) {
    if (c.value < min) min = c.value;
    if (c.value > max) max = c.value;
  }
  const span = max - min || 1;
  const relevance = Float64Array.from(candidates, (c) => (c.value - min) / span);
  const scanOrder = byRelevance(relevance);
  const creator = encodeCreators(candidates);
  const categoriesOf = lazyCategories(candidates);
  const maxSimilarity = new Float64Array(n);
  /** How many of the picks each candidate's maxSimilarity already covers. */
  const picksCovered = new Int32Array(n);
  const taken = new Uint8Array(n);
  const perCreator = new Map<number, number>();
  const order: number[] = [];
  let cappedOut = 0;
  let firstOpen = 0;
  while (order.length < options.limit) {
    while (firstOpen < n && taken[scanOrder[firstOpen]!]) firstOpen++;
    let best = -1;
    let bestScore = -Infinity;
    for (let k = firstOpen; k < n; k++) {
      const i = scanOrder[k]!;
      if (taken[i]) continue;
      if ((1 - diversity) * relevance[i]! < bestScore) break;
      if (diversity > 0) {
        for (let p = picksCovered[i]!; p < order.length; p++) {
          const picked = order[p]!;
          maxSimilarity[i] = Math.max(maxSimilarity[i]!, encodedSimilarity(creator[i]!, creator[picked]!, categoriesOf(i), categoriesOf(picked)));
        }
        picksCovered[i] = order.length;
      }
      const score = (1 - diversity) * relevance[i]! - diversity * maxSimilarity[i]!;
      if (score > bestScore || (score === bestScore && i < best)) {
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
  }
  return { order, cappedOut };
}
