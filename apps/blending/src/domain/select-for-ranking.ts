import type { Candidate } from '@cascade/contracts';

/** Sources are small enum values; anything else (an unknown value off the wire) is counted in a map. */
const SMALL_SOURCES = 64;

/**
 * Selector: the candidates worth a model score — the best `k` by retrieval's fused score, each
 * source keeping at least its own best `perSourceFloor`, so that sources fusion ranks low (fresh
 * uploads, follows) still reach ranking and exploration. Keeps retrieval's order.
 */
export function selectForRanking(candidates: readonly Candidate[], k: number, perSourceFloor: number): Candidate[] {
  if (candidates.length <= k) return [...candidates];
  const keep = new Uint8Array(candidates.length);
  let kept = 0;
  const smallTaken = new Int32Array(SMALL_SOURCES);
  const otherTaken = new Map<number, number>();
  for (let i = 0; i < candidates.length && kept < k; i++) {
    for (const { source } of candidates[i]!.sources) {
      const small = source >= 0 && source < SMALL_SOURCES;
      const taken = small ? smallTaken[source]! : (otherTaken.get(source) ?? 0);
      if (taken >= perSourceFloor) continue;
      if (small) smallTaken[source] = taken + 1;
      else otherTaken.set(source, taken + 1);
      if (!keep[i]) {
        keep[i] = 1;
        kept++;
      }
    }
  }
  for (let i = 0; i < candidates.length && kept < k; i++) {
    if (!keep[i]) {
      keep[i] = 1;
      kept++;
    }
  }
  const selected: Candidate[] = [];
  for (let i = 0; i < candidates.length; i++) if (keep[i]) selected.push(candidates[i]!);
  return selected;
}
