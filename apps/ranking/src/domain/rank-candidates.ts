import { Candidate, GetFeaturesRequest, GetFeaturesResponse, RankRequest, RankResponse } from '@cascade/contracts';
import { rankerTasks } from '@cascade/models';
import type { ActiveModel } from './active-model';
import { featureMatrix } from './feature-matrix';
import { heuristicTaskScores } from './heuristic-scorer';

export type FetchFeatures = (request: GetFeaturesRequest) => Promise<GetFeaturesResponse>;

function heuristic(candidates: Candidate[], reason: string, modelVersion = ''): RankResponse {
  return RankResponse.fromPartial({
    candidates: candidates.map((c) => ({ ...c, taskScores: heuristicTaskScores(c) })),
    degraded: true,
    degradedReason: reason,
    modelVersion,
  });
}

/**
 * Scores every candidate in one feature call and one batched inference. Without a model, or when
 * features cannot be fetched, the heuristic scorer answers and the response says why.
 */
export async function rankCandidates(request: RankRequest, model: ActiveModel, fetchFeatures: FetchFeatures, backend: string): Promise<RankResponse> {
  const loaded = model.loaded;
  if (!loaded) return heuristic(request.candidates, 'no ranking model loaded: heuristic scores');
  if (request.candidates.length === 0) return RankResponse.fromPartial({ modelVersion: loaded.manifest.version, backend });
  const featureNames = loaded.manifest.features.names;
  let features: GetFeaturesResponse;
  try {
    features = await fetchFeatures(
      GetFeaturesRequest.fromPartial({
        userId: request.userId,
        itemIds: request.candidates.map((c) => c.itemId),
        featureNames,
        context: request.context,
      }),
    );
  } catch (error) {
    return heuristic(request.candidates, `features unavailable (${error instanceof Error ? error.message : String(error)}): heuristic scores`, loaded.manifest.version);
  }
  const matrix = featureMatrix(features, featureNames, request.candidates.length);
  const predictions = loaded.ranker.predict(matrix);
  const candidates = request.candidates.map((candidate, i) => {
    const taskScores: Record<string, number> = {};
    for (const task of rankerTasks) taskScores[task] = predictions[task][i]!;
    return { ...candidate, taskScores };
  });
  return RankResponse.fromPartial({
    candidates,
    modelVersion: loaded.manifest.version,
    featureNames,
    featureValues: Array.from(matrix),
    backend,
  });
}
