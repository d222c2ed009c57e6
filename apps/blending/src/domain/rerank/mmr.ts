import { itemSimilarity, type Comparable } from './similarity';

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
  const relevance = candidates.map((c) => (c.value - min) / span);
  const maxSimilarity = new Float64Array(n);
  const taken = new Uint8Array(n);
  const perCreator = new Map<string, number>();
  const order: number[] = [];
  let cappedOut = 0;

  while (order.length < options.limit) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      const creator = candidates[i]!.creatorId;
      if ((perCreator.get(creator) ?? 0) >= options.creatorCap) {
        taken[i] = 1;
        cappedOut++;
        continue;
      }
      const score = (1 - options.diversity) * relevance[i]! - options.diversity * maxSimilarity[i]!;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best < 0) break;
    taken[best] = 1;
    order.push(best);
    const picked = candidates[best]!;
    perCreator.set(picked.creatorId, (perCreator.get(picked.creatorId) ?? 0) + 1);
    if (options.diversity > 0) {
      for (let i = 0; i < n; i++) {
        if (!taken[i]) maxSimilarity[i] = Math.max(maxSimilarity[i]!, itemSimilarity(candidates[i]!, picked));
      }
    }
  }
  return { order, cappedOut };
}
