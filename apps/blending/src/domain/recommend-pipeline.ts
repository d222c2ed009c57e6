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
  StageFunnel,
} from '@cascade/contracts';
import { scoreHistogram } from './debug/score-histogram';
import { explain } from './explain/explanations';
import { rankedCandidatesOf } from './ranked-candidates';
import { FeatureRows } from './side-effects/feature-rows';
import { Assignment, assignExperiments, Experiment, mergedOverrides } from './experiments/experiments';
import { BlendingPolicy, surfaceBlending } from './policy/blending-policy';
import { blendList, BlendedCandidate } from './rerank/blend-list';
import { randomFrom } from './rerank/seeded-random';
import { selectForRanking } from './select-for-ranking';
import { valueModel } from './value-model';

/** The downstream stages, as the pipeline sees them (gRPC clients in the service, fakes in unit tests). */
export interface Stages {
  retrieve(request: RetrieveRequest): Promise<RetrieveResponse>;
  rank(request: RankRequest): Promise<RankResponse>;
  /** Candidates to serve when retrieval cannot answer (a cached popular list). */
  popularFallback(): readonly Candidate[];
}

export interface PipelineOptions {
  retrievalK: number;
  /** Candidates sent to ranking: the best by retrieval score, each source keeping its best `rankingFloorPerSource`. */
  rankingK: number;
  rankingFloorPerSource: number;
  policy: BlendingPolicy;
  experiments: readonly Experiment[];
  now(): number;
  /** Called when a stage fails and its fallback answers. */
  onDegraded?: (stage: string, error: unknown) => void;
}

/** What was served, for the ServeEvent side effect. */
export interface ServedList {
  request: RecommendRequest;
  response: RecommendResponse;
  assignments: Assignment[];
  blended: BlendedCandidate[];
  featureNames: string[];
  /** One row per candidate of the rank response, aligned with `rankedCandidates`. */
  featureRows: FeatureRows;
  rankedCandidates: readonly Candidate[];
}

function toItem({ candidate, value }: BlendedCandidate, position: number, explanation: string, ranked: boolean): RecommendedItem {
  const sources = candidate.sources.map((s) => s.source);
  return {
    itemId: candidate.itemId,
    creatorId: candidate.creatorId,
    score: ranked ? value : candidate.retrievalScore,
    source: sources[0] ?? Source.SOURCE_UNSPECIFIED,
    sources,
    taskScores: candidate.taskScores,
    explanation,
    position,
  };
}

const elapsed = (since: number) => performance.now() - since;

/**
 * Recommend: experiments → retrieval → ranking → value model and re-ranking → explanations. Each
 * stage fails open: without ranking the list keeps retrieval's order; without retrieval it comes
 * from the cached popular list. Either way the response says which stage degraded.
 */
export async function recommend(request: RecommendRequest, stages: Stages, options: PipelineOptions): Promise<{ response: RecommendResponse; served: ServedList }> {
  const degradedStages: string[] = [];
  const funnel: StageFunnel[] = [];
  const degrade = (stage: string, error: unknown) => {
    degradedStages.push(stage);
    options.onDegraded?.(stage, error);
  };
  const assignments = assignExperiments(request.userId, options.experiments);
  const overrides = mergedOverrides(assignments);
  const base = surfaceBlending(options.policy, request.surface);
  const policy = { ...base, valueWeights: { ...base.valueWeights, ...overrides.valueWeights }, diversity: overrides.diversity ?? base.diversity };
  const modelVersions: Record<string, string> = {};

  let started = performance.now();
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
        sourceQuotas: overrides.sourceQuotas ?? {},
        debug: request.debug,
      }),
    );
    candidates = retrieved.candidates;
    Object.assign(modelVersions, retrieved.modelVersions);
    if (retrieved.degraded) degradedStages.push('retrieval');
    funnel.push(...retrieved.funnel);
  } catch (error) {
    degrade('retrieval', error);
    const excluded = new Set(request.excludeItemIds);
    candidates = stages.popularFallback().filter((c) => !excluded.has(c.itemId));
  }
  funnel.push(StageFunnel.fromPartial({ stage: 'retrieval', countOut: candidates.length, durationMs: elapsed(started), degraded: degradedStages.includes('retrieval') }));

  started = performance.now();
  const retrievedCount = candidates.length;
  candidates = selectForRanking(candidates, options.rankingK, options.rankingFloorPerSource);
  let ranked = false;
  let featureNames: string[] = [];
  let featureRows = FeatureRows.none;
  if (candidates.length > 0) {
    try {
      // Built directly: fromPartial would deep-copy the 500 candidates.
      const rankRequest: RankRequest = {
        userId: request.userId,
        surface: request.surface,
        context: request.context,
        candidates,
        requestId: request.requestId,
        modelVersion: overrides.modelVersion ?? '',
        // Ranking answers scores by index rather than echoing the 500 candidates blending holds.
        scoresOnly: true,
      };
      const response = await stages.rank(rankRequest);
      candidates = rankedCandidatesOf(candidates, response);
      // A degraded ranking still scores (its heuristic fallback): the value model applies either way.
      ranked = true;
      featureNames = response.featureNames;
      featureRows = new FeatureRows(response.featureMatrix, featureNames.length);
      if (response.modelVersion) modelVersions['ranker'] = response.modelVersion;
      if (response.degraded) degradedStages.push('ranking');
    } catch (error) {
      degrade('ranking', error);
    }
  }
  const value = valueModel(policy.valueWeights);
  const valueOf = (c: Candidate) => (ranked ? value(c.taskScores) : c.retrievalScore);
  funnel.push(
    StageFunnel.fromPartial({
      stage: 'ranking',
      countIn: retrievedCount,
      countOut: candidates.length,
      removedByFilter: retrievedCount > candidates.length ? { ranking_k: retrievedCount - candidates.length } : {},
      durationMs: elapsed(started),
      degraded: degradedStages.includes('ranking'),
      scoreHistogram: request.debug ? scoreHistogram(candidates.map(valueOf)) : undefined,
    }),
  );

  started = performance.now();
  const nowMs = options.now();
  const { items: blended, removedByFilter } = blendList({
    candidates,
    valueOf,
    policy,
    limit: request.limit,
    nowMs,
    random: randomFrom(request.requestId),
  });
  const blendingDurationMs = elapsed(started);

  const items = blended.map((b, position) =>
    toItem(b, position, explain({ sources: b.candidate.sources.map((s) => s.source), taskScores: b.candidate.taskScores, createdAtMs: b.candidate.createdAtMs, explored: b.explored, pinned: b.pinned }, nowMs), ranked),
  );
  funnel.push(
    StageFunnel.fromPartial({
      stage: 'blending',
      countIn: candidates.length,
      countOut: blended.length,
      durationMs: blendingDurationMs,
      removedByFilter,
      scoreHistogram: request.debug ? scoreHistogram(items.map((item) => item.score)) : undefined,
    }),
  );
  const response = RecommendResponse.fromPartial({
    items,
    requestId: request.requestId,
    experiments: assignments.map(({ experiment, variant }) => ({ experiment, variant })),
    degraded: degradedStages.length > 0,
    degradedStages: [...new Set(degradedStages)],
    modelVersions,
    debug: request.debug ? { stages: funnel } : undefined,
  });
  return { response, served: { request, response, assignments, blended, featureNames, featureRows, rankedCandidates: candidates } };
}
