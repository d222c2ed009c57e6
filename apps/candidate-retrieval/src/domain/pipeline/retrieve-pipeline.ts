import { Candidate, RetrieveRequest, RetrieveResponse, SourceReport, StageFunnel } from '@cascade/contracts';
import type { ItemCatalog } from '../catalog/item-catalog';
import { CandidateSource, noUserSignals, UserSignals } from '../sources/candidate-source';
import { SourceName, sourceNameOf } from '../sources/source-names';
import { filterCandidates, FilteredCandidate } from './candidate-filters';
import { mergeCandidates } from './merge-candidates';
import { runSources, runSourcesAlongsideUserSignals, SourceRun } from './run-sources';
import { policyFor, sourceQuotas, SurfacePolicies } from './surface-policy';

export interface RetrievalDependencies {
  catalog: ItemCatalog;
  sources: ReadonlyMap<SourceName, CandidateSource>;
  policies: SurfacePolicies;
  blockedCreatorIds: ReadonlySet<string>;
  /** The user's recent engagement and follows; rejects when the feature service cannot answer. */
  userSignals(userId: string, signal: AbortSignal): Promise<UserSignals>;
  now(): number;
}

function languageOf(locale: string): string {
  return locale.split(/[-_]/)[0]?.toLowerCase() ?? '';
}

/**
 * Every field set directly, the catalogue's category list and the merged source entries shared
 * rather than copied: a thousand candidates per request, encoded at once and never mutated
 * (fromPartial's defaulting copy and the copies showed at the top of the service's profile).
 */
function toCandidate({ item, candidate: { itemId, retrievalScore, sources } }: FilteredCandidate): Candidate {
  return {
    itemId,
    creatorId: item.creatorId,
    categories: item.categories as string[],
    createdAtMs: item.createdAtMs,
    durationMs: item.durationMs,
    language: item.language,
    country: item.country,
    sources,
    retrievalScore,
    taskScores: {},
    score: 0,
    position: 0,
    explanation: '',
    propensity: 1,
  };
}

/**
 * Retrieve: every source of the surface's mix at once, each with its quota and timeout (those that
 * read the user's signals once these arrive), one merged and deduplicated list, the filters, the
 * best k. A failing source or an unavailable feature service degrades the answer (and says so)
 * instead of failing it.
 */
export async function retrieve(request: RetrieveRequest, deps: RetrievalDependencies, signal: AbortSignal): Promise<RetrieveResponse> {
  const started = performance.now();
  const policy = policyFor(deps.policies, request.surface);
  const degradedSources: string[] = [];

  // Asked first, so that the feature service works on it while the sources that do not need it run.
  const userSignals = (async () => deps.userSignals(request.userId, signal))().catch(() => {
    degradedSources.push('user_signals');
    return noUserSignals;
  });

  const runs: SourceRun[] = [];
  for (const [name, quota] of sourceQuotas(policy, request.k, request.sourceQuotas)) {
    const source = deps.sources.get(name);
    if (source) runs.push({ source, quota, timeoutMs: policy.sources[name]?.timeoutMs ?? 20 });
  }
  const context = request.context;
  const language = languageOf(context?.locale ?? '');
  const outcomes = await runSourcesAlongsideUserSignals(
    runs,
    { userId: request.userId, surface: request.surface, country: context?.country ?? '', language, nowMs: deps.now(), signal },
    userSignals,
  );
  const user = await userSignals;
  const sourcesAt = performance.now();

  const merged = mergeCandidates(
    outcomes.map(({ source, result }) => ({ source: source.source, weight: policy.sources[source.name as SourceName]?.weight ?? 1, candidates: result.candidates })),
  );
  const { kept, removed } = filterCandidates(
    merged,
    {
      catalog: deps.catalog,
      user,
      excludedItemIds: new Set(request.excludeItemIds),
      blockedCreatorIds: deps.blockedCreatorIds,
      language,
      country: context?.country ?? '',
      requireLanguageMatch: policy.requireLanguageMatch,
      requireCountryMatch: policy.requireCountryMatch,
      creatorCap: policy.creatorCap,
    },
    request.k,
  );

  for (const outcome of outcomes) if (outcome.error !== undefined) degradedSources.push(outcome.source.name);
  const modelVersions = Object.assign({}, ...outcomes.map((o) => o.result.modelVersions ?? {})) as Record<string, string>;
  const reports = outcomes.map(({ source, quota, result, durationMs, error }) =>
    SourceReport.fromPartial({ source: source.source, quota, returned: result.candidates.length, durationMs, failed: error !== undefined, error: error ?? '' }),
  );

  const response: RetrieveResponse = {
    candidates: kept.map(toCandidate),
    degraded: degradedSources.length > 0,
    degradedSources,
    sources: reports,
    removedByFilter: Object.fromEntries(Object.entries(removed).filter(([, count]) => count > 0)),
    modelVersions,
    funnel: request.debug ? funnel(outcomes, merged.length, kept, removed, sourcesAt - started, performance.now() - sourcesAt) : [],
  };
  return response;
}

function funnel(
  outcomes: Awaited<ReturnType<typeof runSources>>,
  mergedCount: number,
  kept: readonly FilteredCandidate[],
  removed: Record<string, number>,
  sourcesMs: number,
  filtersMs: number,
): StageFunnel[] {
  const bySource: Record<string, number> = {};
  for (const { candidate } of kept) for (const { source } of candidate.sources) bySource[sourceNameOf(source)] = (bySource[sourceNameOf(source)] ?? 0) + 1;
  const returned = outcomes.reduce((sum, o) => sum + o.result.candidates.length, 0);
  return [
    ...outcomes.map((o) =>
      StageFunnel.fromPartial({
        stage: `retrieval/${o.source.name}`,
        countIn: o.quota,
        countOut: o.result.candidates.length,
        durationMs: o.durationMs,
        degraded: o.error !== undefined,
        degradedReason: o.error ?? '',
      }),
    ),
    StageFunnel.fromPartial({ stage: 'retrieval/merge', countIn: returned, countOut: mergedCount, durationMs: sourcesMs }),
    StageFunnel.fromPartial({ stage: 'retrieval/filters', countIn: mergedCount, countOut: kept.length, durationMs: filtersMs, removedByFilter: removed, countBySource: bySource }),
  ];
}
