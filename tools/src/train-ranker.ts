#!/usr/bin/env -S npx tsx
/**
 * Trains the multi-task ranker and publishes it to the model registry, from one of two sources:
 *
 * - `--source world` (default): a synthetic world's event log replayed through the serving
 *   feature code, so each impression's features are what ranking would have read at that time.
 * - `--source kafka`: what was actually served. The serve topic's ServeEvents carry the feature
 *   values the ranker saw; they are joined with the engagement topic (bounded replay up to the end
 *   offsets at start) within the label window.
 *
 * The latest 20% of examples by time are held out for the reported metrics.
 *
 *   npx tsx tools/src/train-ranker.ts --preset small --registry .cache/models
 *   npx tsx tools/src/train-ranker.ts --source kafka --brokers 127.0.0.1:9092 --registry .cache/models
 */
import { topics } from '@cascade/contracts';
import { createKafka, engagementCodec, replaySource, replayTopics, serveCodec } from '@cascade/events';
import { featureRegistry } from '@cascade/features';
import { initModelBackend, ModelRegistry, RankingExampleBuilder, RankingExamples, ServeLogExampleBuilder, trainAndPublishRanker } from '@cascade/models';
import { createWorld, PRESET_NAMES, PresetName } from '@cascade/world';
import { Presets, SingleBar } from 'cli-progress';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    source: { type: 'string', default: 'world' },
    preset: { type: 'string', default: 'small' },
    seed: { type: 'string', default: '42' },
    brokers: { type: 'string', default: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092' },
    'serve-topic': { type: 'string', default: topics.serve },
    'engagement-topic': { type: 'string', default: topics.engagement },
    registry: { type: 'string', default: process.env['MODEL_REGISTRY_DIR'] ?? '.cache/models' },
    name: { type: 'string', default: 'ranker' },
    epochs: { type: 'string', default: '4' },
    'max-events': { type: 'string' },
    'batch-size': { type: 'string', default: '512' },
    quiet: { type: 'boolean', default: false },
  },
});

const featureNames = featureRegistry.filter((f) => f.type === 'number').map((f) => f.name);

function progressBar(format: string): SingleBar {
  return new SingleBar({ format, noTTYOutput: !args.quiet }, Presets.shades_classic);
}

function examplesFromWorld(): { examples: RankingExamples; source: string; events: number } {
  if (!PRESET_NAMES.includes(args.preset as PresetName)) throw new Error(`--preset must be one of ${PRESET_NAMES.join(', ')}`);
  const world = createWorld({ preset: args.preset as PresetName, seed: Number(args.seed) });
  const builder = new RankingExampleBuilder(featureNames);
  const bar = progressBar('replaying events |{bar}| {value} events · {impressions} impressions');
  if (!args.quiet) bar.start(0, 0, { impressions: 0 });
  let events = 0;
  const maxEvents = args['max-events'] ? Number(args['max-events']) : Number.POSITIVE_INFINITY;
  for (const batch of world.timeline()) {
    for (const event of batch.content) builder.add(event);
    for (const event of batch.engagement) builder.add(event);
    events += batch.content.length + batch.engagement.length;
    if (!args.quiet) {
      bar.setTotal(events);
      bar.update(events, { impressions: builder.size });
    }
    if (events >= maxEvents) break;
  }
  if (!args.quiet) bar.stop();
  return { examples: builder.finish(), source: `synthetic:${args.preset}:seed=${args.seed}`, events };
}

async function examplesFromKafka(): Promise<{ examples: RankingExamples; source: string; events: number }> {
  const kafka = createKafka({ brokers: args.brokers, clientId: 'cascade-train-ranker', kafkaLogLevel: 'nothing' });
  const builder = new ServeLogExampleBuilder(featureNames);
  const bar = progressBar('replaying topics |{bar}| {value} events · {served} served items');
  if (!args.quiet) bar.start(0, 0, { served: 0 });
  let events = 0;
  const progress = (n: number) => {
    events += n;
    if (!args.quiet) {
      bar.setTotal(events);
      bar.update(events, { served: builder.servedItems });
    }
  };
  const result = await replayTopics({
    kafka,
    sources: [
      replaySource({ codec: serveCodec, topic: args['serve-topic'], onEvents: (batch) => (batch.forEach((d) => builder.addServe(d.event)), progress(batch.length)) }),
      replaySource({ codec: engagementCodec, topic: args['engagement-topic'], onEvents: (batch) => (batch.forEach((d) => builder.addEngagement(d.event)), progress(batch.length)) }),
    ],
  });
  if (!args.quiet) bar.stop();
  const examples = builder.finish();
  const skipped = Object.values(result.topics).reduce((sum, t) => sum + t.skipped, 0);
  console.log(`${examples.labels.length} served items from ${events} events (${skipped} undecodable skipped, ${examples.skippedLists} lists without the wanted features)`);
  return { examples, source: `kafka:${args['serve-topic']}+${args['engagement-topic']}`, events };
}

async function main(): Promise<void> {
  if (args.source !== 'world' && args.source !== 'kafka') throw new Error('--source must be world or kafka');
  const backend = await initModelBackend();
  const started = performance.now();
  const { examples, source, events } = args.source === 'kafka' ? await examplesFromKafka() : examplesFromWorld();
  const n = examples.labels.length;
  console.log(`${n} examples from ${events} events in ${((performance.now() - started) / 1000).toFixed(1)}s; backend ${backend.name}`);

  const epochs = Number(args.epochs);
  const epochBar = progressBar('training |{bar}| epoch {value}/{total} · loss {loss}');
  if (!args.quiet) epochBar.start(epochs, 0, { loss: '-' });
  const trained = await trainAndPublishRanker(examples, {
    registry: new ModelRegistry(args.registry),
    name: args.name,
    source,
    backend: backend.name,
    epochs,
    batchSize: Number(args['batch-size']),
    onEpochEnd: (epoch, loss) => !args.quiet && epochBar.update(epoch + 1, { loss: loss.toFixed(4) }),
  });
  if (!args.quiet) epochBar.stop();
  console.log(`trained on ${trained.trainExamples}, tested on ${trained.testExamples}`);
  console.table(Object.fromEntries(Object.entries(trained.metrics).map(([k, v]) => [k, Number(v.toFixed(4))])));
  console.log(`published ${args.name}@${trained.published.manifest.version} to ${trained.published.dir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
