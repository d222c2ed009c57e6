// Ranker inference benchmark (issue 9): candidates/s for one request-sized batch through the
// production ranker on every TF.js backend that loads, side by side, with the fp32 matmul
// throughput each backend reaches in the same run, so model speed reads as a fraction of it.
//
//   npx tsx tools/bench/ranker-inference.ts [--candidates 500] [--batched 2000] [--seconds 3] [--json <file>]
//
// --batched: the production ranker is also timed on one call of that many rows, as the ranking
// service scores concurrent requests together (RANKING_BATCH_MAX_ROWS) under load.
//
// The same saved model is loaded on each backend. Model throughput is its dense-layer FLOPs per
// candidate × candidates/s, read against the fp32 matmul rate of the same backend (the DESIGN bar:
// ≥ 50% of the measured matmul peak on the serving backend, the first of native, WASM, JS that
// loads) and of the fastest backend. Prints a Markdown section and writes the raw results to
// .cache/bench/ranker-inference.json (and the suite's result to --json).
import { featureRegistry } from '@cascade/features';
import { defaultRankerConfig, ModelBackendName, MultiTaskRanker, nativeBackendLoadError, SavedRankerSettings, tf, useBackend } from '@cascade/models';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchBar, benchCommand, writeBenchResult } from './suite/result';

const root = join(__dirname, '..', '..');
const { values: args } = parseArgs({
  options: { candidates: { type: 'string', default: '500' }, batched: { type: 'string', default: '2000' }, seconds: { type: 'string', default: '3' }, json: { type: 'string' } },
});
const batch = Number(args.candidates);
const batchedRows = Number(args.batched);
const budgetMs = Number(args.seconds) * 1000;
const backends: ModelBackendName[] = ['tensorflow', 'wasm', 'cpu'];
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

interface Architecture {
  label: string;
  features: number;
  hidden: number[];
}

const productionFeatures = featureRegistry.filter((f) => f.type === 'number').map((f) => f.name);
const architectures: Architecture[] = [
  { label: 'production ranker', features: productionFeatures.length, hidden: defaultRankerConfig.hidden },
  // The wider MLP the issue's estimates were made with (7 heads instead of 4).
  { label: 'wide reference MLP', features: 256, hidden: [512, 256] },
];

/** Multiply-adds × 2 of one candidate through the dense layers (7 outputs: every ranker head). */
function flopsPerCandidate(arch: Architecture): number {
  const widths = [arch.features, ...arch.hidden, 7];
  let flops = 0;
  for (let i = 1; i < widths.length; i++) flops += 2 * widths[i - 1]! * widths[i]!;
  return flops;
}


/** Times `work` until both 20 runs and the time budget are spent; returns the median in ms. */
function medianMs(work: () => void, minRuns = 20): number {
  for (let i = 0; i < 5; i++) work();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < minRuns || performance.now() - started < budgetMs) {
    const t = performance.now();
    work();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** fp32 matmul throughput at the shape of the wide MLP's largest layer (batch × 256 · 256 × 512). */
function matmulGflops(): number {
  const [m, k, n] = [batch, 256, 512];
  const a = tf.randomNormal([m, k]);
  const b = tf.randomNormal([k, n]);
  // Read back a sum, not the product: reading a 256k-value tensor back costs far more than the matmul.
  const ms = medianMs(() => void tf.tidy(() => tf.matMul(a, b).sum().dataSync()));
  tf.dispose([a, b]);
  return (2 * m * k * n) / ms / 1e6;
}

function randomRows(n: number, width: number, seed: number): Float32Array {
  let s = seed;
  return new Float32Array(n * width).map(() => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

async function saveModel(arch: Architecture, dir: string): Promise<SavedRankerSettings> {
  await useBackend('cpu');
  const featureNames = arch === architectures[0] ? productionFeatures : Array.from({ length: arch.features }, (_, i) => `f${i}`);
  const ranker = MultiTaskRanker.create({ ...defaultRankerConfig, hidden: arch.hidden, featureNames });
  const saved = await ranker.save(dir);
  ranker.dispose();
  return JSON.parse(JSON.stringify(saved)) as SavedRankerSettings;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'cascade-bench-ranker-'));
  const saved = await Promise.all(architectures.map((arch, i) => saveModel(arch, join(work, String(i)))));
  const results: Record<string, unknown>[] = [];
  for (const backend of backends) {
    const why = backend === 'tensorflow' ? nativeBackendLoadError() : null;
    try {
      if (why) throw new Error(why);
      await useBackend(backend);
    } catch (error) {
      log(`${backend}: unavailable (${error instanceof Error ? error.message : error})`);
      results.push({ backend, unavailable: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const row: Record<string, unknown> = { backend, matmulGflops: matmulGflops() };
    for (const [i, arch] of architectures.entries()) {
      const ranker = await MultiTaskRanker.load(join(work, String(i)), saved[i]!);
      const candidates = randomRows(batch, arch.features, 17);
      const ms = medianMs(() => ranker.predict(candidates));
      row[arch.label] = throughput(arch, batch, ms);
      log(`${backend} · ${arch.label}: ${ms.toFixed(2)} ms per ${batch}-candidate batch`);
      if (i === 0 && batchedRows > batch) {
        const rows = randomRows(batchedRows, arch.features, 19);
        const batchedMs = medianMs(() => ranker.predict(rows));
        row[batchedLabel] = throughput(arch, batchedRows, batchedMs);
        log(`${backend} · ${arch.label}: ${batchedMs.toFixed(2)} ms per ${batchedRows}-row batched call`);
      }
      ranker.dispose();
    }
    results.push(row);
  }
  rmSync(work, { recursive: true, force: true });
  report(results);
}

interface ArchitectureResult {
  batchMs: number;
  candidatesPerSecond: number;
  gflops: number;
}

const batchedLabel = 'production ranker, batched';

function throughput(arch: Architecture, rows: number, ms: number): ArchitectureResult {
  return { batchMs: ms, candidatesPerSecond: (rows / ms) * 1000, gflops: (rows * flopsPerCandidate(arch)) / ms / 1e6 };
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

function report(results: Record<string, unknown>[]) {
  const machine = Math.max(...results.map((r) => (r['matmulGflops'] as number | undefined) ?? 0));
  const columns = [...architectures.map((a) => ({ key: a.label, title: `${a.label} (${batch} rows)` })), ...(batchedRows > batch ? [{ key: batchedLabel, title: `production ranker, ${batchedRows} rows in one call` }] : [])];
  const header = ['backend', 'fp32 matmul GFLOP/s', ...columns.flatMap((c) => [`${c.title}: ms / call`, 'candidates/s', 'model GFLOP/s', '% of own matmul', '% of machine matmul'])];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`];
  for (const r of results) {
    if (r['unavailable']) {
      lines.push(`| ${r['backend']} | unavailable: ${String(r['unavailable']).replace(/\|/g, '\\|').split('\n')[0]} |`);
      continue;
    }
    const own = r['matmulGflops'] as number;
    const cells = [String(r['backend']), own.toFixed(1)];
    for (const column of columns) {
      const m = r[column.key] as ArchitectureResult;
      cells.push(m.batchMs.toFixed(2), Math.round(m.candidatesPerSecond).toLocaleString('en-US'), m.gflops.toFixed(2), percent(m.gflops, own), percent(m.gflops, machine));
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const context = {
    batch,
    architectures: architectures.map((a) => `${a.label}: ${[a.features, ...a.hidden, 7].join('→')} (${flopsPerCandidate(a).toLocaleString('en-US')} FLOPs per candidate)`),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    loadAverage1m: loadavg()[0],
    machineMatmulGflops: machine,
  };
  const markdown = [
    `${context.architectures.join('; ')}. ${context.cpu}, ${context.cores} cores, 1-min load ${context.loadAverage1m!.toFixed(1)}.`,
    `Model GFLOP/s = FLOPs per candidate × candidates/s. The batched column is one call of ${batchedRows} rows, as the ranking service runs concurrent requests whose features arrive together (RANKING_BATCH_MAX_ROWS): the throughput it reaches under load. Own matmul = the backend's ${batch}×256·256×512 fp32 matmul in this run; machine matmul = the best backend's (${machine.toFixed(1)} GFLOP/s).`,
    '',
    ...lines,
  ].join('\n');
  console.log(`## Ranker inference (${batch}-candidate batch)\n`);
  console.log(markdown);
  const out = join(root, '.cache', 'bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'ranker-inference.json'), JSON.stringify({ context, results }, null, 2));

  const serving = results.find((r) => !r['unavailable']);
  const bars: BenchBar[] = [];
  if (serving) {
    const own = serving['matmulGflops'] as number;
    const production = serving[architectures[0]!.label] as ArchitectureResult;
    const batched = serving[batchedLabel] as ArchitectureResult | undefined;
    const reading = (m: ArchitectureResult, rows: string) => `${rows}: ${percent(m.gflops, own)} (${m.gflops.toFixed(2)} GFLOP/s, ${Math.round(m.candidatesPerSecond).toLocaleString('en-US')} candidates/s)`;
    bars.push({
      bar: `ranking model throughput, production ranker`,
      target: '≥ 50% of the measured fp32 matmul peak on the serving backend',
      measured: `on ${String(serving['backend'])}, of ${own.toFixed(1)} GFLOP/s: ${[reading(production, `one ${batch}-candidate request`), ...(batched ? [reading(batched, `${batchedRows} rows batched`)] : [])].join('; ')}`,
      met: Math.max(production.gflops, batched?.gflops ?? 0) >= 0.5 * own,
    });
  }
  writeBenchResult(
    {
      name: 'ranker',
      title: `Ranking inference per TF.js backend (${batch}-candidate batch)`,
      command: benchCommand('tools/bench/ranker-inference.ts'),
      ...(serving ? { backend: String(serving['backend']) } : {}),
      markdown,
      bars,
    },
    args.json,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
