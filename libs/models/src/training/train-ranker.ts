import { registryVersion } from '@cascade/features';
import { auc, logLoss } from '../evaluation/binary-metrics';
import { defaultRankerConfig, MultiTaskRanker } from '../ranker/multi-task-ranker';
import { binaryTasks } from '../ranker/ranker-tasks';
import type { ModelRegistry, PublishedModel } from '../registry/model-registry';
import type { RankingExamples } from './ranking-examples';

export interface TrainRankerOptions {
  registry: ModelRegistry;
  /** Registry name, e.g. "ranker". */
  name: string;
  /** Where the examples came from, for the manifest (e.g. "synthetic:small:seed=42", "kafka:cascade.serve.v1"). */
  source: string;
  backend: string;
  epochs: number;
  batchSize: number;
  /** Latest share of examples (by time) held out for the reported metrics. */
  testFraction?: number;
  onEpochEnd?: (epoch: number, loss: number) => void;
}

export interface TrainedRanker {
  published: PublishedModel;
  metrics: Record<string, number>;
  trainExamples: number;
  testExamples: number;
}

/** Scored in request-sized batches, as serving does. */
const REQUEST_SIZE = 500;

/**
 * Fits the multi-task ranker on time-ordered examples (the latest `testFraction` held out),
 * measures AUC and log-loss per binary task on the held-out part, training throughput and
 * batched inference speed, and publishes the model with its manifest.
 */
export async function trainAndPublishRanker(examples: RankingExamples, options: TrainRankerOptions): Promise<TrainedRanker> {
  const { featureNames } = examples;
  const n = examples.labels.length;
  const width = featureNames.length;
  if (n < 2) throw new Error(`not enough examples to train a ranker: ${n}`);
  const cut = Math.max(1, Math.floor(n * (1 - (options.testFraction ?? 0.2))));
  const train = { rows: examples.rows.subarray(0, cut * width), labels: examples.labels.slice(0, cut) };
  const test = { rows: examples.rows.subarray(cut * width), labels: examples.labels.slice(cut) };

  const ranker = MultiTaskRanker.create({ ...defaultRankerConfig, featureNames });
  const trainStarted = performance.now();
  await ranker.fit(train.rows, train.labels, { epochs: options.epochs, batchSize: options.batchSize, onEpochEnd: (epoch, logs) => options.onEpochEnd?.(epoch, logs['loss'] ?? 0) });
  const trainSeconds = (performance.now() - trainStarted) / 1000;

  const predictions = Object.fromEntries(binaryTasks.map((task) => [task, new Float32Array(n - cut)])) as Record<(typeof binaryTasks)[number], Float32Array>;
  const inferenceStarted = performance.now();
  for (let start = 0; start < n - cut; start += REQUEST_SIZE) {
    const end = Math.min(n - cut, start + REQUEST_SIZE);
    const scored = ranker.predict(test.rows.slice(start * width, end * width));
    for (const task of binaryTasks) predictions[task].set(scored[task], start);
  }
  const inferenceSeconds = (performance.now() - inferenceStarted) / 1000;
  const metrics: Record<string, number> = {
    train_examples_per_second: (cut * options.epochs) / trainSeconds,
    inference_candidates_per_second: (n - cut) / inferenceSeconds,
  };
  for (const task of binaryTasks) {
    const labels = test.labels.map((l) => l[task]);
    metrics[`auc_${task}`] = auc(labels, predictions[task]);
    metrics[`logloss_${task}`] = logLoss(labels, predictions[task]);
  }
  const published = await options.registry.publish(options.name, (dir) => ranker.save(dir).then((saved) => ({ ...saved })), {
    kind: 'ranker',
    features: { registryVersion, names: featureNames },
    trainingData: { source: options.source, fromMs: examples.timesMs[0] ?? 0, toMs: examples.timesMs[cut - 1] ?? 0, examples: cut },
    metrics: Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v))),
    config: { backend: options.backend },
  });
  ranker.dispose();
  return { published, metrics, trainExamples: cut, testExamples: n - cut };
}
