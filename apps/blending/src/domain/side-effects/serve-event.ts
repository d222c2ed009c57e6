import { type ServedItem, type ServeEvent, Source } from '@cascade/contracts';
import type { ServedList } from '../recommend-pipeline';

/**
 * The log record of one served list: what was shown where, why (sources, scores, propensities),
 * under which experiments and models, and the exact feature values the ranker saw for each item,
 * so that training can join it with the engagement that followed without recomputing features.
 * Only the served items' rows of the feature matrix are copied.
 */
export function serveEventOf(served: ServedList, servedAtMs: number): ServeEvent {
  const { request, response, blended, featureNames, featureRows, rankedCandidates } = served;
  const items = blended.map(({ candidate, value, propensity }, position): ServedItem => {
    // The row of the rank answer this very candidate came from; pins the ranker never saw have none.
    const row = featureRows.width === 0 ? -1 : rankedCandidates.indexOf(candidate);
    const sources = candidate.sources.map((s) => s.source);
    return {
      itemId: candidate.itemId,
      creatorId: candidate.creatorId,
      position,
      source: sources[0] ?? Source.SOURCE_UNSPECIFIED,
      sources,
      score: value,
      taskScores: candidate.taskScores,
      propensity,
      featureValues: row < 0 ? [] : featureRows.row(row),
    };
  });
  return {
    requestId: request.requestId,
    userId: request.userId,
    surface: request.surface,
    servedAtMs,
    experiments: response.experiments,
    modelVersions: response.modelVersions,
    items,
    featureNames,
    context: request.context,
    degraded: response.degraded,
    degradedStages: response.degradedStages,
  };
}
