import { ServeEvent, ServedItem } from '@cascade/contracts';
import type { ServedList } from '../recommend-pipeline';

/**
 * The log record of one served list: what was shown where, why (sources, scores, propensities),
 * under which experiments and models, and the exact feature values the ranker saw for each item,
 * so that training can join it with the engagement that followed without recomputing features.
 */
export function serveEventOf(served: ServedList, servedAtMs: number): ServeEvent {
  const { request, response, blended, featureNames, featureValues, rankedItemIds } = served;
  const width = featureNames.length;
  const row = new Map(rankedItemIds.map((id, i) => [id, i]));
  const items = blended.map(({ candidate, value, propensity }, position): ServedItem => {
    const r = row.get(candidate.itemId);
    const sources = candidate.sources.map((s) => s.source);
    return ServedItem.fromPartial({
      itemId: candidate.itemId,
      creatorId: candidate.creatorId,
      position,
      source: sources[0],
      sources,
      score: value,
      taskScores: candidate.taskScores,
      propensity,
      featureValues: r === undefined || width === 0 ? [] : Array.from(featureValues.subarray(r * width, (r + 1) * width)),
    });
  });
  return ServeEvent.fromPartial({
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
  });
}
