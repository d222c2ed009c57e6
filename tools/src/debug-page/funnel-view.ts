import { type RecommendResponse, type ScoreHistogram, type Source, sourceToJSON, type StageFunnel } from '@cascade/contracts';

/** `SOURCE_TWO_TOWER` → `two_tower`, the name retrieval's funnel and policies use. */
export const sourceName = (source: Source): string => sourceToJSON(source).replace(/^SOURCE_/, '').toLowerCase();

const RETRIEVAL_SOURCE_PREFIX = 'retrieval/';
const RETRIEVAL_AGGREGATES = new Set(['retrieval/merge', 'retrieval/filters']);

export interface SourceRow {
  source: string;
  /** Candidates asked of the source. */
  quota: number;
  /** Candidates it returned. */
  returned: number;
  /** Candidates it found that are still there after retrieval's filters. */
  kept: number;
  durationMs: number;
  degraded: boolean;
  degradedReason: string;
}

export interface FilterRow {
  stage: string;
  filter: string;
  removed: number;
}

export interface ScoreDistribution {
  stage: string;
  histogram: ScoreHistogram;
}

export interface FunnelView {
  sources: SourceRow[];
  filters: FilterRow[];
  stages: StageFunnel[];
  distributions: ScoreDistribution[];
}

const isSourceStage = (stage: StageFunnel) => stage.stage.startsWith(RETRIEVAL_SOURCE_PREFIX) && !RETRIEVAL_AGGREGATES.has(stage.stage);

/** What the page draws, read off a Recommend response's debug funnel (empty without one). */
export function funnelView(response: RecommendResponse): FunnelView {
  const stages = response.debug?.stages ?? [];
  const kept: Record<string, number> = {};
  for (const stage of stages) for (const [source, count] of Object.entries(stage.countBySource)) kept[source] = (kept[source] ?? 0) + count;

  const sources = stages.filter(isSourceStage).map((stage) => {
    const source = stage.stage.slice(RETRIEVAL_SOURCE_PREFIX.length);
    return { source, quota: stage.countIn, returned: stage.countOut, kept: kept[source] ?? 0, durationMs: stage.durationMs, degraded: stage.degraded, degradedReason: stage.degradedReason };
  });
  const filters = stages.flatMap((stage) =>
    Object.entries(stage.removedByFilter)
      .filter(([, removed]) => removed > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([filter, removed]) => ({ stage: stage.stage, filter, removed })),
  );
  const distributions = stages.flatMap((stage) => (stage.scoreHistogram && stage.scoreHistogram.count > 0 ? [{ stage: stage.stage, histogram: stage.scoreHistogram }] : []));
  return { sources, filters, stages, distributions };
}
