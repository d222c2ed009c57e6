// Quickstart, before the services start: publishes the first part of a synthetic world to Kafka and,
// unless the registry already has them, trains and publishes a small ranker and two-tower model.
import { topics } from '@cascade/contracts';
import { contentCodec, createEventProducer, createKafka, engagementCodec, ensureTopics, retryRetriable } from '@cascade/events';
import { featureRegistry } from '@cascade/features';
import { datasetFromWorld, initModelBackend, ModelRegistry, publishTwoTower, RankingExampleBuilder, trainAndPublishRanker, trainTwoTower } from '@cascade/models';
import { Presets, SingleBar } from 'cli-progress';
import { quickstartSettings, quickstartWorld } from './world-setup';

async function main(): Promise<void> {
  const settings = quickstartSettings();
  const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
  const world = quickstartWorld(settings);
  const kafka = createKafka({ brokers, clientId: 'cascade-quickstart', kafkaLogLevel: 'nothing' });
  await ensureTopics(kafka, [{ topic: topics.engagement }, { topic: topics.content }, { topic: topics.serve }]);
  const admin = kafka.admin();
  await admin.connect();
  const published = (await retryRetriable(() => admin.fetchTopicOffsets(topics.engagement))).reduce((sum, p) => sum + Number(p.high), 0);
  await admin.disconnect();

  const registry = new ModelRegistry(settings.registryDir);
  const needsRanker = settings.retrain || !(await registry.latestVersion('ranker'));
  const needsTwoTower = settings.retrain || !(await registry.latestVersion('two-tower'));
  const featureNames = featureRegistry.filter((f) => f.type === 'number').map((f) => f.name);
  const examples = needsRanker ? new RankingExampleBuilder(featureNames) : undefined;

  const producer = createEventProducer({ kafka });
  await producer.connect();
  const bar = new SingleBar({ format: `world ${settings.preset} → Kafka |{bar}| {value}/{total} events` }, Presets.shades_classic);
  bar.start(settings.seedEvents, 0);
  let events = 0;
  for (const batch of world.timeline({ batchSize: 5000 })) {
    if (published === 0) {
      await producer.send(contentCodec, batch.content, { topic: topics.content });
      await producer.send(engagementCodec, batch.engagement, { topic: topics.engagement });
    }
    for (const event of batch.content) examples?.add(event);
    for (const event of batch.engagement) examples?.add(event);
    events += batch.content.length + batch.engagement.length;
    bar.update(Math.min(events, settings.seedEvents));
    if (events >= settings.seedEvents) break;
  }
  bar.stop();
  await producer.disconnect();
  if (published > 0) console.log(`topics already hold ${published} engagement events: not republished`);

  if (!needsRanker && !needsTwoTower) {
    console.log(`models found in ${settings.registryDir} (CASCADE_RETRAIN=1 retrains)`);
    return;
  }
  const backend = await initModelBackend();
  if (examples) {
    const epochs = new SingleBar({ format: 'training the ranker |{bar}| epoch {value}/{total} · loss {loss}' }, Presets.shades_classic);
    epochs.start(2, 0, { loss: '-' });
    const trained = await trainAndPublishRanker(examples.finish(), {
      registry,
      name: 'ranker',
      source: `quickstart:${settings.preset}:seed=${settings.seed}`,
      backend: backend.name,
      epochs: 2,
      batchSize: 512,
      onEpochEnd: (epoch, loss) => epochs.update(epoch + 1, { loss: loss.toFixed(4) }),
    });
    epochs.stop();
    console.log(`ranker ${trained.published.manifest.version}: held-out AUC like ${trained.metrics['auc_like']?.toFixed(3)}, skip ${trained.metrics['auc_skip']?.toFixed(3)}`);
  }
  if (needsTwoTower) {
    const dataset = datasetFromWorld(world, `quickstart-${settings.preset}`, { maxEvents: settings.seedEvents });
    const trainRows = Int32Array.from({ length: dataset.interactions.user.length }, (_, i) => i);
    const steps = new SingleBar({ format: 'training the two-tower model |{bar}| {value}/{total} steps · loss {loss}' }, Presets.shades_classic);
    steps.start(1, 0, { loss: '-' });
    const model = await trainTwoTower(dataset, trainRows, {
      epochs: 3,
      onProgress: (p) => {
        steps.setTotal(p.epochs * p.steps);
        steps.update(p.epoch * p.steps + p.step, { loss: p.loss.toFixed(3) });
      },
    });
    steps.stop();
    const version = await publishTwoTower(registry, model, { dataset, trainRows, metrics: {} });
    console.log(`two-tower ${version.manifest.version}: ${dataset.itemIds.length} items embedded`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
