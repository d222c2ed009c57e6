import { Source, Surface } from '@cascade/contracts';
import type { IndexHolder } from '@cascade/models';
import type { LiveRetrievalModel } from '../model/live-retrieval-model';
import type { CandidateSource, SourceCandidate, SourceQuery, SourceResult } from './candidate-source';

const surfaceNames: Partial<Record<Surface, string>> = {
  [Surface.SURFACE_SPOTLIGHT]: 'spotlight',
  [Surface.SURFACE_DISCOVER]: 'discover',
  [Surface.SURFACE_STORIES]: 'stories',
};

/**
 * Personalised candidates: the user tower encodes the user's id, recent positive items and the
 * request context; the ANN index returns the nearest item vectors. Items the user already engaged
 * with are skipped.
 */
export class TwoTowerSource implements CandidateSource {
  readonly source = Source.SOURCE_TWO_TOWER;
  readonly name = 'two_tower';
  readonly needsUserSignals = true;

  constructor(
    private readonly live: IndexHolder<LiveRetrievalModel>,
    private readonly ef: number,
  ) {}

  retrieve(query: SourceQuery): SourceResult {
    const live = this.live.current();
    if (!live) throw new Error('no two-tower model loaded');
    const engaged = new Set(query.user.historyItemIds);
    const userVector = live.model.encodeUsers([{ userId: query.userId, history: query.user.positiveItemIds, context: { surface: surfaceNames[query.surface] ?? '', timeMs: query.nowMs } }]);
    // Engaged items are dropped after the search: a native-side filter calls back into JS for every visited node.
    const found = live.index.searchKeyed(userVector, query.quota + engaged.size, { ef: Math.max(this.ef, query.quota + engaged.size) });
    const candidates: SourceCandidate[] = [];
    for (let i = 0; i < found.ids.length && candidates.length < query.quota; i++) {
      // The label's key is the item's catalogue slot: the filters resolve the item by indexing.
      if (!engaged.has(found.ids[i]!)) candidates.push({ itemId: found.ids[i]!, score: found.scores[i]!, slot: found.keys[i]! });
    }
    return { candidates, modelVersions: { 'two-tower': live.version } };
  }
}
