import { ContentEvent, ContentEventType, RetrieveRequest, Source, Surface } from '@cascade/contracts';
import { ItemCatalog } from '../catalog/item-catalog';
import { CandidateSource, noUserSignals, SourceResult, UserSignals } from '../sources/candidate-source';
import type { SourceName } from '../sources/source-names';
import { filterCandidates } from './candidate-filters';
import { mergeCandidates } from './merge-candidates';
import { retrieve } from './retrieve-pipeline';
import { runSources, runSourcesAlongsideUserSignals } from './run-sources';
import { defaultSurfacePolicies, parseSurfacePolicies, sourceQuotas } from './surface-policy';

function catalogOf(items: { itemId: string; creatorId: string; language?: string; country?: string }[]): ItemCatalog {
  const catalog = new ItemCatalog();
  items.forEach((item, i) =>
    catalog.apply(ContentEvent.fromPartial({ eventId: item.itemId, type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT, createdAtMs: i + 1, eventTimeMs: i + 1, ...item })),
  );
  return catalog;
}

const fixed = (source: Source, name: string, itemIds: string[]): CandidateSource => ({
  source,
  name,
  needsUserSignals: false,
  retrieve: (q) => ({ candidates: itemIds.slice(0, q.quota).map((itemId, i) => ({ itemId, score: 1 - i / 100 })) }),
});

describe('mergeCandidates', () => {
  it('deduplicates across sources, keeps every source an item came from, and sums weighted reciprocal ranks', () => {
    const merged = mergeCandidates([
      { source: Source.SOURCE_TWO_TOWER, weight: 1, candidates: [{ itemId: 'a', score: 0.9 }, { itemId: 'b', score: 0.8 }] },
      { source: Source.SOURCE_TRENDING, weight: 1, candidates: [{ itemId: 'b', score: 5 }, { itemId: 'c', score: 4 }] },
    ]);
    expect(merged.map((m) => m.itemId)).toEqual(['b', 'a', 'c']);
    const b = merged[0]!;
    expect(b.sources.map((s) => s.source)).toEqual([Source.SOURCE_TRENDING, Source.SOURCE_TWO_TOWER]);
    expect(b.retrievalScore).toBeCloseTo(1 / 60 + 1 / 61, 12);
    expect(b.sources[1]).toMatchObject({ score: 0.8, rank: 1 });
  });

  it('counts an item a source returned twice once, at its best rank', () => {
    const merged = mergeCandidates([{ source: Source.SOURCE_POPULAR, weight: 1, candidates: [{ itemId: 'a', score: 2 }, { itemId: 'b', score: 1 }, { itemId: 'a', score: 0 }] }]);
    expect(merged.map((m) => m.itemId)).toEqual(['a', 'b']);
    expect(merged[0]!.sources).toEqual([{ source: Source.SOURCE_POPULAR, score: 2, rank: 0, contribution: 1 / 60 }]);
    expect(merged[0]!.retrievalScore).toBeCloseTo(1 / 60, 12);
  });

  it('breaks score ties by item id', () => {
    const merged = mergeCandidates([
      { source: Source.SOURCE_TWO_TOWER, weight: 1, candidates: [{ itemId: 'y', score: 1 }] },
      { source: Source.SOURCE_TRENDING, weight: 1, candidates: [{ itemId: 'x', score: 1 }] },
    ]);
    expect(merged.map((m) => m.itemId)).toEqual(['x', 'y']);
  });

  it('lets a weight reorder the sources', () => {
    const merged = mergeCandidates([
      { source: Source.SOURCE_TWO_TOWER, weight: 0.1, candidates: [{ itemId: 'a', score: 1 }] },
      { source: Source.SOURCE_TRENDING, weight: 1, candidates: [{ itemId: 'z', score: 1 }] },
    ]);
    expect(merged.map((m) => m.itemId)).toEqual(['z', 'a']);
  });
});

describe('filterCandidates', () => {
  const catalog = catalogOf([
    { itemId: 'ok', creatorId: 'c1', language: 'en' },
    { itemId: 'ok2', creatorId: 'c1', language: 'en' },
    { itemId: 'capped', creatorId: 'c1', language: 'en' },
    { itemId: 'seen', creatorId: 'c2' },
    { itemId: 'hidden', creatorId: 'c3' },
    { itemId: 'same-creator-as-hidden', creatorId: 'c3' },
    { itemId: 'moderated', creatorId: 'bad' },
    { itemId: 'german', creatorId: 'c4', language: 'de' },
    { itemId: 'excluded', creatorId: 'c5' },
  ]);
  const merged = ['ok', 'excluded', 'ghost', 'seen', 'hidden', 'same-creator-as-hidden', 'moderated', 'german', 'ok2', 'capped'].map((itemId, i) => ({
    itemId,
    retrievalScore: 1 - i / 100,
    sources: [],
  }));
  const user: UserSignals = { ...noUserSignals, seenItemIds: ['seen'], negativeItemIds: ['hidden'] };

  it('removes each kind of ineligible item and counts it under its filter', () => {
    const { kept, removed } = filterCandidates(
      merged,
      {
        catalog,
        user,
        excludedItemIds: new Set(['excluded']),
        blockedCreatorIds: new Set(['bad']),
        language: 'en',
        country: 'US',
        requireLanguageMatch: true,
        requireCountryMatch: false,
        creatorCap: 2,
      },
      100,
    );
    expect(kept.map((k) => k.candidate.itemId)).toEqual(['ok', 'ok2']);
    expect(kept[0]!.item.creatorId).toBe('c1');
    expect(removed).toEqual({ excluded: 1, unavailable: 1, seen: 2, blocked_creator: 2, language: 1, country: 0, creator_cap: 1 });
  });

  it('blocks moderated creators for a user who hid nothing, and counts the creator cap per creator', () => {
    const { kept, removed } = filterCandidates(
      merged,
      { catalog, user: noUserSignals, excludedItemIds: new Set(), blockedCreatorIds: new Set(['bad', 'c4']), language: 'en', country: 'US', requireLanguageMatch: false, requireCountryMatch: false, creatorCap: 1 },
      100,
    );
    expect(kept.map((k) => k.candidate.itemId)).toEqual(['ok', 'excluded', 'seen', 'hidden']);
    expect(removed).toMatchObject({ unavailable: 1, blocked_creator: 2, creator_cap: 3 });
  });

  it('stops once the limit is kept', () => {
    const { kept } = filterCandidates(merged, { catalog, user: noUserSignals, excludedItemIds: new Set(), blockedCreatorIds: new Set(), language: '', country: '', requireLanguageMatch: false, requireCountryMatch: false, creatorCap: 10 }, 1);
    expect(kept.map((k) => k.candidate.itemId)).toEqual(['ok']);
  });
});

describe('runSources', () => {
  const signal = new AbortController().signal;
  const base = { userId: 'u', surface: Surface.SURFACE_SPOTLIGHT, country: '', language: '', nowMs: 0, user: noUserSignals, signal };

  it('contains failures and timeouts and trims to the quota', async () => {
    const slow: CandidateSource = { source: Source.SOURCE_TWO_TOWER, name: 'two_tower', needsUserSignals: true, retrieve: () => new Promise<SourceResult>(() => undefined) };
    const broken: CandidateSource = {
      source: Source.SOURCE_ITEM_TO_ITEM,
      name: 'item_to_item',
      needsUserSignals: true,
      retrieve: () => {
        throw new Error('index not loaded');
      },
    };
    const outcomes = await runSources(
      [
        { source: slow, quota: 5, timeoutMs: 20 },
        { source: broken, quota: 5, timeoutMs: 20 },
        { source: fixed(Source.SOURCE_POPULAR, 'popular', ['a', 'b', 'c']), quota: 2, timeoutMs: 20 },
      ],
      base,
    );
    expect(outcomes.map((o) => o.error)).toEqual(['timed out after 20 ms', 'index not loaded', undefined]);
    expect(outcomes[2]!.result.candidates.map((c) => c.itemId)).toEqual(['a', 'b']);
  });

  it('aborts a source’s signal when it times out', async () => {
    let aborted = false;
    const listening: CandidateSource = {
      source: Source.SOURCE_TWO_TOWER,
      name: 'two_tower',
      needsUserSignals: true,
      retrieve: (q) => new Promise<SourceResult>((resolve) => q.signal.addEventListener('abort', () => ((aborted = true), resolve({ candidates: [] })))),
    };
    await runSources([{ source: listening, quota: 1, timeoutMs: 5 }], base);
    expect(aborted).toBe(true);
  });
});

describe('runSourcesAlongsideUserSignals', () => {
  it('gives the user’s signals only to the sources that read them, and keeps the order of the runs', async () => {
    const seenBy = (name: string, needsUserSignals: boolean): CandidateSource => ({
      source: Source.SOURCE_POPULAR,
      name,
      needsUserSignals,
      retrieve: (q) => ({ candidates: q.user.followedCreatorIds.map((id) => ({ itemId: `${name}:${id}`, score: 1 })) }),
    });
    const outcomes = await runSourcesAlongsideUserSignals(
      [
        { source: seenBy('dependent', true), quota: 5, timeoutMs: 50 },
        { source: seenBy('independent', false), quota: 5, timeoutMs: 50 },
      ],
      { userId: 'u', surface: Surface.SURFACE_SPOTLIGHT, country: '', language: '', nowMs: 0, signal: new AbortController().signal },
      Promise.resolve({ ...noUserSignals, followedCreatorIds: ['c1'] }),
    );
    expect(outcomes.map((o) => [o.source.name, o.result.candidates.map((c) => c.itemId)])).toEqual([
      ['dependent', ['dependent:c1']],
      ['independent', []],
    ]);
  });
});

describe('surface policies', () => {
  it('asks each source for its share of k, with request overrides winning', () => {
    const quotas = sourceQuotas(defaultSurfacePolicies.stories, 100, { popular: 0, trending: 7 });
    expect(Object.fromEntries(quotas)).toEqual({ following: 80, two_tower: 20, fresh: 10, trending: 7 });
  });

  it('parses a configured surface and rejects a bad one naming the path', () => {
    const policies = parseSurfacePolicies(JSON.stringify({ stories: { ...defaultSurfacePolicies.stories, creatorCap: 1 } }));
    expect(policies.stories.creatorCap).toBe(1);
    expect(policies.spotlight).toEqual(defaultSurfacePolicies.spotlight);
    expect(() => parseSurfacePolicies(JSON.stringify({ discover: { ...defaultSurfacePolicies.discover, sources: { ann: { share: 1, weight: 1, timeoutMs: 5 } } } }))).toThrow(
      /surface policy discover\.sources/,
    );
    expect(() => parseSurfacePolicies(JSON.stringify({ spotlight: { ...defaultSurfacePolicies.spotlight, creatorCap: 0 } }))).toThrow(/spotlight\.creatorCap/);
  });
});

describe('retrieve', () => {
  const catalog = catalogOf(['a', 'b', 'c', 'd', 'e'].map((itemId) => ({ itemId, creatorId: `cr-${itemId}` })));
  const sources = new Map<SourceName, CandidateSource>([
    ['two_tower', { source: Source.SOURCE_TWO_TOWER, name: 'two_tower', needsUserSignals: true, retrieve: () => Promise.reject(new Error('ann down')) }],
    ['trending', fixed(Source.SOURCE_TRENDING, 'trending', ['b', 'a'])],
    ['popular', fixed(Source.SOURCE_POPULAR, 'popular', ['a', 'c', 'd', 'e'])],
  ]);
  const deps = {
    catalog,
    sources,
    policies: defaultSurfacePolicies,
    blockedCreatorIds: new Set<string>(),
    userSignals: async (): Promise<UserSignals> => ({ ...noUserSignals, seenItemIds: ['d'] }),
    now: () => 0,
  };

  it('answers from the remaining sources when one fails, says so, and reports every source and filter', async () => {
    const request = RetrieveRequest.fromPartial({ userId: 'u', surface: Surface.SURFACE_SPOTLIGHT, k: 20, excludeItemIds: ['e'], debug: true });
    const response = await retrieve(request, deps, new AbortController().signal);
    expect(response.candidates.map((c) => c.itemId)).toEqual(['a', 'b', 'c']);
    expect(response.candidates[0]!.sources.map((s) => s.source)).toEqual([Source.SOURCE_TRENDING, Source.SOURCE_POPULAR]);
    expect(response.candidates[0]!.creatorId).toBe('cr-a');
    expect(response.degraded).toBe(true);
    expect(response.degradedSources).toEqual(['two_tower']);
    expect(response.removedByFilter).toEqual({ seen: 1, excluded: 1 });
    expect(response.sources.find((s) => s.source === Source.SOURCE_TWO_TOWER)).toMatchObject({ failed: true, error: 'ann down', returned: 0 });
    expect(response.funnel.map((f) => f.stage)).toContain('retrieval/filters');
  });

  it('runs the sources that do not read the user’s signals while these are fetched, and the others with them', async () => {
    const calls: string[] = [];
    let answer: (user: UserSignals) => void = () => undefined;
    const following: CandidateSource = {
      source: Source.SOURCE_FOLLOWING,
      name: 'following',
      needsUserSignals: true,
      retrieve: (q) => (calls.push(`following sees ${q.user.followedCreatorIds.join()}`), { candidates: [{ itemId: 'e', score: 1 }] }),
    };
    const trending: CandidateSource = { ...fixed(Source.SOURCE_TRENDING, 'trending', ['b']), retrieve: (q) => (calls.push('trending'), { candidates: q.quota > 0 ? [{ itemId: 'b', score: 1 }] : [] }) };
    const pending = retrieve(
      RetrieveRequest.fromPartial({ userId: 'u', surface: Surface.SURFACE_STORIES, k: 10, sourceQuotas: { trending: 5 } }),
      {
        ...deps,
        sources: new Map<SourceName, CandidateSource>([['following', following], ['trending', trending]]),
        userSignals: () => new Promise<UserSignals>((resolve) => (answer = resolve)),
      },
      new AbortController().signal,
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['trending']);
    answer({ ...noUserSignals, followedCreatorIds: ['cr-e'] });
    const response = await pending;
    expect(calls).toEqual(['trending', 'following sees cr-e']);
    expect(response.sources.map((s) => s.source)).toEqual([Source.SOURCE_TRENDING, Source.SOURCE_FOLLOWING]);
    expect(response.candidates.map((c) => c.itemId).sort()).toEqual(['b', 'e']);
  });

  it('still answers when the user’s signals are unavailable, even when asking for them throws', async () => {
    const response = await retrieve(
      RetrieveRequest.fromPartial({ userId: 'u', surface: Surface.SURFACE_SPOTLIGHT, k: 20 }),
      { ...deps, userSignals: () => Promise.reject(new Error('feature service down')) },
      new AbortController().signal,
    );
    expect(response.candidates.map((c) => c.itemId)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(response.degradedSources).toEqual(['user_signals', 'two_tower']);
    expect(response.funnel).toEqual([]);
    const throwing = await retrieve(
      RetrieveRequest.fromPartial({ userId: 'u', surface: Surface.SURFACE_SPOTLIGHT, k: 20 }),
      {
        ...deps,
        userSignals: () => {
          throw new Error('no channel');
        },
      },
      new AbortController().signal,
    );
    expect(throwing.degradedSources).toEqual(['user_signals', 'two_tower']);
    expect(throwing.candidates).toHaveLength(5);
  });
});
