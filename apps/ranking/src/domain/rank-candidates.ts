import { Candidate, encodeFloat32Matrix, encodeFloat64Matrix, GetFeaturesRequest, GetFeaturesResponse, RankRequest, RankResponse } from '@cascade/contracts';
import { rankerTasks, type TaskPredictions } from '@cascade/models';
import { featureMatrix } from './feature-matrix';
import { heuristicScoreMatrix, heuristicTaskScores, rankingTasks } from './heuristic-scorer';
import type { BatchableModel } from './inference-batcher';
import type { SelectedModel } from './model-versions';
import { adaptScore, adaptToSession, recentCreatorSentiment, sessionFactor, sessionFeatureNames } from './session-adaptation';

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

function heuristic(request: RankRequest, reason: string, modelVersion = ''): RankResponse {
  if (request.scoresOnly) {
    return RankResponse.fromPartial({
      degraded: true,
      degradedReason: reason,
      modelVersion,
      taskNames: [...rankingTasks],
      taskScoreMatrix: encodeFloat64Matrix(heuristicScoreMatrix(request.candidates)),
    });
  }
  return RankResponse.fromPartial({
    candidates: request.candidates.map((c) => ({ ...c, taskScores: heuristicTaskScores(c) })),
    degraded: true,
    degradedReason: reason,
    modelVersion,
  });
}

/**
 * The predictions after session adaptation as a row-major candidates × rankerTasks float64 matrix:
 * the values, bit for bit, that adaptToSession puts in each echoed candidate's task_scores.
 */
function taskScoreMatrix(candidates: readonly Candidate[], predictions: TaskPredictions, sentiment: ReadonlyMap<string, number>, strength: number): Float64Array {
  const rows = candidates.length;
  const width = rankerTasks.length;
  const factors = new Float64Array(rows);
  if (sentiment.size > 0) for (let i = 0; i < rows; i++) factors[i] = sessionFactor(sentiment.get(candidates[i]!.creatorId) ?? 0, strength);
  const out = new Float64Array(rows * width);
  rankerTasks.forEach((task, k) => {
    const column = predictions[task];
    for (let i = 0; i < rows; i++) {
      const factor = factors[i]!;
      out[i * width + k] = factor === 0 ? column[i]! : adaptScore(task, column[i]!, factor);
    }
  });
  return out;
}

/**
 * Scores every candidate in one feature call and one batched inference, then adapts the scores to
 * the user's latest engagement. Without a model, or when features cannot be fetched, the heuristic
 * scorer answers and the response says why. A scores_only request gets the same scores as a
 * task_score_matrix by request index instead of echoed candidates, either way.
 */
export async function rankCandidates(request: RankRequest, selected: SelectedModel, fetchFeatures: FetchFeatures, options: RankOptions): Promise<RankResponse> {
  const { loaded, fallbackReason } = selected;
  if (!loaded) return heuristic(request, 'no ranking model loaded: heuristic scores');
  if (request.candidates.length === 0) {
    return RankResponse.fromPartial({ modelVersion: loaded.manifest.version, backend: options.backend, taskNames: request.scoresOnly ? [...rankerTasks] : [] });
  }
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
    return heuristic(request, `features unavailable (${error instanceof Error ? error.message : String(error)}): heuristic scores`, loaded.manifest.version);
  }
  const matrix = featureMatrix(features, featureNames, request.candidates.length);
  const predictions = options.infer ? await options.infer(loaded.ranker, matrix) : loaded.ranker.predict(matrix);
  const sentiment = options.sessionStrength > 0 ? recentCreatorSentiment(features, options.sessionWindow) : new Map<string, number>();
  const answer = {
    modelVersion: loaded.manifest.version,
    featureNames,
    featureValues: [],
    featureMatrix: encodeFloat32Matrix(matrix),
    backend: options.backend,
    degraded: fallbackReason !== undefined,
    degradedReason: fallbackReason ?? '',
  };
  if (request.scoresOnly) {
    const scores = taskScoreMatrix(request.candidates, predictions, sentiment, options.sessionStrength);
    return { ...answer, candidates: [], taskNames: [...rankerTasks], taskScoreMatrix: encodeFloat64Matrix(scores) };
  }
  const candidates = request.candidates.map((candidate, i) => {
    const taskScores: Record<string, number> = {};
    for (const task of rankerTasks) taskScores[task] = predictions[task][i]!;
    return { ...candidate, taskScores: adaptToSession(taskScores, sentiment.get(candidate.creatorId) ?? 0, options.sessionStrength) };
  });
  // Built directly: every field is set, and fromPartial would copy 500 candidates once more.
  return { ...answer, candidates, taskNames: [], taskScoreMatrix: Buffer.alloc(0) };
}
