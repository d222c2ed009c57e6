import {
  BlendingServiceClient,
  ContentEvent,
  ContentEventType,
  EngagementEvent,
  EngagementType,
  RecommendRequest,
  RecommendResponse,
  ServeEvent,
  Surface,
} from '@cascade/contracts';
import { engagementCodec, ensureTopics, replaySource, replayTopics, serveCodec } from '@cascade/events';
import { dropTopics, requireBrokers, testKafka, TestProducer, uniqueName, waitFor } from '@cascade/events/testing';
import { featureRegistry } from '@cascade/features';
import {
  datasetFromWorld,
  initModelBackend,
  ModelRegistry,
  publishTwoTower,
  RankingExampleBuilder,
  ServeLogExampleBuilder,
  trainAndPublishRanker,
  trainTwoTower,
} from '@cascade/models';
import { createClient, type ServiceClient } from '@cascade/service-kit';
import { ServiceProcess } from '@cascade/service-kit/testing';
import { createWorld } from '@cascade/world';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOUR = 3_600_000;
const surfaces = { spotlight: Surface.SURFACE_SPOTLIGHT, discover: Surface.SURFACE_DISCOVER, stories: Surface.SURFACE_STORIES };

/** Each source's timeout raised so that a busy test machine does not turn this into a test of timeouts. */
function generousSurfaces(): string {
  const source = (share: number, weight: number) => ({ share, weight, timeoutMs: 3000 });
  const surface = (sources: Record<string, { share: number; weight: number; timeoutMs: number }>, creatorCap: number, requireLanguageMatch: boolean, freshMaxAgeMs: number) => ({
    sources,
    creatorCap,
    requireLanguageMatch,
    requireCountryMatch: false,
    freshMaxAgeMs,
  });
  return JSON.stringify({
    spotlight: surface({ two_tower: source(0.5, 1), item_to_item: source(0.25, 0.8), trending: source(0.2, 0.6), fresh: source(0.1, 0.4), following: source(0.1, 0.5), popular: source(0.2, 0.2) }, 5, false, 2 * 24 * HOUR),
    discover: surface({ two_tower: source(0.35, 0.8), item_to_item: source(0.15, 0.6), trending: source(0.4, 1), fresh: source(0.15, 0.4), popular: source(0.3, 0.3) }, 3, false, 3 * 24 * HOUR),
    stories: surface({ following: source(0.8, 1), two_tower: source(0.2, 0.5), fresh: source(0.1, 0.3), popular: source(0.1, 0.1) }, 20, false, 7 * 24 * HOUR),
  });
}

/** Spotlight's second slot always explores uploads of the last ten minutes (a configured policy, for a deterministic check). */
const explorationPolicy = JSON.stringify({
  spotlight: {
    valueWeights: { complete: 1, like: 4, share: 6, follow: 8, watch_ratio: 1, skip: -1, hide: -10 },
    diversity: 0.3,
    creatorCap: 2,
    freshnessBoost: 0.2,
    freshnessHalfLifeMs: 12 * HOUR,
    exploration: { slots: [1], epsilon: 1, maxAgeMs: 10 * 60_000 },
    pins: [],
    blockedItemIds: [],
    blockedCreatorIds: [],
  },
});

describe('Recommend end to end: four services, a real broker, trained models', () => {
  const kafka = testKafka('end-to-end-test');
  const [engagementTopic, contentTopic, serveTopic] = ['engagement', 'content', 'serve'].map((t) => uniqueName(`e2e.${t}`)) as [string, string, string];
  const registryDir = mkdtempSync(join(tmpdir(), 'cascade-e2e-registry-'));
  const producer = new TestProducer(kafka);
  // The simulated window ends an hour ago, so "fresh" below means the uploads this test makes.
  const world = createWorld({ preset: 'tiny', seed: 21, startMs: Date.now() - 49 * HOUR });
  const viewer = world.userAttributes(0).userId;
  const services: ServiceProcess[] = [];
  let ranking: ServiceProcess;
  let client: ServiceClient<typeof BlendingServiceClient>;
  let requests = 0;
  let events = 0;

  const recommend = (surface: Surface, limit = 20, deadlineMs = 10_000): Promise<RecommendResponse> =>
    client.recommend(
      RecommendRequest.fromPartial({ userId: viewer, surface, limit, requestId: `e2e-${++requests}`, context: { country: 'US', locale: 'en-US', sessionId: 's1' } }),
      { budgetMs: deadlineMs },
    );
  const engage = (itemId: string, creatorId: string, type: EngagementType) =>
    EngagementEvent.fromPartial({ eventId: `e2e-${++events}`, userId: viewer, itemId, creatorId, type, eventTimeMs: Date.now(), surface: Surface.SURFACE_SPOTLIGHT, sessionId: 's1', country: 'US' });
  const positionOf = (response: RecommendResponse, creatorId: string) => {
    const found = response.items.findIndex((i) => i.creatorId === creatorId);
    return found < 0 ? Infinity : found;
  };

  beforeAll(async () => {
    await ensureTopics(kafka, [{ topic: engagementTopic }, { topic: contentTopic }, { topic: serveTopic }]);
    await producer.connect();
    for (const batch of world.contentEvents({ batchSize: 2000 })) await producer.content(contentTopic, batch);
    for (const batch of world.engagementEvents({ batchSize: 2000 })) await producer.engagements(engagementTopic, batch);

    // Small models trained on the same world, published to a fresh registry.
    const backend = await initModelBackend();
    const registry = new ModelRegistry(registryDir);
    const featureNames = featureRegistry.filter((f) => f.type === 'number').map((f) => f.name);
    const examples = new RankingExampleBuilder(featureNames);
    for (const batch of world.timeline()) {
      for (const event of batch.content) examples.add(event);
      for (const event of batch.engagement) examples.add(event);
    }
    await trainAndPublishRanker(examples.finish(), { registry, name: 'ranker', source: 'e2e world', backend: backend.name, epochs: 2, batchSize: 256 });
    const dataset = datasetFromWorld(world, 'e2e-world');
    const trainRows = Int32Array.from({ length: dataset.interactions.user.length }, (_, i) => i);
    await publishTwoTower(registry, await trainTwoTower(dataset, trainRows, { epochs: 2, seed: 3 }), { dataset, trainRows, metrics: {} });

    const common = { KAFKA_BROKERS: requireBrokers().join(','), ENGAGEMENT_TOPIC: engagementTopic, CONTENT_TOPIC: contentTopic, MODEL_REGISTRY_DIR: registryDir, CATCH_UP_TIMEOUT_MS: '60000' };
    const feature = new ServiceProcess({ entry: 'apps/feature/src/main.ts', env: { ...common, KAFKA_GROUP_ID: uniqueName('e2e-feature') } });
    services.push(feature);
    const featureAddress = `127.0.0.1:${await feature.port()}`;
    const retrieval = new ServiceProcess({
      entry: 'apps/candidate-retrieval/src/main.ts',
      env: { ...common, FEATURE_ADDR: featureAddress, FEATURE_BUDGET_MS: '3000', RETRIEVAL_SURFACES: generousSurfaces() },
    });
    ranking = new ServiceProcess({ entry: 'apps/ranking/src/main.ts', env: { ...common, FEATURE_ADDR: featureAddress, FEATURE_BUDGET_MS: '3000' } });
    services.push(retrieval, ranking);
    const blending = new ServiceProcess({
      entry: 'apps/blending/src/main.ts',
      env: {
        ...common,
        SERVE_TOPIC: serveTopic,
        RETRIEVAL_ADDR: `127.0.0.1:${await retrieval.port()}`,
        RANKING_ADDR: `127.0.0.1:${await ranking.port()}`,
        RETRIEVAL_BUDGET_MS: '5000',
        RANKING_BUDGET_MS: '5000',
        BLENDING_POLICY: explorationPolicy,
      },
    });
    services.push(blending);
    client = createClient(BlendingServiceClient, `127.0.0.1:${await blending.port()}`, { defaultTimeoutMs: 10_000 });
    await Promise.all(services.map((s) => s.ready()));
    // Both models are picked up from the registry after start.
    await waitFor('both models in service', async () => {
      const response = await recommend(Surface.SURFACE_SPOTLIGHT);
      return Boolean(response.modelVersions['ranker'] && response.modelVersions['two-tower']) && !response.degradedStages.includes('ranking');
    }, 60_000);
  }, 240_000);

  afterAll(async () => {
    client?.close();
    for (const service of services) service.close();
    await producer.disconnect();
    await dropTopics(kafka, [engagementTopic, contentTopic, serveTopic]);
    rmSync(registryDir, { recursive: true, force: true });
  });

  it('recommends on all three surfaces, each item explained, with the models that made the list', async () => {
    for (const [name, surface] of Object.entries(surfaces)) {
      const response = await recommend(surface, 10);
      expect({ name, enough: response.items.length >= 5 && response.items.length <= 10 }).toEqual({ name, enough: true });
      expect(response.items.every((i) => i.explanation.length > 0)).toBe(true);
      expect(new Set(response.items.map((i) => i.itemId)).size).toBe(response.items.length);
      expect(response.degradedStages).not.toContain('ranking');
      expect(response.modelVersions).toEqual({ ranker: expect.any(String), 'two-tower': expect.any(String) });
      // Discover shows at most one video per creator (its policy's cap).
      if (surface === Surface.SURFACE_DISCOVER) expect(new Set(response.items.map((i) => i.creatorId)).size).toBe(response.items.length);
    }
  });

  it('never returns an item again once the user hid it', async () => {
    const [top] = (await recommend(Surface.SURFACE_SPOTLIGHT)).items;
    await producer.engagements(engagementTopic, [engage(top!.itemId, top!.creatorId, EngagementType.ENGAGEMENT_TYPE_HIDE)]);
    const shownAnywhere = async () => {
      for (const surface of Object.values(surfaces)) if ((await recommend(surface, 50)).items.some((i) => i.itemId === top!.itemId)) return true;
      return false;
    };
    // Ranking reacts to the hide as soon as the feature service has it; retrieval's filter once its
    // cached copy of the user's signals expires (USER_SIGNALS_CACHE_TTL_MS): gone everywhere after both.
    await waitFor('the hidden item to be gone from every surface', async () => !(await shownAnywhere()), 10_000);
    for (let round = 0; round < 3; round++) expect(await shownAnywhere()).toBe(false);
  });

  it('raises a creator the user just liked, shared and followed in the session', async () => {
    const before = await recommend(Surface.SURFACE_SPOTLIGHT, 30);
    const shown = new Set(before.items.map((i) => i.itemId));
    const otherItemOf = (creatorId: string) => {
      for (let i = 0; i < world.items.count; i++) {
        const attributes = world.itemAttributes(i);
        if (attributes.creatorId === creatorId && !shown.has(attributes.itemId)) return attributes.itemId;
      }
      return undefined;
    };
    // The lowest-placed creator of the list that has another video to engage with (so the listed ones stay unseen).
    const creators = [...new Set(before.items.map((i) => i.creatorId))].reverse();
    const creatorId = creators.find((c) => positionOf(before, c) > 0 && otherItemOf(c) !== undefined);
    expect(creatorId).toBeDefined();
    const startPosition = positionOf(before, creatorId!);
    const target = otherItemOf(creatorId!)!;
    await producer.engagements(engagementTopic, [
      engage(target, creatorId!, EngagementType.ENGAGEMENT_TYPE_LIKE),
      engage(target, creatorId!, EngagementType.ENGAGEMENT_TYPE_SHARE),
      engage(target, creatorId!, EngagementType.ENGAGEMENT_TYPE_FOLLOW),
    ]);
    await waitFor(
      `creator ${creatorId} to rise from position ${startPosition}`,
      async () => positionOf(await recommend(Surface.SURFACE_SPOTLIGHT, 30), creatorId!) < startPosition,
      10_000,
    );
  });

  it('shows a new upload through an exploration slot, with its propensity logged', async () => {
    const upload = ContentEvent.fromPartial({
      eventId: 'e2e-upload-1',
      itemId: 'e2e-brand-new',
      creatorId: 'e2e-new-creator',
      type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT,
      createdAtMs: Date.now(),
      eventTimeMs: Date.now(),
      durationMs: 20_000,
      categories: [...world.itemAttributes(0).categories],
      language: 'en',
      country: 'US',
    });
    await producer.content(contentTopic, [upload]);
    let response: RecommendResponse | undefined;
    await waitFor('the new upload in the list', async () => (response = await recommend(Surface.SURFACE_SPOTLIGHT)).items.some((i) => i.itemId === 'e2e-brand-new'), 10_000);
    const item = response!.items.find((i) => i.itemId === 'e2e-brand-new')!;
    expect(item.explanation).toContain('new');

    const event = await servedEventOf(response!.requestId);
    expect(event.items.find((i) => i.itemId === 'e2e-brand-new')?.propensity).toBeLessThanOrEqual(1);
    expect(event.items.find((i) => i.itemId === 'e2e-brand-new')?.position).toBe(item.position);
  });

  it('logs every served list with the ranker’s feature values, and the trainer joins them with the engagement that followed', async () => {
    const response = await recommend(Surface.SURFACE_DISCOVER, 10);
    const event = await servedEventOf(response.requestId);
    expect(event!.items.map((i) => i.itemId)).toEqual(response.items.map((i) => i.itemId));
    expect(event!.modelVersions).toEqual(response.modelVersions);
    expect(event!.featureNames.length).toBeGreaterThan(10);
    expect(event!.items.every((i) => i.featureValues.length === event!.featureNames.length)).toBe(true);

    // The item hidden earlier was served before the hide: a labelled negative example.
    const builder = new ServeLogExampleBuilder(event!.featureNames);
    await replayTopics({
      kafka,
      sources: [
        replaySource({ codec: serveCodec, topic: serveTopic, onEvents: (batch) => batch.forEach((d) => builder.addServe(d.event)) }),
        replaySource({ codec: engagementCodec, topic: engagementTopic, onEvents: (batch) => batch.forEach((d) => builder.addEngagement(d.event)) }),
      ],
    });
    const examples = builder.finish();
    expect(examples.labels.length).toBeGreaterThan(50);
    expect(examples.labels.some((l) => l.hide === 1)).toBe(true);
  });

  it('answers within its deadline, degraded and in retrieval order, with the ranking service killed', async () => {
    ranking.signal('SIGKILL');
    await ranking.exited;
    const response = await recommend(Surface.SURFACE_SPOTLIGHT, 10, 2_000);
    expect(response.degraded).toBe(true);
    expect(response.degradedStages).toContain('ranking');
    expect(response.items.length).toBe(10);
  });

  async function readServeEvents(): Promise<ServeEvent[]> {
    const events: ServeEvent[] = [];
    await replayTopics({ kafka, sources: [replaySource({ codec: serveCodec, topic: serveTopic, onEvents: (batch) => void events.push(...batch.map((d) => d.event)) })] });
    return events;
  }

  /** The served list of a request, once blending published it (it is logged off the response path, after a short linger). */
  async function servedEventOf(requestId: string): Promise<ServeEvent> {
    let event: ServeEvent | undefined;
    await waitFor(`the serve event of ${requestId}`, async () => (event = (await readServeEvents()).find((e) => e.requestId === requestId)) !== undefined, 10_000);
    return event!;
  }
});
