import { Source } from '@cascade/contracts';
import type { ItemCatalog } from '../catalog/item-catalog';
import type { CandidateSource, SourceQuery, SourceResult } from './candidate-source';

/** Recent uploads, newest first: exploration and a way in for new creators. Score: freshness in (0, 1]. */
export class FreshSource implements CandidateSource {
  readonly source = Source.SOURCE_FRESH;
  readonly name = 'fresh';
  readonly needsUserSignals = false;

  constructor(
    private readonly catalog: ItemCatalog,
    private readonly maxAgeMs: number,
  ) {}

  retrieve(query: SourceQuery): SourceResult {
    const candidates = [];
    const newestAllowed = query.nowMs - this.maxAgeMs;
    for (const item of this.catalog.newest(newestAllowed)) {
      if (candidates.length >= query.quota) break;
      const ageMs = Math.max(0, query.nowMs - item.createdAtMs);
      candidates.push({ itemId: item.itemId, score: 1 - ageMs / this.maxAgeMs, slot: item.slot });
    }
    return { candidates };
  }
}
