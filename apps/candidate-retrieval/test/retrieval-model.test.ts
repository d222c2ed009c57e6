import { ContentEvent, ContentEventType, RetrievalServiceClient, RetrieveRequest, RetrieveResponse, Source, Surface } from '@cascade/contracts';
import { ensureTopics } from '@cascade/events';
import { dropTopics, requireBrokers, testKafka, TestProducer, uniqueName, waitFor } from '@cascade/events/testing';
import { datasetFromWorld, initModelBackend, ModelRegistry, publishTwoTower, trainTwoTower } from '@cascade/models';
import { createClient, type ServiceClient } from '@cascade/service-kit';
import { ServiceProcess } from '@cascade/service-kit/testing';
import { createWorld } from '@cascade/world';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSurfacePolicies } from '../src/domain/pipeline/surface-policy';

const WORLD = { preset: 'tiny', seed: 11 } as const;

describe('retrieval with a two-tower model from the registry (real broker, real feature service)', () => {
  const kafka = testKafka('retrieval-model-test');
  const engagementTopic = uniqueName('retrieval-model.engagement');
  const contentTopic = uniqueName('retrieval-model.content');
  const registryDir = mkdtempSync(join(tmpdir(), 'cascade-retrieval-registry-'));
  const producer = new TestProducer(kafka);
  const world = createWorld(WORLD);
  let feature: ServiceProcess;
  let retrieval: ServiceProcess;
  let client: ServiceClient<typeof RetrievalServiceClient>;
  let viewer = '';

  const retrieve = (quotas: Record<string, number>): Promise<RetrieveResponse> =>
    client.retrieve(RetrieveRequest.fromPartial({ userId: viewer, surface: Surface.SURFACE_SPOTLIGHT, k: 1000, sourceQuotas: quotas }));
  const twoTowerOnly = { two_tower: 1000, item_to_item: 0, trending: 0, fresh: 0, following: 0, popular: 0 };
  const found = (response: RetrieveResponse, source: Source) => response.candidates.filter((c) => c.sources.some((s) => s.source === source)).map((c) => c.itemId);
  const report = (response: RetrieveResponse, source: Source) => response.sources.find((s) => s.source === source);

  beforeAll(async () => {
    await ensureTopics(kafka, [{ topic: engagementTopic }, { topic: contentTopic }]);
    await producer.connect();
    for (const batch of world.contentEvents({ batchSize: 1000 })) await producer.content(contentTopic, batch);
    for (const batch of world.engagementEvents({ batchSize: 1000 })) await producer.engagements(engagementTopic, batch);

    const topics = { KAFKA_BROKERS: requireBrokers().join(','), ENGAGEMENT_TOPIC: engagementTopic, CONTENT_TOPIC: contentTopic, CATCH_UP_TIMEOUT_MS: '60000' };
    feature = new ServiceProcess({ entry: 'apps/feature/src/main.ts', env: { ...topics, KAFKA_GROUP_ID: uniqueName('retrieval-model-feature') } });
    const featureAddress = `127.0.0.1:${await feature.port()}`;
    retrieval = new ServiceProcess({
      entry: 'apps/candidate-retrieval/src/main.ts',
      env: { ...topics, FEATURE_ADDR: featureAddress, FEATURE_BUDGET_MS: '3000', MODEL_REGISTRY_DIR: registryDir, MODEL_POLL_MS: '200', RETRIEVAL_SURFACES: JSON.stringify({ spotlight: { ...defaultSurfacePolicies.spotlight, creatorCap: 1000 } }) },
    });
    client = createClient(RetrievalServiceClient, `127.0.0.1:${await retrieval.port()}`, { defaultTimeoutMs: 10_000 });
    await Promise.all([feature.ready(), retrieval.ready()]);
    viewer = world.userAttributes(0).userId;
  }, 120_000);

  afterAll(async () => {
    client?.close();
    retrieval?.close();
    feature?.close();
    await producer.disconnect();
    await dropTopics(kafka, [engagementTopic, contentTopic]);
    rmSync(registryDir, { recursive: true, force: true });
  });

  it('answers degraded from the other sources while the ANN source has no model', async () => {
    const response = await retrieve({});
    expect(report(response, Source.SOURCE_TWO_TOWER)).toMatchObject({ failed: true, error: 'no two-tower model loaded' });
    expect(response.degraded).toBe(true);
    expect(response.degradedSources).toEqual(expect.arrayContaining(['two_tower', 'item_to_item']));
    expect(response.candidates.length).toBeGreaterThan(0);
  });

  it('serves a newly published model version without a restart, from both ANN sources', async () => {
    await initModelBackend();
    const dataset = datasetFromWorld(world, 'world-tiny');
    const trainRows = Int32Array.from({ length: dataset.interactions.user.length }, (_, i) => i);
    const model = await trainTwoTower(dataset, trainRows, { epochs: 2, seed: 1 });
    const published = await publishTwoTower(new ModelRegistry(registryDir), model, { dataset, trainRows, metrics: {} });

    await waitFor('the model version in service', async () => (await retrieve(twoTowerOnly)).modelVersions['two-tower'] === published.manifest.version, 30_000);
    const response = await retrieve({ two_tower: 50, item_to_item: 50 });
    expect(found(response, Source.SOURCE_TWO_TOWER).length).toBeGreaterThan(0);
    expect(found(response, Source.SOURCE_ITEM_TO_ITEM).length).toBeGreaterThan(0);
    expect(response.degradedSources).not.toContain('two_tower');
  }, 120_000);

  it('makes a new upload retrievable through the ANN index and removes a deleted item from it', async () => {
    const template = world.itemAttributes(0);
    const upload = ContentEvent.fromPartial({
      eventId: 'new-upload-1',
      itemId: 'brand-new-item',
      creatorId: template.creatorId,
      type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT,
      createdAtMs: Date.now(),
      eventTimeMs: Date.now(),
      durationMs: template.durationMs,
      categories: [...template.categories],
      language: template.language,
      country: template.country,
    });
    await producer.content(contentTopic, [upload]);
    await waitFor('the new upload in the two-tower results', async () => found(await retrieve(twoTowerOnly), Source.SOURCE_TWO_TOWER).includes('brand-new-item'), 10_000);

    await producer.content(contentTopic, [ContentEvent.fromPartial({ eventId: 'delete-1', itemId: 'brand-new-item', type: ContentEventType.CONTENT_EVENT_TYPE_DELETE, eventTimeMs: Date.now() })]);
    await waitFor('the deleted item out of the two-tower results', async () => !found(await retrieve(twoTowerOnly), Source.SOURCE_TWO_TOWER).includes('brand-new-item'), 10_000);
  });
});
