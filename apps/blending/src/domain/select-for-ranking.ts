import type { Candidate } from '@cascade/contracts';

/**
 * Selector: the candidates worth a model score — the best `k` by retrieval's fused score, each
 * source keeping at least its own best `perSourceFloor`, so that sources fusion ranks low (fresh
 * uploads, follows) still reach ranking and exploration. Keeps retrieval's order.
 */
export function selectForRanking(candidates: readonly Candidate[], k: number, perSourceFloor: number): Candidate[] {
  if (candidates.length <= k) return [...candidates];
  const keep = new Uint8Array(candidates.length);
  let kept = 0;
  const floorTaken = new Map<number, number>();
  for (let i = 0; i < candidates.length && kept < k; i++) {
    for (const { source } of candidates[i]!.sources) {
      const taken = floorTaken.get(source) ?? 0;
      if (taken >= perSourceFloor) continue;
      floorTaken.set(source, taken + 1);
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
  return candidates.filter((_, i) => keep[i] === 1);
}
