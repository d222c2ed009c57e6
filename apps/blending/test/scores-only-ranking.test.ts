import {
  Candidate,
  FeatureColumn,
  FeatureServiceService,
  FeatureType,
  GetFeaturesRequest,
  GetFeaturesResponse,
  RankRequest,
  RankResponse,
  RecommendRequest,
  RetrieveResponse,
  Source,
  Surface,
} from '@cascade/contracts';
import { initModelBackend, ModelRegistry, RankerLabels, trainAndPublishRanker } from '@cascade/models';
import { createClient, type ServiceClient } from '@cascade/service-kit';
import { ServiceProcess } from '@cascade/service-kit/testing';
import { Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultBlendingPolicy } from '../src/domain/policy/blending-policy';
import { recommend, type Stages } from '../src/domain/recommend-pipeline';
import { serveEventOf } from '../src/domain/side-effects/serve-event';
import { RankingStageClient } from '../src/grpc/stage-clients';
import { decodeRetrieveResponse } from '../src/grpc/wire/stage-codecs';

// Blending's pipeline against a real ranking process (a published model, a stand-in feature
// service): the scores-only answer must serve exactly what the echoed answer serves.

const NOW = Date.UTC(2026, 10, 26);
const featureNames = ['item_completion_rate', 'cross_follows_creator', 'user_like_7d'];
const creators = Array.from({ length: 60 }, (_, i) => `creator-${i}`);
const retrieved = RetrieveResponse.fromPartial({
  candidates: Array.from({ length: 300 }, (_, i) =>
    Candidate.fromPartial({
      itemId: `item-${i}`,
      creatorId: creators[(i * 7) % creators.length],
      categories: [`cat-${i % 9}`, `cat-${(i * 5) % 11}`],
      createdAtMs: NOW - (i % 50) * 3_600_000,
      durationMs: 15_000 + i,
      language: 'en',
      country: 'US',
      sources: [{ source: ([Source.SOURCE_TWO_TOWER, Source.SOURCE_TRENDING, Source.SOURCE_FRESH, Source.SOURCE_FOLLOWING] as const)[i % 4]!, score: 1 - i / 400, rank: i }],
      retrievalScore: Math.sin(i) * 2,
    }),
  ),
  modelVersions: { 'two-tower': 'tt-1' },
});
const retrievedBytes = Buffer.from(RetrieveResponse.encode(retrieved).finish());

const hash = (text: string) => [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16_777_619) >>> 0, 2_166_136_261) / 2 ** 32;
const numbers = (name: string, values: number[]) => FeatureColumn.fromPartial({ name, type: FeatureType.FEATURE_TYPE_NUMBER, numbers: values });
const idList = (name: string, ids: string[]) => FeatureColumn.fromPartial({ name, type: FeatureType.FEATURE_TYPE_ID_LIST, idLists: [{ ids }] });

/** Deterministic features per item; a history that makes session adaptation lift and sink some creators; none for "no-features". */
function features(request: GetFeaturesRequest): GetFeaturesResponse {
  return GetFeaturesResponse.fromPartial({
    itemIds: request.itemIds,
    itemFeatures: [numbers('item_completion_rate', request.itemIds.map(hash))],
    crossFeatures: [numbers('cross_follows_creator', request.itemIds.map((id) => (hash(`f-${id}`) < 0.3 ? 1 : 0)))],
    userFeatures: [
      numbers('user_like_7d', [hash(request.userId) * 10]),
      idList('user_history_creator_ids', ['creator-1', 'creator-2', 'creator-3', 'creator-1']),
      idList('user_history_types', ['like', 'hide', 'share', 'complete']),
    ],
  });
}

describe('blending against a real ranking process: scores by index', () => {
  const root = mkdtempSync(join(tmpdir(), 'cascade-blending-scores-only-'));
  const featureServer = new Server();
  let ranking: ServiceProcess;
  let client: ServiceClient<typeof RankingStageClient>;
  const answers: RankResponse[] = [];

  beforeAll(async () => {
    await initModelBackend();
    const labels: RankerLabels[] = Array.from({ length: 64 }, (_, i) => ({ complete: i % 2, like: i % 3 === 0 ? 1 : 0, share: 0, follow: 0, skip: 1 - (i % 2), hide: 0, watch_ratio: (i % 5) / 4 }));
    const rows = Float32Array.from({ length: 64 * featureNames.length }, (_, i) => hash(`row-${i}`));
    await trainAndPublishRanker(
      { featureNames, rows, labels, timesMs: labels.map((_, i) => NOW - 64 + i) },
      { registry: new ModelRegistry(root), name: 'ranker', source: 'test', backend: 'test', epochs: 1, batchSize: 32 },
    );
    featureServer.addService(FeatureServiceService, {
      getFeatures: (call: ServerUnaryCall<GetFeaturesRequest, GetFeaturesResponse>, callback: sendUnaryData<GetFeaturesResponse>) =>
        call.request.userId === 'no-features' ? callback({ code: status.UNAVAILABLE, details: 'down for this test' }) : callback(null, features(call.request)),
    });
    const featurePort = await new Promise<number>((resolve, reject) => featureServer.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, port) => (e ? reject(e) : resolve(port))));
    ranking = new ServiceProcess({
      entry: 'apps/ranking/src/main.ts',
      env: { MODEL_REGISTRY_DIR: root, FEATURE_ADDR: `127.0.0.1:${featurePort}`, FEATURE_BUDGET_MS: '5000', MODEL_POLL_MS: '600000' },
    });
    const port = await ranking.port();
    await ranking.waitForLog((line) => line.msg === 'ranker model loaded');
    client = createClient(RankingStageClient, `127.0.0.1:${port}`, { defaultTimeoutMs: 10_000 });
  }, 120_000);

  afterAll(() => {
    client?.close();
    ranking?.close();
    featureServer.forceShutdown();
    rmSync(root, { recursive: true, force: true });
  });

  /** One Recommend through the pipeline; `echo` asks ranking for candidates back, as before scores_only. */
  async function run(request: RecommendRequest, echo: boolean) {
    const stages: Stages = {
      // Decoded afresh each time, as the stage client does: candidates that forward their bytes.
      retrieve: async () => decodeRetrieveResponse(retrievedBytes),
      rank: async (r: RankRequest) => {
        const answer = await client.rank(echo ? { ...r, scoresOnly: false } : r);
        answers.push(answer);
        return answer;
      },
      popularFallback: () => [],
    };
    const options = { retrievalK: 300, rankingK: 200, rankingFloorPerSource: 10, policy: defaultBlendingPolicy, experiments: [], now: () => NOW };
    const { response, served } = await recommend(request, stages, options);
    const funnel = response.debug?.stages.map((s) => ({ ...s, durationMs: 0 }));
    return { response: { ...response, debug: funnel && { stages: funnel } }, serveEvent: serveEventOf(served, NOW) };
  }

  it.each([
    ['the model path, session adaptation included', 'viewer', Surface.SURFACE_SPOTLIGHT, false],
    ['the heuristic path (features unavailable)', 'no-features', Surface.SURFACE_DISCOVER, true],
  ])('serves the same Recommend response and serve event as the echoed answer on %s', async (_path, userId, surface, degraded) => {
    const request = RecommendRequest.fromPartial({ userId, surface, limit: 20, requestId: `req-${userId}`, debug: true, context: { country: 'US', sessionId: 's1' } });
    answers.length = 0;
    const byIndex = await run(request, false);
    const echoed = await run(request, true);
    // What came over the wire: a matrix of 200 rows, then the 200 candidates echoed.
    expect(answers.map((a) => [a.candidates.length, a.taskNames.length, a.taskScoreMatrix.byteLength / 8 / Math.max(1, a.taskNames.length), a.degraded])).toEqual([
      [0, 7, 200, degraded],
      [200, 0, 0, degraded],
    ]);
    expect(byIndex.response).toEqual(echoed.response);
    expect(byIndex.response.items.length).toBeGreaterThanOrEqual(15);
    expect(byIndex.response.degradedStages).toEqual(degraded ? ['ranking'] : []);
    expect(byIndex.response.items.map((i) => Object.keys(i.taskScores))).toEqual(echoed.response.items.map((i) => Object.keys(i.taskScores)));
    expect(byIndex.serveEvent).toEqual(echoed.serveEvent);
    expect(byIndex.serveEvent.items.every((i) => i.featureValues.length === (degraded ? 0 : featureNames.length))).toBe(true);
  });
});
