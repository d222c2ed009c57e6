import type { Source } from '@cascade/contracts';
import type { SourceCandidate } from '../sources/candidate-source';

export interface SourceList {
  source: Source;
  weight: number;
  candidates: readonly SourceCandidate[];
}

export interface SourceContribution {
  source: Source;
  score: number;
  rank: number;
  contribution: number;
}

export interface MergedCandidate {
  itemId: string;
  /** The item's catalogue slot, when a source that found it had it (see SourceCandidate). */
  slot?: number;
  /** Weighted reciprocal-rank fusion over every source that found the item. */
  retrievalScore: number;
  /** Every source that found the item, best contribution first. */
  sources: SourceContribution[];
}

/** Damping of reciprocal-rank fusion: rank 0 and rank 10 differ by ~15%, not 10×. */
export const RRF_K = 60;

function hasSource(sources: readonly SourceContribution[], source: Source): boolean {
  for (let i = 0; i < sources.length; i++) if (sources[i]!.source === source) return true;
  return false;
}

const byContributionDescending = (a: SourceContribution, b: SourceContribution) => b.contribution - a.contribution;
const byScoreThenItemId = (a: MergedCandidate, b: MergedCandidate) => b.retrievalScore - a.retrievalScore || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0);

/**
 * Merges the sources' lists into one, deduplicated by item: an item found by several sources keeps
 * all of them, and its score adds up their weighted reciprocal ranks. Best first; ties by item id.
 */
export function mergeCandidates(lists: readonly SourceList[]): MergedCandidate[] {
  const merged = new Map<string, MergedCandidate>();
  const all: MergedCandidate[] = [];
  for (const { source, weight, candidates } of lists) {
    for (let rank = 0; rank < candidates.length; rank++) {
      const { itemId, score, slot = -1 } = candidates[rank]!;
      const contribution = weight / (RRF_K + rank);
      let entry = merged.get(itemId);
      if (!entry) {
        entry = { itemId, slot, retrievalScore: 0, sources: [] };
        merged.set(itemId, entry);
        all.push(entry);
      } else {
        if (slot >= 0) entry.slot = slot;
        if (hasSource(entry.sources, source)) continue;
      }
      entry.retrievalScore += contribution;
      entry.sources.push({ source, score, rank, contribution });
    }
  }
  for (const entry of all) if (entry.sources.length > 1) entry.sources.sort(byContributionDescending);
  return all.sort(byScoreThenItemId);
}
