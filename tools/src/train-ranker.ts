#!/usr/bin/env -S npx tsx
/**
 * Trains the multi-task ranker on a synthetic world's event log and publishes it to the model
 * registry. Features are computed by replaying the log through the serving feature code, so the
 * model sees exactly what ranking will read. Temporal split: the last 20% of impressions by time
 * are held out for the reported metrics.
 *
 *   npx tsx tools/src/train-ranker.ts --preset small --registry .cache/models
 */
import { featureRegistry, registryVersion } from '@cascade/features';
import {
  auc,
  binaryTasks,
  defaultRankerConfig,
  initModelBackend,
  logLoss,
  ModelRegistry,
  MultiTaskRanker,
  RankingExampleBuilder,
} from '@cascade/models';
import { createWorld, PRESET_NAMES, PresetName } from '@cascade/world';
import { Presets, SingleBar } from 'cli-progress';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    preset: { type: 'string', default: 'small' },
    seed: { type: 'string', default: '42' },
    registry: { type: 'string', default: process.env['MODEL_REGISTRY_DIR'] ?? '.cache/models' },
    name: { type: 'string', default: 'ranker' },
    epochs: { type: 'string', default: '4' },
    'max-events': { type: 'string' },
    'batch-size': { type: 'string', default: '512' },
    quiet: { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  if (!PRESET_NAMES.includes(args.preset as PresetName)) throw new Error(`--preset must be one of ${PRESET_NAMES.join(', ')}`);
  const backend = await initModelBackend();
  const featureNames = featureRegistry.filter((f) => f.type === 'number').map((f) => f.name);
  const world = createWorld({ preset: args.preset as PresetName, seed: Number(args.seed) });
  const builder = new RankingExampleBuilder(featureNames);

  const bar = new SingleBar({ format: 'replaying events |{bar}| {value} events · {impressions} impressions', noTTYOutput: !args.quiet }, Presets.shades_classic);
  if (!args.quiet) bar.start(0, 0, { impressions: 0 });
  let events = 0;
  const maxEvents = args['max-events'] ? Number(args['max-events']) : Number.POSITIVE_INFINITY;
  const replayStarted = performance.now();
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
  const replaySeconds = (performance.now() - replayStarted) / 1000;
  const examples = builder.finish();
  const n = examples.labels.length;
  const width = featureNames.length;
  const cut = Math.floor(n * 0.8);
  const train = { rows: examples.rows.subarray(0, cut * width), labels: examples.labels.slice(0, cut) };
  const test = { rows: examples.rows.subarray(cut * width), labels: examples.labels.slice(cut) };
  console.log(`${n} impressions from ${events} events in ${replaySeconds.toFixed(1)}s; training on ${cut}, testing on ${n - cut}; backend ${backend.name}`);

  const ranker = MultiTaskRanker.create({ ...defaultRankerConfig, featureNames });
  const epochs = Number(args.epochs);
  const epochBar = new SingleBar({ format: 'training |{bar}| epoch {value}/{total} · loss {loss}', noTTYOutput: !args.quiet }, Presets.shades_classic);
  if (!args.quiet) epochBar.start(epochs, 0, { loss: '-' });
  const trainStarted = performance.now();
  await ranker.fit(train.rows, train.labels, {
    epochs,
    batchSize: Number(args['batch-size']),
    onEpochEnd: (epoch, logs) => !args.quiet && epochBar.update(epoch + 1, { loss: (logs['loss'] ?? 0).toFixed(4) }),
  });
  if (!args.quiet) epochBar.stop();
  const trainSeconds = (performance.now() - trainStarted) / 1000;

  // Scored in request-sized batches, as serving does.
  const requestSize = 500;
  const predictions = Object.fromEntries(binaryTasks.map((task) => [task, new Float32Array(n - cut)])) as Record<(typeof binaryTasks)[number], Float32Array>;
  const inferenceStarted = performance.now();
  for (let start = 0; start < n - cut; start += requestSize) {
    const end = Math.min(n - cut, start + requestSize);
    const scored = ranker.predict(test.rows.slice(start * width, end * width));
    for (const task of binaryTasks) predictions[task].set(scored[task], start);
  }
  const inferenceSeconds = (performance.now() - inferenceStarted) / 1000;
  const metrics: Record<string, number> = {
    train_examples_per_second: (cut * epochs) / trainSeconds,
    inference_candidates_per_second: (n - cut) / inferenceSeconds,
  };
  for (const task of binaryTasks) {
    const labels = test.labels.map((l) => l[task]);
    metrics[`auc_${task}`] = auc(labels, predictions[task]);
    metrics[`logloss_${task}`] = logLoss(labels, predictions[task]);
  }
  const published = await new ModelRegistry(args.registry).publish(args.name, (dir) => ranker.save(dir).then((saved) => ({ ...saved })), {
    kind: 'ranker',
    features: { registryVersion, names: featureNames },
    trainingData: { source: `synthetic:${args.preset}:seed=${args.seed}`, fromMs: examples.timesMs[0] ?? 0, toMs: examples.timesMs[cut - 1] ?? 0, examples: cut },
    metrics: Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v))),
    config: { backend: backend.name },
  });
  console.table(Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, Number(v.toFixed(4))])));
  console.log(`published ${args.name}@${published.manifest.version} to ${published.dir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
