#!/usr/bin/env -S npx tsx
/**
 * Trains the two-tower retrieval model on one dataset's training split, reports full-ranking
 * Recall@K / NDCG@K on its validation and test parts (the evaluator's split and protocol),
 * training throughput and encoding latency, and publishes it to the model registry as `two-tower`.
 *
 *   npx tsx tools/src/train-retrieval.ts --dataset movielens-100k --registry .cache/models
 *   npx tsx tools/src/train-retrieval.ts --dataset kuairec-small
 *   npx tsx tools/src/train-retrieval.ts --dataset world:small --seed 7
 */
import {
  currentBackend,
  DEFAULT_RETRIEVAL_KS,
  evaluateRetrieval,
  initModelBackend,
  ModelRegistry,
  publishTwoTower,
  retrievalTestSet,
  trainTwoTower,
  TwoTowerModel,
  type InteractionDataset,
  type TwoTowerTrainOptions,
  type UserTowerInput,
} from '@cascade/models';
import { MultiBar, Presets } from 'cli-progress';
import { parseArgs } from 'node:util';
import { DATASET_CHOICES, evaluationSplit, loadDataset } from './evaluation/evaluation-datasets';

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string' },
    'dataset-dir': { type: 'string' },
    seed: { type: 'string', default: '42' },
    'max-events': { type: 'string' },
    registry: { type: 'string', default: process.env['MODEL_REGISTRY_DIR'] ?? '.cache/models' },
    name: { type: 'string', default: 'two-tower' },
    'no-publish': { type: 'boolean', default: false },
    epochs: { type: 'string' },
    'batch-size': { type: 'string' },
    'learning-rate': { type: 'string' },
    temperature: { type: 'string' },
    'extra-negatives': { type: 'string' },
    'id-dropout': { type: 'string' },
    'user-id-dropout': { type: 'string' },
    dim: { type: 'string' },
    'embedding-dim': { type: 'string' },
    hidden: { type: 'string', description: 'comma-separated widths, "" for none' },
    'history-length': { type: 'string' },
    'history-half-life': { type: 'string', description: 'items; "none" for a plain mean' },
    'history-uses-item-ids': { type: 'boolean', default: false },
    'leave-one-out-history': { type: 'boolean', default: false },
    'no-log-q': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});

function trainOptions(): TwoTowerTrainOptions {
  const number = (name: keyof typeof args) => (args[name] === undefined ? undefined : Number(args[name]));
  const options: TwoTowerTrainOptions = {
    epochs: number('epochs'),
    batchSize: number('batch-size'),
    learningRate: number('learning-rate'),
    temperature: number('temperature'),
    extraNegatives: number('extra-negatives'),
    idDropout: number('id-dropout'),
    userIdDropout: number('user-id-dropout'),
    dim: number('dim'),
    embeddingDim: number('embedding-dim'),
    historyLength: number('history-length'),
    historyHalfLife: args['history-half-life'] === 'none' ? null : number('history-half-life'),
    hidden: args.hidden === undefined ? undefined : args.hidden.split(',').filter((w) => w.trim() !== '').map(Number),
    logQCorrection: args['no-log-q'] ? false : undefined,
    historyUsesItemIds: args['history-uses-item-ids'] || undefined,
    causalHistory: args['leave-one-out-history'] ? false : undefined,
    seed: Number(args.seed),
  };
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as TwoTowerTrainOptions;
}

/** Median milliseconds of `run` over `times` calls (after one warm-up call). */
function medianMs(times: number, run: () => void): number {
  run();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

/** Encoding latency as serving sees it: one request's user vector, and new items one at a time and in bulk. */
function encodeLatency(model: TwoTowerModel, dataset: InteractionDataset): Record<string, number> {
  const history = dataset.itemIds.slice(0, model.config.historyLength);
  const request: UserTowerInput[] = [{ userId: dataset.userIds[0]!, history, context: { timeMs: Date.now(), surface: 'spotlight' } }];
  const items = dataset.itemIds.slice(0, 1000).map((itemId, i) => ({ ...dataset.items[i], itemId: `new-${itemId}` }));
  const bulkMs = medianMs(5, () => model.encodeItems(items));
  return {
    encode_user_ms: medianMs(200, () => model.encodeUsers(request)),
    encode_item_ms: medianMs(200, () => model.encodeItems(items.slice(0, 1))),
    encode_items_per_second: (items.length / bulkMs) * 1000,
  };
}

async function main(): Promise<void> {
  if (!args.dataset) throw new Error(`--dataset is required: one of ${DATASET_CHOICES.join(', ')}`);
  const backend = await initModelBackend();
  const seed = Number(args.seed);
  const bars = new MultiBar({ format: '{stage} |{bar}| {value}/{total} {unit}', noTTYOutput: !args.quiet, hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
  const log = (line: string) => (args.quiet ? undefined : bars.log(`${line}\n`));

  const eventSource = args.dataset.startsWith('world:') || args.dataset === 'kafka';
  const loadBar = args.quiet || !eventSource ? undefined : bars.create(0, 0, { stage: `folding ${args.dataset} events`.padEnd(24), unit: 'events' });
  const { dataset } = await loadDataset(args.dataset, {
    seed,
    ...(args['dataset-dir'] ? { dir: args['dataset-dir'] } : {}),
    ...(args['max-events'] ? { maxEvents: Number(args['max-events']) } : {}),
    onEventProgress: (events) => {
      loadBar?.setTotal(events);
      loadBar?.update(events);
    },
  });
  loadBar?.stop();
  const split = evaluationSplit(dataset, seed);
  log(`${dataset.name}: ${dataset.userIds.length} users, ${dataset.itemIds.length} items; train/valid/test ${split.train.length}/${split.valid?.length ?? 0}/${split.test.length} rows (${split.protocol}); backend ${backend.name}`);

  const options = trainOptions();
  const trainBar = args.quiet ? undefined : bars.create(1, 0, { stage: 'training'.padEnd(24), unit: 'steps · epoch - · loss - · - examples/s' });
  const model = await trainTwoTower(dataset, split.train, {
    ...options,
    onProgress: (p) => {
      trainBar?.setTotal(p.epochs * p.steps);
      trainBar?.update(p.epoch * p.steps + p.step, { unit: `steps · epoch ${p.epoch + 1}/${p.epochs} · loss ${p.loss.toFixed(3)} · ${Math.round(p.examplesPerSecond)} examples/s` });
    },
  });
  trainBar?.stop();

  const scorer = model.asScorer();
  const metrics: Record<string, number> = {};
  const parts = [...(split.valid ? [['valid', { train: split.train, test: split.valid, protocol: 'validation' }] as const] : []), ['test', split] as const];
  for (const [part, partSplit] of parts) {
    const testSet = retrievalTestSet(dataset, partSplit);
    const bar = args.quiet ? undefined : bars.create(testSet.users.length, 0, { stage: `evaluating on ${part}`.padEnd(24), unit: 'users' });
    const evaluation = await evaluateRetrieval(dataset, testSet, scorer, { ks: DEFAULT_RETRIEVAL_KS, onProgress: (done) => bar?.update(done) });
    bar?.stop();
    for (const [name, value] of Object.entries(evaluation.metrics)) metrics[`${part}_${name}`] = value;
  }
  bars.stop();

  const training = model.training!;
  Object.assign(metrics, {
    train_examples: training.examples,
    train_seconds: training.seconds,
    train_examples_per_second: training.examplesPerSecond,
    train_final_loss: training.finalLoss,
    ...encodeLatency(model, dataset),
  });
  console.table(Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, Number(v.toFixed(4))])));

  if (args['no-publish']) return;
  const published = await publishTwoTower(new ModelRegistry(args.registry), model, {
    dataset,
    trainRows: split.train,
    metrics,
    name: args.name,
    config: { backend: currentBackend(), split: split.protocol, trainOptions: options },
  });
  console.log(`published ${args.name}@${published.manifest.version} to ${published.dir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
