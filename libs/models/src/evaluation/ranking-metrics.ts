/**
 * Binary-relevance top-K metrics of one ranked list. `ranked` is best first; `relevant` holds the
 * user's relevant items (at least one).
 */

/** Relevant items in the first k / all relevant items (not capped at k). */
export function rankedRecallAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  let hits = 0;
  const depth = Math.min(k, ranked.length);
  for (let r = 0; r < depth; r++) if (relevant.has(ranked[r]!)) hits++;
  return hits / relevant.size;
}

/** DCG@k with gain 1 / log2(rank + 1), normalised by the ideal DCG of min(k, |relevant|) hits. */
export function rankedNdcgAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  let dcg = 0;
  const depth = Math.min(k, ranked.length);
  for (let r = 0; r < depth; r++) if (relevant.has(ranked[r]!)) dcg += 1 / Math.log2(r + 2);
  let ideal = 0;
  for (let r = 0; r < Math.min(k, relevant.size); r++) ideal += 1 / Math.log2(r + 2);
  return dcg / ideal;
}
