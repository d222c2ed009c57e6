import { Candidate, decodeFloat32Matrix, decodeFloat64Matrix, FeatureColumn, FeatureType, GetFeaturesResponse, RankRequest, type RankResponse, Surface } from '@cascade/contracts';
import { registryVersion } from '@cascade/features';
import { defaultRankerConfig, initModelBackend, ModelRegistry, MultiTaskRanker, RankerLabels, rankerTasks } from '@cascade/models';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActiveModel, loadRanker } from './active-model';
import { rankingTasks } from './heuristic-scorer';
import { BatchableModel, InferenceBatcher } from './inference-batcher';
import { ModelVersions } from './model-versions';
import { rankCandidates } from './rank-candidates';

const options = { backend: 'wasm', sessionStrength: 0.25, sessionWindow: 20 };

const featureNames = ['item_completion_rate', 'cross_follows_creator', 'user_like_7d'];
const request = RankRequest.fromPartial({
  userId: 'u1',
  surface: Surface.SURFACE_SPOTLIGHT,
  candidates: ['good', 'bad'].map((itemId, i) => Candidate.fromPartial({ itemId, retrievalScore: i })),
});
/** A scores-only answer's matrix, checked against the echoed answer's task_scores bit for bit (Object.is). */
function expectSameScores(scoresOnly: RankResponse, echoed: RankResponse, taskNames: readonly string[]): void {
  expect(scoresOnly.candidates).toEqual([]);
  expect(echoed.taskNames).toEqual([]);
  expect(echoed.taskScoreMatrix.byteLength).toBe(0);
  expect(scoresOnly.taskNames).toEqual(taskNames);
  const matrix = decodeFloat64Matrix(scoresOnly.taskScoreMatrix);
  expect(matrix).toHaveLength(echoed.candidates.length * taskNames.length);
  echoed.candidates.forEach((candidate, i) => {
    expect(Object.keys(candidate.taskScores)).toEqual(taskNames);
    taskNames.forEach((task, k) => expect(Object.is(matrix[i * taskNames.length + k], candidate.taskScores[task])).toBe(true));
  });
  const rest = (r: RankResponse) => ({ ...r, candidates: [], taskNames: [], taskScoreMatrix: Buffer.alloc(0) });
  expect(rest(scoresOnly)).toEqual(rest(echoed));
}

const column = (name: string, numbers: number[]) => FeatureColumn.fromPartial({ name, type: FeatureType.FEATURE_TYPE_NUMBER, numbers });
const features = GetFeaturesResponse.fromPartial({
  itemIds: ['good', 'bad'],
  itemFeatures: [column('item_completion_rate', [0.9, 0.05])],
  crossFeatures: [column('cross_follows_creator', [1, 0])],
  userFeatures: [column('user_like_7d', [3])],
});

describe('rankCandidates', () => {
  const root = mkdtempSync(join(tmpdir(), 'cascade-ranking-'));
  const registry = new ModelRegistry(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function publishToyRanker(names = featureNames) {
    await initModelBackend();
    const ranker = MultiTaskRanker.create({ ...defaultRankerConfig, featureNames: names, hidden: [8] });
    const rows = new Float32Array(400 * 3);
    const labels: RankerLabels[] = [];
    for (let i = 0; i < 400; i++) {
      const good = i % 2;
      rows.set([good ? 0.9 : 0.05, good, 3], i * 3);
      labels.push({ complete: good, like: good, share: 0, follow: 0, skip: 1 - good, hide: 0, watch_ratio: good });
    }
    await ranker.fit(rows, labels, { epochs: 30, batchSize: 64 });
    return registry.publish('ranker', async (dir) => ({ ...(await ranker.save(dir)) }), {
      kind: 'ranker',
      features: { registryVersion, names },
      trainingData: { source: 'toy', fromMs: 0, toMs: 1, examples: 400 },
      metrics: {},
      config: {},
    });
  }

  it('scores every candidate with the model from one feature call, returning the values used', async () => {
    const model = new ActiveModel();
    model.swap(await loadRanker(await publishToyRanker()));
    const calls: unknown[] = [];
    const response = await rankCandidates(request, { loaded: model.loaded }, async (r) => (calls.push(r), features), options);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ userId: 'u1', itemIds: ['good', 'bad'], numbersAsBytes: true });
    expect(response.degraded).toBe(false);
    expect(response.backend).toBe('wasm');
    expect(response.featureNames).toEqual(featureNames);
    expect(Array.from(decodeFloat32Matrix(response.featureMatrix), (v) => Number(v.toFixed(3)))).toEqual([0.9, 1, 3, 0.05, 0, 3]);
    expect(response.featureValues).toEqual([]);
    const [good, bad] = response.candidates;
    expect(good!.taskScores['complete']).toBeGreaterThan(bad!.taskScores['complete']!);
    expect(bad!.taskScores['skip']).toBeGreaterThan(good!.taskScores['skip']!);
  });

  it('scores concurrent requests through one batched inference as it scores each alone', async () => {
    const model = new ActiveModel();
    model.swap(await loadRanker(await publishToyRanker()));
    const alone = await rankCandidates(request, { loaded: model.loaded }, async () => features, options);
    const predict = jest.spyOn(model.loaded!.ranker, 'predict');
    const batcher = new InferenceBatcher(1000);
    const batched = { ...options, infer: (m: BatchableModel, rows: Float32Array) => batcher.predict(m, rows) };
    const responses = await Promise.all([1, 2, 3].map(() => rankCandidates(request, { loaded: model.loaded }, async () => features, batched)));
    expect(predict).toHaveBeenCalledTimes(1);
    expect(predict.mock.calls[0]![0]).toHaveLength(3 * 2 * featureNames.length);
    // The same scores up to float rounding: a native matmul may block a larger batch differently.
    for (const response of responses) {
      expect(response.candidates.map((c) => c.itemId)).toEqual(alone.candidates.map((c) => c.itemId));
      response.candidates.forEach((candidate, i) => {
        for (const [task, score] of Object.entries(alone.candidates[i]!.taskScores)) expect(candidate.taskScores[task]).toBeCloseTo(score, 6);
      });
    }
  });

  it('falls back to the heuristic, degraded, when features are unavailable or no model is loaded', async () => {
    const model = new ActiveModel();
    const noModel = await rankCandidates(request, { loaded: model.loaded }, async () => features, options);
    expect(noModel).toMatchObject({ degraded: true, degradedReason: expect.stringContaining('no ranking model') });
    model.swap(await loadRanker(await publishToyRanker()));
    const noFeatures = await rankCandidates(request, { loaded: model.loaded }, () => Promise.reject(new Error('DEADLINE_EXCEEDED')), options);
    expect(noFeatures).toMatchObject({ degraded: true, degradedReason: expect.stringContaining('features unavailable') });
    expect(noFeatures.candidates.map((c) => Object.keys(c.taskScores).length)).toEqual([7, 7]);
  });

  it('lifts a creator the user just liked and sinks one they just hid', async () => {
    const model = new ActiveModel();
    model.swap(await loadRanker(await publishToyRanker()));
    const twins = RankRequest.fromPartial({
      userId: 'u1',
      candidates: ['liked-creator', 'hidden-creator', 'other'].map((creatorId) => Candidate.fromPartial({ itemId: `by-${creatorId}`, creatorId })),
    });
    const sameFeatures = GetFeaturesResponse.fromPartial({
      itemIds: twins.candidates.map((c) => c.itemId),
      itemFeatures: [column('item_completion_rate', [0.5, 0.5, 0.5])],
      crossFeatures: [column('cross_follows_creator', [0, 0, 0])],
      userFeatures: [
        column('user_like_7d', [3]),
        { name: 'user_history_creator_ids', type: FeatureType.FEATURE_TYPE_ID_LIST, numbers: [], ids: [], idLists: [{ ids: ['liked-creator', 'hidden-creator'] }], defaultedRows: [] },
        { name: 'user_history_types', type: FeatureType.FEATURE_TYPE_ID_LIST, numbers: [], ids: [], idLists: [{ ids: ['like', 'hide'] }], defaultedRows: [] },
      ],
    });
    let requested: string[] = [];
    const response = await rankCandidates(twins, { loaded: model.loaded }, async (r) => ((requested = r.featureNames), sameFeatures), options);
    expect(requested).toEqual(expect.arrayContaining(['user_history_creator_ids', 'user_history_types']));
    const [liked, hidden, other] = response.candidates.map((c) => c.taskScores);
    expect(liked!['like']).toBeGreaterThan(other!['like']!);
    expect(hidden!['like']).toBeLessThan(other!['like']!);
    expect(hidden!['hide']).toBeGreaterThan(other!['hide']!);
    expect(response.featureNames).toEqual(featureNames);
  });

  it('answers scores_only with the echoed task scores by request index, session adaptation included, on the model path', async () => {
    const model = new ActiveModel();
    model.swap(await loadRanker(await publishToyRanker()));
    const creators = ['liked-creator', 'hidden-creator', 'other', 'liked-creator'];
    const mixed = RankRequest.fromPartial({
      userId: 'u1',
      candidates: creators.map((creatorId, i) => Candidate.fromPartial({ itemId: `item-${i}`, creatorId, retrievalScore: i })),
    });
    const mixedFeatures = GetFeaturesResponse.fromPartial({
      itemIds: mixed.candidates.map((c) => c.itemId),
      itemFeatures: [column('item_completion_rate', [0.9, 0.5, 0.05, 0.3])],
      crossFeatures: [column('cross_follows_creator', [1, 0, 0, 1])],
      userFeatures: [
        column('user_like_7d', [3]),
        { name: 'user_history_creator_ids', type: FeatureType.FEATURE_TYPE_ID_LIST, numbers: [], ids: [], idLists: [{ ids: ['liked-creator', 'hidden-creator'] }], defaultedRows: [] },
        { name: 'user_history_types', type: FeatureType.FEATURE_TYPE_ID_LIST, numbers: [], ids: [], idLists: [{ ids: ['like', 'hide'] }], defaultedRows: [] },
      ],
    });
    const echoed = await rankCandidates(mixed, { loaded: model.loaded }, async () => mixedFeatures, options);
    const scoresOnly = await rankCandidates({ ...mixed, scoresOnly: true }, { loaded: model.loaded }, async () => mixedFeatures, options);
    expect(echoed.degraded).toBe(false);
    // The adaptation did apply: the liked creator's items are lifted above what the model alone said.
    const modelAlone = await rankCandidates(mixed, { loaded: model.loaded }, async () => mixedFeatures, { ...options, sessionStrength: 0 });
    expect(echoed.candidates[3]!.taskScores['like']).toBeGreaterThan(modelAlone.candidates[3]!.taskScores['like']!);
    expect(echoed.candidates[1]!.taskScores['hide']).toBeGreaterThan(modelAlone.candidates[1]!.taskScores['hide']!);
    expectSameScores(scoresOnly, echoed, rankerTasks);
    // Through a pinned version that could not load (degraded, still the model's scores) and the batcher.
    const batcher = new InferenceBatcher(1000);
    const batched = { ...options, infer: (m: BatchableModel, rows: Float32Array) => batcher.predict(m, rows) };
    const fallback = { loaded: model.loaded, fallbackReason: 'model version v9 unavailable' };
    expectSameScores(
      await rankCandidates({ ...mixed, scoresOnly: true }, fallback, async () => mixedFeatures, batched),
      await rankCandidates(mixed, fallback, async () => mixedFeatures, batched),
      rankerTasks,
    );
    const none = await rankCandidates({ ...mixed, candidates: [], scoresOnly: true }, { loaded: model.loaded }, async () => mixedFeatures, options);
    expect(none).toMatchObject({ candidates: [], taskNames: [...rankerTasks], degraded: false });
    expect(none.taskScoreMatrix.byteLength).toBe(0);
  });

  it('answers scores_only with the heuristic’s echoed task scores by request index when no model or no features can answer', async () => {
    const scored = RankRequest.fromPartial({ userId: 'u1', candidates: [-3, 0, 0.5, 7.25].map((retrievalScore, i) => Candidate.fromPartial({ itemId: `i${i}`, retrievalScore })) });
    const model = new ActiveModel();
    const noModel = await rankCandidates({ ...scored, scoresOnly: true }, { loaded: model.loaded }, async () => features, options);
    expect(noModel).toMatchObject({ degraded: true, degradedReason: expect.stringContaining('no ranking model') });
    expectSameScores(noModel, await rankCandidates(scored, { loaded: model.loaded }, async () => features, options), rankingTasks);
    model.swap(await loadRanker(await publishToyRanker()));
    const down = () => Promise.reject(new Error('DEADLINE_EXCEEDED'));
    const noFeatures = await rankCandidates({ ...scored, scoresOnly: true }, { loaded: model.loaded }, down, options);
    expect(noFeatures).toMatchObject({ degraded: true, degradedReason: expect.stringContaining('features unavailable'), modelVersion: model.loaded!.manifest.version });
    expectSameScores(noFeatures, await rankCandidates(scored, { loaded: model.loaded }, down, options), rankingTasks);
  });

  it('serves a requested model version, and LATEST, degraded, when that version cannot load', async () => {
    const latest = new ActiveModel();
    latest.swap(await loadRanker(await publishToyRanker()));
    const pinned = await publishToyRanker();
    const versions = new ModelVersions(latest, async (v) => loadRanker(await registry.resolve('ranker', v)), { maxPinned: 2, retryAfterMs: 60_000, dispose: () => undefined });
    expect((await versions.select(pinned.manifest.version)).loaded?.manifest.version).toBe(pinned.manifest.version);
    const missing = await versions.select('no-such-version');
    expect(missing.loaded?.manifest.version).toBe(latest.loaded?.manifest.version);
    expect(missing.fallbackReason).toContain('model version no-such-version unavailable');
    const response = await rankCandidates(request, missing, async () => features, options);
    expect(response).toMatchObject({ degraded: true, degradedReason: expect.stringContaining('no-such-version') });
    expect(await versions.select('')).toEqual({ loaded: latest.loaded });
  });

  it('refuses a model whose features this build does not serve', async () => {
    const published = await publishToyRanker(['item_completion_rate', 'cross_follows_creator', 'user_like_7d']);
    published.manifest.features.names = ['item_completion_rate', 'retired_feature', 'user_like_7d'];
    await expect(loadRanker(published)).rejects.toThrow('"retired_feature" is not registered');
  });
});
