// ANN retrieval benchmark (issue 5): recall@k against exact inner-product search, queries/s per
// core, per-search latency (= event-loop block, the search is one synchronous native call), build
// time, index size and memory, on clustered synthetic unit vectors standing in for two-tower item
// embeddings. DESIGN bar: recall@100 ≥ 0.95 at ≥ 2,000 queries/s per core on 1M × 64.
//
//   npx tsx tools/bench/ann.ts [--items 1000000] [--dim 64] [--queries 1000] [--k 100]
//                              [--m 16] [--ef-construction 200] [--efs 100,150,200,300,400] [--rebuild] [--json <file>]
//
// The exact top-k (ground truth) and the built index are cached under .cache/bench/ann/ keyed by
// their parameters, so a rerun with other ef values measures only the searches (--rebuild builds
// again). Prints a Markdown section and writes the raw results to .cache/bench/ann-<items>.json.
import {
  AnnIndex,
  annFilesSize,
  AnnSearchResult,
  buildAnnIndex,
  clusteredUnitVectors,
  exactTopK,
  ExactTopK,
  initModelBackend,
  recallAtK,
  seededRandom,
  tf,
} from '@cascade/models';
import { Presets, SingleBar } from 'cli-progress';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchBar, benchCommand, writeBenchResult } from './suite/result';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '1000000' },
    dim: { type: 'string', default: '64' },
    queries: { type: 'string', default: '1000' },
    k: { type: 'string', default: '100' },
    clusters: { type: 'string', default: '1000' },
    spread: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '1' },
    m: { type: 'string', default: '16' },
    'ef-construction': { type: 'string', default: '200' },
    efs: { type: 'string', default: '100,150,200,300,400' },
    'filter-share': { type: 'string', default: '0.1' },
    rebuild: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const int = (name: keyof typeof args) => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
};
const config = {
  items: int('items'),
  dim: int('dim'),
  queries: int('queries'),
  k: int('k'),
  clusters: int('clusters'),
  spread: Number(args.spread),
  seed: int('seed'),
};
const params = { m: int('m'), efConstruction: int('ef-construction') };
const efs = String(args.efs).split(',').map(Number);
const filterShare = Number(args['filter-share']);

const root = join(__dirname, '..', '..');
const cacheDir = join(root, '.cache', 'bench', 'ann');
const key = (value: object) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);
const dataKey = key(config);
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const mib = (bytes: number) => bytes / 2 ** 20;
const rss = () => process.memoryUsage().rss;

function bar(label: string, unit: string): SingleBar {
  return new SingleBar({ format: `${label.padEnd(14)} |{bar}| {percentage}% · {value}/{total} ${unit} · eta {eta_formatted}`, etaBuffer: 50 }, Presets.shades_classic);
}

function vectorsFor(count: number, seed: number): Float32Array {
  // Items and queries share the cluster centres: queries are users whose tastes follow the same topics.
  return clusteredUnitVectors(count, config.dim, { clusters: config.clusters, spread: config.spread, seed, centresSeed: config.seed * 7_919 });
}

async function groundTruth(items: Float32Array, queries: Float32Array): Promise<{ exact: ExactTopK; seconds: number; cached: boolean; method: string }> {
  const file = join(cacheDir, `truth-${dataKey}.bin`);
  const size = config.queries * config.k;
  if (existsSync(file)) {
    const bytes = readFileSync(file);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return { exact: { k: config.k, rows: new Int32Array(buffer, 0, size), scores: new Float32Array(buffer, size * 4, size) }, seconds: 0, cached: true, method: 'cache' };
  }
  const native = await initModelBackend({ prefer: ['tensorflow'] }).then(
    () => true,
    () => false,
  );
  const progress = bar('exact top-k', 'queries');
  progress.start(config.queries, 0);
  const started = performance.now();
  const exact = native ? exactTopKNative(items, queries, (done) => progress.update(done)) : exactTopKBlocked(items, queries, (done) => progress.update(done));
  progress.stop();
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(file, Buffer.concat([Buffer.from(exact.rows.buffer), Buffer.from(exact.scores.buffer)]));
  return { exact, seconds, cached: false, method: native ? 'TF.js native matMul + topk' : 'blocked Float32Array loop' };
}

/** The library's blocked loop, a block of queries at a time for progress. */
function exactTopKBlocked(items: Float32Array, queries: Float32Array, onProgress: (done: number) => void): ExactTopK {
  const { dim, k } = config;
  const rows = new Int32Array(config.queries * k);
  const scores = new Float32Array(config.queries * k);
  for (let q = 0; q < config.queries; q += 16) {
    const end = Math.min(config.queries, q + 16);
    const part = exactTopK(items, queries.subarray(q * dim, end * dim), dim, k);
    rows.set(part.rows, q * k);
    scores.set(part.scores, q * k);
    onProgress(end);
  }
  return { k, rows, scores };
}

/** Same answer through native TensorFlow: matMul + topk per item chunk, then a merge of the chunks' top-k in JS. */
function exactTopKNative(items: Float32Array, queries: Float32Array, onProgress: (done: number) => void): ExactTopK {
  const { dim, k } = config;
  const itemCount = items.length / dim;
  const chunkSize = 1 << 17;
  const queryBlock = 200;
  const chunks = Array.from({ length: Math.ceil(itemCount / chunkSize) }, (_, c) => {
    const start = c * chunkSize;
    const end = Math.min(itemCount, start + chunkSize);
    return { start, tensor: tf.tensor2d(items.subarray(start * dim, end * dim), [end - start, dim]) };
  });
  const rows = new Int32Array(config.queries * k);
  const scores = new Float32Array(config.queries * k);
  for (let q0 = 0; q0 < config.queries; q0 += queryBlock) {
    const q1 = Math.min(config.queries, q0 + queryBlock);
    const block = q1 - q0;
    const perChunk = chunks.map(({ start, tensor }) =>
      tf.tidy(() => {
        const top = tf.topk(tf.matMul(tf.tensor2d(queries.subarray(q0 * dim, q1 * dim), [block, dim]), tensor, false, true), Math.min(k, tensor.shape[0]));
        return { start, width: top.values.shape[1]!, values: top.values.dataSync() as Float32Array, indices: top.indices.dataSync() as Int32Array };
      }),
    );
    for (let q = 0; q < block; q++) {
      const candidates: { row: number; score: number }[] = [];
      for (const chunk of perChunk) {
        for (let i = 0; i < chunk.width; i++) candidates.push({ row: chunk.start + chunk.indices[q * chunk.width + i]!, score: chunk.values[q * chunk.width + i]! });
      }
      candidates.sort((a, b) => b.score - a.score || a.row - b.row);
      for (let i = 0; i < k; i++) {
        rows[(q0 + q) * k + i] = candidates[i]?.row ?? -1;
        scores[(q0 + q) * k + i] = candidates[i]?.score ?? Number.NEGATIVE_INFINITY;
      }
    }
    onProgress(q1);
  }
  chunks.forEach(({ tensor }) => tensor.dispose());
  return { k, rows, scores };
}

interface BuildStats {
  seconds: number;
  cpuSeconds: number;
  rssDeltaMiB: number;
  builtAt: string;
  loadavg: number[];
}

async function indexFor(ids: string[], items: Float32Array): Promise<{ index: AnnIndex; dir: string; build: BuildStats; cached: boolean; loadSeconds: number }> {
  const dir = join(cacheDir, `index-${dataKey}-${key(params)}`);
  const statsFile = join(dir, 'build.json');
  if (!args.rebuild && existsSync(statsFile)) {
    const started = performance.now();
    const index = await AnnIndex.load(dir);
    return { index, dir, build: JSON.parse(readFileSync(statsFile, 'utf8')) as BuildStats, cached: true, loadSeconds: (performance.now() - started) / 1000 };
  }
  const progress = bar('build', 'items');
  progress.start(ids.length, 0);
  const rssBefore = rss();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const index = await buildAnnIndex({ ids, vectors: items, dim: config.dim }, { modelVersion: `bench-${dataKey}`, params, chunkSize: 5_000, onProgress: (done) => progress.update(done) });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  progress.stop();
  const build: BuildStats = { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rssDeltaMiB: mib(rss() - rssBefore), builtAt: new Date().toISOString(), loadavg: loadavg() };
  mkdirSync(dir, { recursive: true });
  await index.save(dir);
  writeFileSync(statsFile, JSON.stringify(build, null, 2));
  const loadStarted = performance.now();
  const loaded = await AnnIndex.load(dir);
  return { index: loaded, dir, build, cached: false, loadSeconds: (performance.now() - loadStarted) / 1000 };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface SearchStats {
  ef: number;
  filtered: boolean;
  recall: number;
  qps: number;
  qpsPerCpuSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Searches every query `passes` times one by one, timing each synchronous call. */
function measureSearch(index: AnnIndex, queries: Float32Array, exact: ExactTopK, ids: string[], ef: number, filter?: (id: string) => boolean): SearchStats {
  const { dim, k } = { dim: config.dim, k: config.k };
  const count = config.queries;
  const options = filter ? { ef, filter } : { ef };
  for (let q = 0; q < Math.min(count, 200); q++) index.search(queries.subarray(q * dim, (q + 1) * dim), k, options); // warm-up
  const passes = 3;
  const latencies = new Float64Array(count * passes);
  const results: AnnSearchResult[] = new Array<AnnSearchResult>(count);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) {
    for (let q = 0; q < count; q++) {
      const query = queries.subarray(q * dim, (q + 1) * dim);
      const t0 = performance.now();
      results[q] = index.search(query, k, options);
      latencies[pass * count + q] = performance.now() - t0;
    }
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort();
  // Recall of a filtered search counts only the truth that passes the filter.
  const truth = filter ? filteredTruth(exact, ids, filter) : exact;
  return {
    ef,
    filtered: Boolean(filter),
    recall: recallAtK(truth, ids, results),
    qps: (count * passes) / wallSeconds,
    qpsPerCpuSecond: (count * passes) / ((cpu.user + cpu.system) / 1e6),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1]!,
  };
}

/** The rows of the exact top-k that the filter keeps (what a filtered search must still find). */
function filteredTruth(exact: ExactTopK, ids: string[], filter: (id: string) => boolean): ExactTopK {
  const k = exact.k;
  const rows = new Int32Array(exact.rows.length).fill(-1);
  for (let q = 0; q < exact.rows.length / k; q++) {
    let kept = 0;
    for (let i = 0; i < k; i++) {
      const row = exact.rows[q * k + i]!;
      if (row >= 0 && filter(ids[row]!)) rows[q * k + kept++] = row;
    }
  }
  return { k, rows, scores: exact.scores };
}

async function main(): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  log(`${config.items} items × ${config.dim}, ${config.queries} queries, k ${config.k}, ${config.clusters} clusters (spread ${config.spread}); M ${params.m}, efConstruction ${params.efConstruction}; ${cpus().length} × ${cpu}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const rssStart = rss();

  let started = performance.now();
  const items = vectorsFor(config.items, config.seed);
  const queries = vectorsFor(config.queries, config.seed + 1_000_003);
  const ids = Array.from({ length: config.items }, (_, i) => `item-${i}`);
  log(`generated vectors in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const truth = await groundTruth(items, queries);
  log(truth.cached ? 'exact top-k from cache' : `exact top-k in ${truth.seconds.toFixed(1)} s by ${truth.method} (${((config.items * config.queries * config.dim) / truth.seconds / 1e9).toFixed(2)} G multiply-adds/s)`);

  const rssBeforeIndex = rss();
  started = performance.now();
  const { index, dir, build, cached, loadSeconds } = await indexFor(ids, items);
  log(cached ? `index loaded from cache in ${loadSeconds.toFixed(1)} s (built ${build.builtAt} in ${build.seconds.toFixed(0)} s)` : `built in ${build.seconds.toFixed(1)} s wall, ${build.cpuSeconds.toFixed(1)} CPU s; reloaded in ${loadSeconds.toFixed(1)} s`);
  const indexBytes = await annFilesSize(dir);
  const rssWithIndex = rss();

  const searches: SearchStats[] = [];
  const progress = bar('search', 'ef values');
  progress.start(efs.length + 1, 0);
  for (const ef of efs) {
    searches.push(measureSearch(index, queries, truth.exact, ids, ef));
    progress.increment();
  }
  // A seen/served filter dropping `filterShare` of items, the way serving calls it.
  const random = seededRandom(config.seed);
  const dropped = new Set(ids.filter(() => random() < filterShare));
  searches.push(measureSearch(index, queries, truth.exact, ids, index.params.efSearch, (id) => !dropped.has(id)));
  progress.increment();
  progress.stop();

  // Event-loop block of one batched call (what a request retrieving for several surfaces at once would cost).
  const batchQueries = queries.subarray(0, Math.min(config.queries, 10) * config.dim);
  const batchStarted = performance.now();
  index.searchBatch(batchQueries, config.k);
  const batchBlockMs = performance.now() - batchStarted;

  const result = {
    config,
    params: index.params,
    machine: { cpu, cores: cpus().length, loadavg: loadavg() },
    build: { ...build, cached, loadSeconds },
    exactTopK: { seconds: truth.cached ? null : truth.seconds, method: truth.method },
    indexMiB: mib(indexBytes),
    rssMiB: { start: mib(rssStart), beforeIndex: mib(rssBeforeIndex), withIndex: mib(rssWithIndex) },
    batchOf10BlockMs: batchBlockMs,
    searches,
  };
  writeFileSync(join(root, '.cache', 'bench', `ann-${config.items}.json`), JSON.stringify(result, null, 2));

  const f = (value: number, digits = 2) => value.toFixed(digits);
  const lines = [
    `### ANN retrieval, ${config.items.toLocaleString('en')} × ${config.dim} (hnswlib-node, inner product)`,
    '',
    `\`${benchCommand('tools/bench/ann.ts')}\` on ${cpus().length} × ${cpu} (load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}).`,
    `Clustered unit vectors: ${config.clusters} Gaussian clusters, spread ${config.spread}; ${config.queries} queries from the same mixture; recall@${config.k} against exact inner-product top-${config.k}.`,
    `M ${index.params.m}, efConstruction ${index.params.efConstruction}: build ${f(build.seconds, 0)} s wall (${f(build.cpuSeconds, 0)} CPU s, one thread), index ${f(mib(indexBytes), 0)} MiB on disk, load ${f(loadSeconds, 1)} s, process RSS ${f(mib(rssWithIndex), 0)} MiB with the index loaded (${f(mib(rssBeforeIndex), 0)} MiB before: item vectors, ids, ground truth)${cached ? `, +${f(mib(rssWithIndex - rssBeforeIndex), 0)} MiB for loading it` : ''}.`,
    '',
    `| ef | recall@${config.k} | queries/s (wall) | queries/s per CPU-second | p50 ms | p99 ms | max ms (event-loop block) |`,
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...searches.map(
      (s) =>
        `| ${s.ef}${s.filtered ? ` + filter (${filterShare * 100}% dropped)` : ''} | ${f(s.recall, 4)} | ${f(s.qps, 0)} | ${f(s.qpsPerCpuSecond, 0)} | ${f(s.p50Ms, 3)} | ${f(s.p99Ms, 3)} | ${f(s.maxMs, 2)} |`,
    ),
    '',
    `Each search is one synchronous call: its latency is the event-loop block. A batch of 10 blocked for ${f(batchBlockMs, 2)} ms.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  writeBenchResult(
    { name: 'ann', title: `ANN retrieval, ${config.items.toLocaleString('en')} × ${config.dim}`, command: benchCommand('tools/bench/ann.ts'), markdown: lines.slice(2).join('\n'), bars: [annBar(searches)] },
    args.json,
  );
}

/** The DESIGN bar (recall@100 ≥ 0.95 at ≥ 2,000 queries/s per core on 1M × 64): the fastest unfiltered ef that reaches the recall. */
function annBar(searches: readonly SearchStats[]): BenchBar {
  const atBarSize = config.items === 1_000_000 && config.dim === 64 && config.k === 100;
  const bar = `ANN recall@100 and queries/s per core, 1M × 64${atBarSize ? '' : ` (this run: ${config.items.toLocaleString('en')} × ${config.dim}, k ${config.k})`}`;
  const target = 'recall ≥ 0.95 at ≥ 2,000 q/s per core';
  const unfiltered = searches.filter((s) => !s.filtered);
  const best = unfiltered.filter((s) => s.recall >= 0.95).sort((a, b) => b.qpsPerCpuSecond - a.qpsPerCpuSecond)[0];
  const shown = best ?? [...unfiltered].sort((a, b) => b.recall - a.recall)[0];
  const measured = shown ? `recall ${shown.recall.toFixed(3)} at ${Math.round(shown.qpsPerCpuSecond).toLocaleString('en-US')} q/s per CPU-second (ef ${shown.ef})` : 'no search measured';
  return { bar, target, measured, met: atBarSize ? Boolean(best && best.qpsPerCpuSecond >= 2_000) : null };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
