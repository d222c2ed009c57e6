import { Source } from '@cascade/contracts';
import type { ItemCatalog } from '../catalog/item-catalog';
import type { EngagementTrends } from '../signals/engagement-trends';
import type { CandidateSource, SourceCandidate, SourceQuery, SourceResult } from './candidate-source';

/**
 * The fallback that cannot fail: long-half-life popularity, topped up with the newest catalogue
 * items while engagement is still sparse (a cold start). Synchronous and in memory, no dependency.
 */
export class PopularSource implements CandidateSource {
  readonly source = Source.SOURCE_POPULAR;
  readonly name = 'popular';
  readonly needsUserSignals = false;

  constructor(
    private readonly trends: EngagementTrends,
    private readonly catalog: ItemCatalog,
  ) {}

  retrieve(query: SourceQuery): SourceResult {
    const candidates: SourceCandidate[] = this.trends.popularItems(query.quota, query.nowMs).map(({ id, score, slot = -1 }) => ({ itemId: id, score, slot }));
    if (candidates.length < query.quota) {
      const taken = new Set(candidates.map((c) => c.itemId));
      for (const item of this.catalog.newest()) {
        if (candidates.length >= query.quota) break;
        if (!taken.has(item.itemId)) candidates.push({ itemId: item.itemId, score: 0, slot: item.slot });
      }
    }
    return { candidates };
  }
}
