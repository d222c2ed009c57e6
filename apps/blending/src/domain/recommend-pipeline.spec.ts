import { Candidate, encodeFloat32Matrix, encodeFloat64Matrix, RankRequest, RankResponse, RecommendRequest, RetrieveRequest, RetrieveResponse, ServeEvent, Source, Surface } from '@cascade/contracts';
import { parseExperiments } from './experiments/experiments';
import { BlendingPolicy, defaultBlendingPolicy } from './policy/blending-policy';
import { recommend, Stages } from './recommend-pipeline';
import { serveEventOf } from './side-effects/serve-event';

const NOW = Date.UTC(2026, 10, 25);
const request = RecommendRequest.fromPartial({ userId: 'u1', surface: Surface.SURFACE_SPOTLIGHT, limit: 2, requestId: 'r1' });
const candidates: Candidate[] = ['a', 'b', 'c'].map((id, i) =>
  Candidate.fromPartial({ itemId: id, creatorId: `c-${id}`, categories: [`cat-${id}`], retrievalScore: 3 - i, sources: [{ source: Source.SOURCE_TRENDING, score: 3 - i }] }),
);
const retrieved = RetrieveResponse.fromPartial({ candidates, modelVersions: { 'two-tower': 'v3' } });
const down = () => Promise.reject(new Error('UNAVAILABLE'));
const noExploration: BlendingPolicy = {
  ...defaultBlendingPolicy,
  spotlight: { ...defaultBlendingPolicy.spotlight, exploration: { ...defaultBlendingPolicy.spotlight.exploration, epsilon: 0 }, freshnessBoost: 0 },
};
const options = { retrievalK: 100, rankingK: 100, rankingFloorPerSource: 5, policy: noExploration, experiments: [], now: () => NOW };
const ranker = (r: RankRequest) =>
  Promise.resolve(
    RankResponse.fromPartial({
      candidates: r.candidates.map((c) => ({ ...c, taskScores: { like: c.itemId === 'c' ? 0.9 : 0.1, hide: c.itemId === 'a' ? 0.5 : 0 } })),
      modelVersion: 'ranker-v7',
      featureNames: ['f1', 'f2'],
      featureMatrix: encodeFloat32Matrix(Float32Array.from(r.candidates.flatMap((_, i) => [i, i * 10]))),
    }),
  );
/** `ranker`'s answer by index, as ranking answers a scores_only request. */
const scoresOnlyRanker = async (r: RankRequest) => {
  const echoed = await ranker(r);
  const taskNames = ['like', 'hide'];
  const matrix = Float64Array.from(echoed.candidates.flatMap((c) => taskNames.map((t) => c.taskScores[t]!)));
  return { ...echoed, candidates: [], taskNames, taskScoreMatrix: encodeFloat64Matrix(matrix) };
};
const stages = (overrides: Partial<Stages> = {}): Stages => ({ retrieve: async () => retrieved, rank: ranker, popularFallback: () => [], ...overrides });

describe('recommend pipeline', () => {
  it('orders ranked candidates by value, truncates to the limit, explains each item and reports model versions', async () => {
    const { response } = await recommend(request, stages(), options);
    expect(response.items.map((i) => i.itemId)).toEqual(['c', 'b']);
    expect(response.items.map((i) => i.position)).toEqual([0, 1]);
    expect(response.items[0]).toMatchObject({ source: Source.SOURCE_TRENDING, creatorId: 'c-c', explanation: 'trending near you · often liked' });
    expect(response.modelVersions).toEqual({ 'two-tower': 'v3', ranker: 'ranker-v7' });
    expect(response.degraded).toBe(false);
  });

  it('sends ranking only the best rankingK candidates by retrieval score and shows the cut in the funnel', async () => {
    const rank = jest.fn(ranker);
    const { response } = await recommend({ ...request, debug: true }, stages({ rank }), { ...options, rankingK: 2, rankingFloorPerSource: 0 });
    expect(rank.mock.calls[0]![0].candidates.map((c) => c.itemId)).toEqual(['a', 'b']);
    expect(response.debug?.stages.find((s) => s.stage === 'ranking')).toMatchObject({ countIn: 3, countOut: 2, removedByFilter: { ranking_k: 1 } });
  });

  it('keeps retrieval order and says so when ranking is down', async () => {
    const degraded: string[] = [];
    const { response } = await recommend(request, stages({ rank: down }), { ...options, onDegraded: (s) => degraded.push(s) });
    expect(response.items.map((i) => i.itemId)).toEqual(['a', 'b']);
    expect(response).toMatchObject({ degraded: true, degradedStages: ['ranking'], requestId: 'r1' });
    expect(degraded).toEqual(['ranking']);
  });

  it('serves the cached popular list, degraded, when retrieval is down', async () => {
    const popular = [Candidate.fromPartial({ itemId: 'p1', creatorId: 'x', sources: [{ source: Source.SOURCE_POPULAR }] }), Candidate.fromPartial({ itemId: 'p2', creatorId: 'y' })];
    const { response } = await recommend({ ...request, excludeItemIds: ['p2'] }, stages({ retrieve: down, rank: down, popularFallback: () => popular }), options);
    expect(response.items.map((i) => i.itemId)).toEqual(['p1']);
    expect(response).toMatchObject({ degraded: true, degradedStages: ['retrieval', 'ranking'] });
  });

  it('answers empty, degraded, with retrieval down and nothing cached, without calling ranking', async () => {
    const rank = jest.fn(down);
    const { response } = await recommend(request, stages({ retrieve: down, rank }), options);
    expect(response).toMatchObject({ items: [], degraded: true, degradedStages: ['retrieval'] });
    expect(rank).not.toHaveBeenCalled();
  });

  it('passes degradation reported by a stage through', async () => {
    const { response } = await recommend(request, stages({ rank: async (r) => RankResponse.fromPartial({ candidates: r.candidates, degraded: true }) }), options);
    expect(response.degradedStages).toEqual(['ranking']);
  });

  it('applies an experiment variant: quotas and model version go downstream, weights change the order, the assignment is returned', async () => {
    const experiments = parseExperiments(
      JSON.stringify([{ name: 'hide-averse', salt: 's1', variants: [{ name: 'treatment', percent: 100, overrides: { sourceQuotas: { fresh: 50 }, modelVersion: 'v9', valueWeights: { like: 0, hide: 10 } } }] }]),
    );
    let retrieveRequest: RetrieveRequest | undefined;
    let rankRequest: RankRequest | undefined;
    const { response } = await recommend(
      request,
      stages({ retrieve: async (r) => ((retrieveRequest = r), retrieved), rank: (r) => ((rankRequest = r), ranker(r)) }),
      { ...options, experiments },
    );
    expect(retrieveRequest?.sourceQuotas).toEqual({ fresh: 50 });
    expect(rankRequest?.modelVersion).toBe('v9');
    expect(response.items[0]!.itemId).toBe('a');
    expect(response.experiments).toEqual([{ experiment: 'hide-averse', variant: 'treatment' }]);
  });

  it('returns the funnel with debug and records what was served for the serve log', async () => {
    const { response, served } = await recommend({ ...request, debug: true }, stages(), options);
    expect(response.debug?.stages.map((s) => s.stage)).toEqual(['retrieval', 'ranking', 'blending']);
    const event = serveEventOf(served, NOW);
    expect(event).toMatchObject({ requestId: 'r1', userId: 'u1', servedAtMs: NOW, featureNames: ['f1', 'f2'], modelVersions: { ranker: 'ranker-v7' } });
    // 'c' was the third candidate the ranker saw: its feature row is [2, 20].
    expect(event.items.map((i) => [i.itemId, i.position, i.featureValues, i.propensity])).toEqual([
      ['c', 0, [2, 20], 1],
      ['b', 1, [1, 10], 1],
    ]);
    // A complete message: every field set, as the generated decoder would fill it.
    expect(ServeEvent.decode(ServeEvent.encode(event).finish())).toEqual(event);
  });

  it('logs the feature row of each served candidate, and none for a pin the ranker never saw', async () => {
    const pinned: BlendingPolicy = { ...noExploration, spotlight: { ...noExploration.spotlight, pins: [{ itemId: 'promo', position: 0, creatorId: 'brand' }] } };
    const { served } = await recommend({ ...request, limit: 3 }, stages(), { ...options, policy: pinned });
    expect(serveEventOf(served, NOW).items.map((i) => [i.itemId, i.featureValues])).toEqual([
      ['promo', []],
      ['c', [2, 20]],
      ['b', [1, 10]],
    ]);
  });

  it('asks ranking for scores by index and serves exactly what an echoed answer gives: response, funnel, serve event', async () => {
    const pinned: BlendingPolicy = { ...defaultBlendingPolicy, spotlight: { ...defaultBlendingPolicy.spotlight, pins: [{ itemId: 'promo', position: 1, creatorId: 'brand' }] } };
    const sent: RankRequest[] = [];
    const run = (rank: Stages['rank']) =>
      recommend({ ...request, limit: 3, debug: true }, stages({ rank: (r) => (sent.push(r), rank(r)) }), { ...options, policy: pinned });
    const byIndex = await run(scoresOnlyRanker);
    const echoed = await run(ranker);
    expect(sent.map((r) => r.scoresOnly)).toEqual([true, true]);
    const withoutTimings = (response: typeof byIndex.response) => ({ ...response, debug: { stages: response.debug!.stages.map((s) => ({ ...s, durationMs: 0 })) } });
    expect(withoutTimings(byIndex.response)).toEqual(withoutTimings(echoed.response));
    expect(byIndex.response.items.map((i) => i.itemId)).toEqual(['c', 'promo', 'b']);
    expect(serveEventOf(byIndex.served, NOW)).toEqual(serveEventOf(echoed.served, NOW));
    // The candidates retrieval answered are not written to.
    expect(retrieved.candidates.every((c) => Object.keys(c.taskScores).length === 0)).toBe(true);
  });

  it('degrades ranking, keeping retrieval order, when a scores-only answer does not have a row per candidate', async () => {
    const degraded: string[] = [];
    const short = async (r: RankRequest) => {
      const answer = await scoresOnlyRanker(r);
      return { ...answer, taskScoreMatrix: answer.taskScoreMatrix.subarray(0, 16) };
    };
    const { response } = await recommend(request, stages({ rank: short }), { ...options, onDegraded: (s) => degraded.push(s) });
    expect(response.items.map((i) => i.itemId)).toEqual(['a', 'b']);
    expect(response).toMatchObject({ degraded: true, degradedStages: ['ranking'] });
    expect(degraded).toEqual(['ranking']);
  });

  it('describes the value scores ranking produced and the final list\'s scores with debug', async () => {
    const { response } = await recommend({ ...request, debug: true }, stages(), options);
    const [, ranking, blending] = response.debug!.stages;
    expect(ranking?.scoreHistogram).toMatchObject({ count: 3 });
    expect(ranking?.scoreHistogram?.counts.reduce((a, b) => a + b, 0)).toBe(3);
    const finalScores = response.items.map((i) => i.score);
    expect(blending?.scoreHistogram).toMatchObject({ count: 2, min: Math.min(...finalScores), max: Math.max(...finalScores) });
  });
});
