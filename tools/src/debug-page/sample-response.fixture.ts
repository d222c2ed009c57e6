import { RecommendResponse, Source } from '@cascade/contracts';

/** A debug response shaped like blending's: per-source retrieval stages, filters, histograms, two items. */
export const sampleResponse = RecommendResponse.fromPartial({
  requestId: 'req-1',
  degraded: true,
  degradedStages: ['retrieval'],
  modelVersions: { ranker: 'v7', 'two-tower': 'v3' },
  experiments: [{ experiment: 'diversity', variant: 'high' }],
  items: [
    { itemId: 'item-9', creatorId: 'creator-2', score: 1.25, position: 0, source: Source.SOURCE_TWO_TOWER, sources: [Source.SOURCE_TWO_TOWER, Source.SOURCE_TRENDING], taskScores: { like: 0.4, complete: 0.8 }, explanation: 'similar to videos you liked' },
    { itemId: 'item-<3>', creatorId: 'creator-"q"', score: 0.5, position: 1, source: Source.SOURCE_FRESH, sources: [Source.SOURCE_FRESH], taskScores: { like: 0.1 }, explanation: 'new upload & <b>bold</b>' },
  ],
  debug: {
    stages: [
      { stage: 'retrieval/two_tower', countIn: 50, countOut: 50, durationMs: 4.2 },
      { stage: 'retrieval/trending', countIn: 20, countOut: 18, durationMs: 1.1 },
      { stage: 'retrieval/fresh', countIn: 10, countOut: 0, durationMs: 30, degraded: true, degradedReason: 'deadline exceeded' },
      { stage: 'retrieval/merge', countIn: 68, countOut: 60, durationMs: 31 },
      { stage: 'retrieval/filters', countIn: 60, countOut: 45, durationMs: 0.4, removedByFilter: { seen: 12, creator_cap: 3 }, countBySource: { two_tower: 40, trending: 9 } },
      { stage: 'retrieval', countOut: 45, durationMs: 33, degraded: true },
      { stage: 'ranking', countIn: 45, countOut: 45, durationMs: 12, scoreHistogram: { edges: [0, 0.5, 1, 1.5], counts: [20, 15, 10], count: 45, min: 0, max: 1.5, mean: 0.6, p50: 0.55 } },
      { stage: 'blending', countIn: 45, countOut: 2, durationMs: 0.8, removedByFilter: { duplicate: 1 }, scoreHistogram: { edges: [0.5, 1.25], counts: [2], count: 2, min: 0.5, max: 1.25, mean: 0.875, p50: 0.875 } },
    ],
  },
});
