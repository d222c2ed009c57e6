#!/usr/bin/env -S npx tsx
/**
 * Offline full-ranking evaluation of retrieval scorers (popularity, item-kNN, two-tower;
 * `--skip-two-tower` leaves the model out) on one dataset: loads it, splits it, fits every scorer on the same training rows,
 * reports Recall@K / NDCG@K / coverage@K, writes evaluation/results/<dataset>.json and regenerates
 * EVALUATION.md from every results file.
 *
 *   npx tsx tools/src/evaluate-retrieval.ts --dataset movielens-100k
 *   npx tsx tools/src/evaluate-retrieval.ts --dataset world:small --seed 7
 *   npx tsx tools/src/evaluate-retrieval.ts --dataset kafka --brokers 127.0.0.1:9092   # bounded replay of the topics
 */
import {
  DEFAULT_RETRIEVAL_KS,
  evaluateRetrieval,
  isPositiveLabel,
  ItemKnnScorer,
  PopularityScorer,
  retrievalTestSet,
  type RetrievalScorer,
} from '@cascade/models';
import { MultiBar, Presets } from 'cli-progress';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { DATASET_CHOICES, evaluationSplit, loadDataset } from './evaluation/evaluation-datasets';
import { evaluationMarkdown } from './evaluation/evaluation-report';
import { MASKING_RULE, METRICS_RULE, RELEVANCE_RULE, scorerResult, type RetrievalResultsFile, type ScorerResult } from './evaluation/retrieval-results';
import { tuneItemKnn } from './evaluation/tune-item-knn';
import { fitTwoTower } from './evaluation/two-tower-scorer';

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string' },
    'dataset-dir': { type: 'string' },
    seed: { type: 'string', default: '42' },
    'max-events': { type: 'string' },
    brokers: { type: 'string' },
    scorers: { type: 'string', default: 'popularity,item-knn,two-tower' },
    'skip-two-tower': { type: 'boolean', default: false },
    'two-tower-epochs': { type: 'string' },
    'knn-neighbours': { type: 'string' },
    'knn-shrinkage': { type: 'string' },
    results: { type: 'string', default: 'evaluation/results' },
    report: { type: 'string', default: 'EVALUATION.md' },
    quiet: { type: 'boolean', default: false },
  },
});

interface FittedScorer {
  scorer: RetrievalScorer;
  config: Record<string, unknown>;
  fitSeconds: number;
}

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, (performance.now() - started) / 1000];
}

/** Numbers rounded for the results file (nested objects too). */
function round<T>(value: T, digits = 4): T {
  if (typeof value === 'number') return Number(value.toFixed(digits)) as T;
  if (value && typeof value === 'object' && !Array.isArray(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v, digits)])) as T;
  return value;
}

function machine(): string {
  const cores = cpus();
  return `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at start`;
}

async function regenerateReport(resultsDir: string, reportPath: string): Promise<void> {
  const names = (await readdir(resultsDir)).filter((name) => name.endsWith('.json'));
  const files = await Promise.all(names.map(async (name) => JSON.parse(await readFile(join(resultsDir, name), 'utf8')) as RetrievalResultsFile));
  await writeFile(reportPath, evaluationMarkdown(files));
}

async function main(): Promise<void> {
  if (!args.dataset) throw new Error(`--dataset is required: one of ${DATASET_CHOICES.join(', ')}`);
  const seed = Number(args.seed);
  const scorerNames = args.scorers
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !(s === 'two-tower' && args['skip-two-tower']));
  const known = ['popularity', 'item-knn', 'two-tower'];
  const unknown = scorerNames.filter((s) => !known.includes(s));
  if (unknown.length > 0) throw new Error(`unknown scorer(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const machineText = machine();
  const bars = new MultiBar({ format: '{stage} |{bar}| {value}/{total} {unit}', noTTYOutput: !args.quiet, hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
  const log = (line: string) => (args.quiet ? undefined : bars.log(`${line}\n`));

  const eventSource = args.dataset.startsWith('world:') || args.dataset === 'kafka';
  const loadBar = args.quiet || !eventSource ? undefined : bars.create(0, 0, { stage: `folding ${args.dataset} events`.padEnd(28), unit: 'events' });
  const [{ dataset, positiveRule }, loadSeconds] = await timed(() =>
    loadDataset(args.dataset!, {
      seed,
      ...(args['dataset-dir'] ? { dir: args['dataset-dir'] } : {}),
      ...(args['max-events'] ? { maxEvents: Number(args['max-events']) } : {}),
      ...(args.brokers ? { brokers: args.brokers } : {}),
      onEventProgress: (events) => {
        loadBar?.setTotal(events);
        loadBar?.update(events);
      },
    }),
  );
  loadBar?.stop();
  const split = evaluationSplit(dataset, seed);
  const testSet = retrievalTestSet(dataset, split);
  const { label } = dataset.interactions;
  log(
    `${dataset.name}: ${dataset.userIds.length} users, ${dataset.itemIds.length} items, ${label.length} interactions ` +
      `(read in ${loadSeconds.toFixed(1)}s); train/valid/test ${split.train.length}/${split.valid?.length ?? 0}/${split.test.length}; ` +
      `${testSet.users.length} users to evaluate`,
  );

  const fitted: FittedScorer[] = [];
  for (const name of scorerNames) {
    if (name === 'popularity') {
      const [scorer, fitSeconds] = await timed(() => new PopularityScorer(dataset, split.train));
      fitted.push({ scorer, config: {}, fitSeconds });
    } else if (name === 'item-knn') {
      const fixed = args['knn-neighbours'] !== undefined || args['knn-shrinkage'] !== undefined;
      const tuneBar = fixed || !split.valid || args.quiet ? undefined : bars.create(16, 0, { stage: 'item-knn: tuning on valid'.padEnd(28), unit: 'configs' });
      const [choice, tuneSeconds] = await timed(async () =>
        fixed || !split.valid
          ? { neighbours: Number(args['knn-neighbours'] ?? 100), shrinkage: Number(args['knn-shrinkage'] ?? 0), chosenBy: fixed ? 'command line' : 'defaults (no validation part)' }
          : { ...(await tuneItemKnn(dataset, split, (done) => tuneBar?.update(done))), chosenBy: 'best NDCG@10 on the validation part (fit on train)' },
      );
      tuneBar?.stop();
      const [scorer, fitSeconds] = await timed(() => new ItemKnnScorer(dataset, split.train, { neighbours: choice.neighbours, shrinkage: choice.shrinkage }));
      fitted.push({ scorer, config: { ...choice, tuneSeconds: round(tuneSeconds, 2) }, fitSeconds });
    } else if (name === 'two-tower') {
      const trainBar = args.quiet ? undefined : bars.create(1, 0, { stage: 'two-tower: training'.padEnd(28), unit: 'steps' });
      const [fit, fitSeconds] = await timed(() =>
        fitTwoTower(dataset, split, { seed, ...(args['two-tower-epochs'] ? { epochs: Number(args['two-tower-epochs']) } : {}) }, (p) => {
          trainBar?.setTotal(p.epochs * p.steps);
          trainBar?.update(p.epoch * p.steps + p.step, { unit: `steps · epoch ${p.epoch + 1}/${p.epochs} · loss ${p.loss.toFixed(4)} · ${Math.round(p.examplesPerSecond)} ex/s` });
        }),
      );
      trainBar?.stop();
      fitted.push({ scorer: fit.scorer, config: fit.config, fitSeconds });
    }
  }

  const results: ScorerResult[] = [];
  let lastEvaluation: Awaited<ReturnType<typeof evaluateRetrieval>> | undefined;
  for (const { scorer, config, fitSeconds } of fitted) {
    const bar = args.quiet ? undefined : bars.create(testSet.users.length, 0, { stage: `evaluating ${scorer.name}`.padEnd(28), unit: 'users' });
    const evaluation = await evaluateRetrieval(dataset, testSet, scorer, { ks: DEFAULT_RETRIEVAL_KS, onProgress: (done) => bar?.update(done) });
    bar?.stop();
    results.push(scorerResult(evaluation, round(config), fitSeconds));
    lastEvaluation = evaluation;
  }
  bars.stop();

  console.table(
    Object.fromEntries(
      results.map((r) => [r.scorer, { ...Object.fromEntries(Object.entries(r.metrics).map(([k, v]) => [k, Number(v.toFixed(4))])), fit_s: Number(r.fitSeconds.toFixed(1)), eval_s: Number(r.evaluateSeconds.toFixed(1)) }]),
    ),
  );

  const file: RetrievalResultsFile = {
    dataset: dataset.name,
    source: isAbsolute(dataset.source) ? relative(process.cwd(), dataset.source) : dataset.source,
    createdAt: new Date().toISOString(),
    command: `npx tsx tools/src/evaluate-retrieval.ts ${process.argv.slice(2).join(' ')}`,
    machine: machineText,
    counts: {
      users: dataset.userIds.length,
      items: dataset.itemIds.length,
      interactions: label.length,
      positives: label.filter(isPositiveLabel).length,
      trainRows: split.train.length,
      validRows: split.valid?.length ?? 0,
      testRows: split.test.length,
      usersEvaluated: testSet.users.length,
      usersSkipped: testSet.usersSkipped,
      relevantPairs: testSet.relevant.items.length,
      meanMaskedPerUser: lastEvaluation?.meanMaskedPerUser ?? 0,
    },
    protocol: { split: split.protocol, positiveRule, relevance: RELEVANCE_RULE, masking: MASKING_RULE, ks: [...DEFAULT_RETRIEVAL_KS], metrics: METRICS_RULE },
    results,
  };
  await mkdir(args.results, { recursive: true });
  const resultsPath = join(args.results, `${dataset.name}.json`);
  await writeFile(resultsPath, `${JSON.stringify(file, null, 2)}\n`);
  await regenerateReport(args.results, args.report);
  console.log(`wrote ${resultsPath} and ${args.report}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
