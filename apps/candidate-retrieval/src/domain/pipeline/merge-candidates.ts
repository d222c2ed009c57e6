import type { Source } from '@cascade/contracts';
import type { SourceCandidate } from '../sources/candidate-source';

export interface SourceList {
  source: Source;
  weight: number;
  candidates: readonly SourceCandidate[];
}

export interface MergedCandidate {
  itemId: string;
  /** Weighted reciprocal-rank fusion over every source that found the item. */
  retrievalScore: number;
  /** Every source that found the item, best contribution first. */
  sources: { source: Source; score: number; rank: number; contribution: number }[];
}

/** Damping of reciprocal-rank fusion: rank 0 and rank 10 differ by ~15%, not 10×. */
export const RRF_K = 60;

/**
 * Merges the sources' lists into one, deduplicated by item: an item found by several sources keeps
 * all of them, and its score adds up their weighted reciprocal ranks. Best first; ties by item id.
 */
export function mergeCandidates(lists: readonly SourceList[]): MergedCandidate[] {
  const merged = new Map<string, MergedCandidate>();
  for (const { source, weight, candidates } of lists) {
    candidates.forEach((candidate, rank) => {
      const contribution = weight / (RRF_K + rank);
      let entry = merged.get(candidate.itemId);
      if (!entry) merged.set(candidate.itemId, (entry = { itemId: candidate.itemId, retrievalScore: 0, sources: [] }));
      if (entry.sources.some((s) => s.source === source)) return;
      entry.retrievalScore += contribution;
      entry.sources.push({ source, score: candidate.score, rank, contribution });
    });
  }
  const all = [...merged.values()];
  for (const entry of all) entry.sources.sort((a, b) => b.contribution - a.contribution);
  return all.sort((a, b) => b.retrievalScore - a.retrievalScore || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
}
