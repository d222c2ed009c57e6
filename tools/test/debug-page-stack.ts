import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCascadeClient } from '@cascade/client';
import { Surface } from '@cascade/contracts';
import { ensureTopics } from '@cascade/events';
import { dropTopics, requireBrokers, testKafka, TestProducer, uniqueName, waitFor } from '@cascade/events/testing';
import { featureRegistry } from '@cascade/features';
import { datasetFromWorld, initModelBackend, ModelRegistry, publishTwoTower, RankingExampleBuilder, trainAndPublishRanker, trainTwoTower } from '@cascade/models';
import { ServiceProcess } from '@cascade/service-kit/testing';
import { createWorld, type World } from '@cascade/world';

const HOUR = 3_600_000;

/** The four services answering Recommend over gRPC on localhost, fed by a tiny world through a real broker. */
export interface RecommendStack {
  blendingAddress: string;
  /** A user of the world with history, to ask recommendations for. */
  viewer: string;
  close(): Promise<void>;
}

/** Small ranker and two-tower models trained on the world, in a fresh registry, so no stage answers from a fallback. */
async function trainModels(world: World, registryDir: string): Promise<void> {
  const backend = await initModelBackend();
  const registry = new ModelRegistry(registryDir);
  const featureNames = featureRegistry.filter((f) => f.type === 'number').map((f) => f.name);
  const examples = new RankingExampleBuilder(featureNames);
  for (const batch of world.timeline()) {
    for (const event of batch.content) examples.add(event);
    for (const event of batch.engagement) examples.add(event);
  }
  await trainAndPublishRanker(examples.finish(), { registry, name: 'ranker', source: 'debug-page world', backend: backend.name, epochs: 1, batchSize: 256 });
  const dataset = datasetFromWorld(world, 'debug-page-world');
  const trainRows = Int32Array.from({ length: dataset.interactions.user.length }, (_, i) => i);
  await publishTwoTower(registry, await trainTwoTower(dataset, trainRows, { epochs: 1, seed: 3 }), { dataset, trainRows, metrics: {} });
}

/** Each source's timeout raised so that a busy test machine does not degrade a source. */
const patientSources = (): string => {
  const source = (share: number, weight: number) => ({ share, weight, timeoutMs: 3000 });
  return JSON.stringify({
    spotlight: {
      sources: { two_tower: source(0.5, 1), item_to_item: source(0.25, 0.8), trending: source(0.2, 0.6), fresh: source(0.1, 0.4), following: source(0.1, 0.5), popular: source(0.2, 0.2) },
      creatorCap: 5,
      requireLanguageMatch: false,
      requireCountryMatch: false,
      freshMaxAgeMs: 2 * 24 * HOUR,
    },
  });
};

/** Publishes a tiny world, trains models on it, starts feature, retrieval, ranking and blending, and waits until both models serve. */
export async function startRecommendStack(): Promise<RecommendStack> {
  const kafka = testKafka('debug-page-test');
  const [engagementTopic, contentTopic, serveTopic] = ['engagement', 'content', 'serve'].map((t) => uniqueName(`debug-page.${t}`)) as [string, string, string];
  const registryDir = mkdtempSync(join(tmpdir(), 'cascade-debug-page-registry-'));
  const world = createWorld({ preset: 'tiny', seed: 7, startMs: Date.now() - 49 * HOUR });
  const services: ServiceProcess[] = [];
  const producer = new TestProducer(kafka);
  const close = async () => {
    for (const service of services) service.close();
    await producer.disconnect().catch(() => undefined);
    await dropTopics(kafka, [engagementTopic, contentTopic, serveTopic]).catch(() => undefined);
    rmSync(registryDir, { recursive: true, force: true });
  };

  try {
    await ensureTopics(kafka, [{ topic: engagementTopic }, { topic: contentTopic }, { topic: serveTopic }]);
    await producer.connect();
    for (const batch of world.contentEvents({ batchSize: 2000 })) await producer.content(contentTopic, batch);
    for (const batch of world.engagementEvents({ batchSize: 2000 })) await producer.engagements(engagementTopic, batch);
    await trainModels(world, registryDir);

    const common = { KAFKA_BROKERS: requireBrokers().join(','), ENGAGEMENT_TOPIC: engagementTopic, CONTENT_TOPIC: contentTopic, MODEL_REGISTRY_DIR: registryDir, CATCH_UP_TIMEOUT_MS: '60000' };
    const feature = new ServiceProcess({ entry: 'apps/feature/src/main.ts', env: { ...common, KAFKA_GROUP_ID: uniqueName('debug-page-feature') } });
    services.push(feature);
    const featureAddress = `127.0.0.1:${await feature.port()}`;
    const retrieval = new ServiceProcess({
      entry: 'apps/candidate-retrieval/src/main.ts',
      env: { ...common, FEATURE_ADDR: featureAddress, FEATURE_BUDGET_MS: '3000', RETRIEVAL_SURFACES: patientSources() },
    });
    const ranking = new ServiceProcess({ entry: 'apps/ranking/src/main.ts', env: { ...common, FEATURE_ADDR: featureAddress, FEATURE_BUDGET_MS: '3000' } });
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
      },
    });
    services.push(blending);
    const blendingAddress = `127.0.0.1:${await blending.port()}`;
    await Promise.all(services.map((s) => s.ready()));

    const viewer = world.userAttributes(0).userId;
    const client = createCascadeClient({ address: blendingAddress, defaultDeadlineMs: 10_000 });
    try {
      await waitFor(
        'both models in service',
        async () => {
          const response = await client.recommend({ userId: viewer, surface: Surface.SURFACE_SPOTLIGHT, limit: 20 });
          return Boolean(response.modelVersions['ranker'] && response.modelVersions['two-tower']) && !response.degraded;
        },
        60_000,
      );
    } finally {
      client.close();
    }
    return { blendingAddress, viewer, close };
  } catch (error) {
    await close();
    throw error;
  }
}
