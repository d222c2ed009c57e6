import { Source } from '@cascade/contracts';
import type { EngagementTrends } from '../signals/engagement-trends';
import type { CandidateSource, SourceQuery, SourceResult } from './candidate-source';

/** Items whose decayed engagement velocity is highest for the request's surface and country. */
export class TrendingSource implements CandidateSource {
  readonly source = Source.SOURCE_TRENDING;
  readonly name = 'trending';
  readonly needsUserSignals = false;

  constructor(private readonly trends: EngagementTrends) {}

  retrieve(query: SourceQuery): SourceResult {
    const top = this.trends.trendingFor(query.surface, query.country, query.quota, query.nowMs);
    return { candidates: top.map(({ id, score, slot = -1 }) => ({ itemId: id, score, slot })) };
  }
}
