import { Source } from '@cascade/contracts';
import type { ItemCatalog } from '../catalog/item-catalog';
import type { ItemRecord } from '../catalog/item-record';
import type { CandidateSource, SourceQuery, SourceResult } from './candidate-source';

/** Recent uploads of the creators the user follows, newest first across creators (the Stories surface). */
export class FollowingSource implements CandidateSource {
  readonly source = Source.SOURCE_FOLLOWING;
  readonly name = 'following';
  readonly needsUserSignals = true;

  constructor(
    private readonly catalog: ItemCatalog,
    private readonly maxAgeMs: number,
  ) {}

  retrieve(query: SourceQuery): SourceResult {
    const notBefore = query.nowMs - this.maxAgeMs;
    const recent: ItemRecord[] = [];
    for (const creatorId of query.user.followedCreatorIds) {
      let taken = 0;
      for (const item of this.catalog.creatorNewest(creatorId, notBefore)) {
        if (taken++ >= query.quota) break;
        recent.push(item);
      }
    }
    recent.sort((a, b) => b.createdAtMs - a.createdAtMs);
    const candidates = recent.slice(0, query.quota).map((item) => ({ itemId: item.itemId, score: 1 - Math.max(0, query.nowMs - item.createdAtMs) / this.maxAgeMs, slot: item.slot }));
    return { candidates };
  }
}
