import { Candidate, encodeFloat32Matrix, GetFeaturesRequest, GetFeaturesResponse, RankRequest, RankResponse } from '@cascade/contracts';
import { rankerTasks, type TaskPredictions } from '@cascade/models';
import { featureMatrix } from './feature-matrix';
import { heuristicTaskScores } from './heuristic-scorer';
import type { BatchableModel } from './inference-batcher';
import type { SelectedModel } from './model-versions';
import { adaptToSession, recentCreatorSentiment, sessionFeatureNames } from './session-adaptation';

export type FetchFeatures = (request: GetFeaturesRequest) => Promise<GetFeaturesResponse>;

export interface RankOptions {
  backend: string;
  /** Strength of the in-session adaptation (0 turns it off). */
  sessionStrength: number;
  /** Most recent engagements the adaptation looks at. */
  sessionWindow: number;
  /** Runs the inference (e.g. through an InferenceBatcher); the model's own predict by default. */
  infer?: (model: BatchableModel, rows: Float32Array) => Promise<TaskPredictions>;
}

function heuristic(candidates: Candidate[], reason: string, modelVersion = ''): RankResponse {
  return RankResponse.fromPartial({
    candidates: candidates.map((c) => ({ ...c, taskScores: heuristicTaskScores(c) })),
    degraded: true,
    degradedReason: reason,
    modelVersion,
  });
}

/**
 * Scores every candidate in one feature call and one batched inference, then adapts the scores to
 * the user's latest engagement. Without a model, or when features cannot be fetched, the heuristic
 * scorer answers and the response says why.
 */
export async function rankCandidates(request: RankRequest, selected: SelectedModel, fetchFeatures: FetchFeatures, options: RankOptions): Promise<RankResponse> {
  const { loaded, fallbackReason } = selected;
  if (!loaded) return heuristic(request.candidates, 'no ranking model loaded: heuristic scores');
  if (request.candidates.length === 0) return RankResponse.fromPartial({ modelVersion: loaded.manifest.version, backend: options.backend });
  const featureNames = loaded.manifest.features.names;
  let features: GetFeaturesResponse;
  try {
    features = await fetchFeatures(
      GetFeaturesRequest.fromPartial({
        userId: request.userId,
        itemIds: request.candidates.map((c) => c.itemId),
        featureNames: [...new Set([...featureNames, ...(options.sessionStrength > 0 ? sessionFeatureNames : [])])],
        context: request.context,
        numbersAsBytes: true,
      }),
    );
  } catch (error) {
    return heuristic(request.candidates, `features unavailable (${error instanceof Error ? error.message : String(error)}): heuristic scores`, loaded.manifest.version);
  }
  const matrix = featureMatrix(features, featureNames, request.candidates.length);
  const predictions = options.infer ? await options.infer(loaded.ranker, matrix) : loaded.ranker.predict(matrix);
  const sentiment = options.sessionStrength > 0 ? recentCreatorSentiment(features, options.sessionWindow) : new Map<string, number>();
  const candidates = request.candidates.map((candidate, i) => {
    const taskScores: Record<string, number> = {};
    for (const task of rankerTasks) taskScores[task] = predictions[task][i]!;
    return { ...candidate, taskScores: adaptToSession(taskScores, sentiment.get(candidate.creatorId) ?? 0, options.sessionStrength) };
  });
  // Built directly: every field is set, and fromPartial would copy 500 candidates once more.
  return {
    candidates,
    modelVersion: loaded.manifest.version,
    featureNames,
    featureValues: [],
    featureMatrix: encodeFloat32Matrix(matrix),
    backend: options.backend,
    degraded: fallbackReason !== undefined,
    degradedReason: fallbackReason ?? '',
    taskNames: [],
    taskScoreMatrix: Buffer.alloc(0),
  };
}
