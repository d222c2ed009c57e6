import {
  Candidate,
  RankRequest,
  RankResponse,
  RecommendedItem,
  RecommendRequest,
  RecommendResponse,
  RetrieveRequest,
  RetrieveResponse,
  Source,
} from '@cascade/contracts';
import { itemValue, ValueWeights } from './value-model';

/** The downstream stages, as the pipeline sees them (gRPC clients in the service, fakes in unit tests). */
export interface Stages {
  retrieve(request: RetrieveRequest): Promise<RetrieveResponse>;
  rank(request: RankRequest): Promise<RankResponse>;
}

export interface PipelineOptions {
  retrievalK: number;
  valueWeights: ValueWeights;
  /** Called when a stage fails and its fallback answers. */
  onDegraded?: (stage: string, error: unknown) => void;
}

function toItem(candidate: Candidate, position: number): RecommendedItem {
  const sources = candidate.sources.map((s) => s.source);
  return {
    itemId: candidate.itemId,
    creatorId: candidate.creatorId,
    score: candidate.score,
    source: sources[0] ?? Source.SOURCE_UNSPECIFIED,
    sources,
    taskScores: candidate.taskScores,
    explanation: candidate.explanation,
    position,
  };
}

/**
 * Retrieval → ranking → value model → top `limit`. Each stage fails open: without ranking the
 * list keeps retrieval's order; without retrieval the answer is empty but still an answer. Either
 * way the response says which stage degraded.
 */
export async function recommend(request: RecommendRequest, stages: Stages, options: PipelineOptions): Promise<RecommendResponse> {
  const degradedStages: string[] = [];
  const degrade = (stage: string, error: unknown) => {
    degradedStages.push(stage);
    options.onDegraded?.(stage, error);
  };

  let candidates: Candidate[] = [];
  try {
    const retrieved = await stages.retrieve(
      RetrieveRequest.fromPartial({
        userId: request.userId,
        surface: request.surface,
        context: request.context,
        k: options.retrievalK,
        excludeItemIds: request.excludeItemIds,
        requestId: request.requestId,
        debug: request.debug,
      }),
    );
    candidates = retrieved.candidates;
    if (retrieved.degraded) degradedStages.push('retrieval');
  } catch (error) {
    degrade('retrieval', error);
  }

  let ranked = false;
  if (candidates.length > 0) {
    try {
      const response = await stages.rank(
        RankRequest.fromPartial({ userId: request.userId, surface: request.surface, context: request.context, candidates, requestId: request.requestId }),
      );
      candidates = response.candidates;
      ranked = true;
      if (response.degraded) degradedStages.push('ranking');
    } catch (error) {
      degrade('ranking', error);
    }
  }

  const scored = candidates.map((c) => ({ ...c, score: ranked ? itemValue(c.taskScores, options.valueWeights) : c.retrievalScore }));
  if (ranked) scored.sort((a, b) => b.score - a.score);
  const items = scored.slice(0, request.limit).map(toItem);
  return RecommendResponse.fromPartial({
    items,
    requestId: request.requestId,
    degraded: degradedStages.length > 0,
    degradedStages: [...new Set(degradedStages)],
  });
}
