// Blending benchmark (issue 8, per stage): the blending service's own work for one request, in
// process, without the network: the value model, re-ranking (dedupe, freshness, MMR diversity under
// the creator cap, exploration), explanations and the response; then with the ServeEvent built and
// both messages encoded, as the service does for each request. Retrieval and ranking are stubs
// answering at once with 1,000 retrieved and 500 ranked synthetic candidates (ranking by index, as
// it answers blending's scores-only requests).
//
//   npx tsx tools/bench/blending.ts [--retrieved 1000] [--ranked 500] [--limit 20] [--requests 2000] [--json <file>]
//
// Writes the raw results to .cache/bench/blending.json.
import { featureRegistry } from '@cascade/features';
import { Candidate, encodeFloat32Matrix, encodeFloat64Matrix, RankRequest, RankResponse, RecommendRequest, RecommendResponse, RetrieveResponse, ServeEvent, Surface } from '@cascade/contracts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { blendList, defaultBlendingPolicy, itemValue, randomFrom, recommend, serveEventOf, Stages, surfaceBlending } from './blending/domain';
import { rankedCandidates, retrievedCandidates } from './blending/synthetic-candidates';
import { loadAverage, machineInfo } from './suite/machine';
import { BenchBar, benchCommand, writeBenchResult } from './suite/result';
import { LatencySummary, summarizeLatencies } from './suite/stats';

const { values: args } = parseArgs({
  options: {
    retrieved: { type: 'string', default: '1000' },
    ranked: { type: 'string', default: '500' },
    limit: { type: 'string', default: '20' },
    requests: { type: 'string', default: '2000' },
    json: { type: 'string' },
  },
});
const sizes = { retrieved: Number(args.retrieved), ranked: Number(args.ranked), limit: Number(args.limit), requests: Number(args.requests) };
const root = join(__dirname, '..', '..');
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const NOW = Date.now();
const policy = defaultBlendingPolicy;
const tasks = Object.keys(policy.spotlight.valueWeights);
const featureNames = featureRegistry.filter((f) => f.type === 'number').map((f) => f.name);

/** Ranking's answer to a scores-only request (as blending sends): task scores by index, plus the feature matrix. */
function scoresOnlyAnswer(request: RankRequest, ranked: readonly Candidate[]): RankResponse {
  const scoresById = new Map(ranked.map((c) => [c.itemId, c.taskScores]));
  const matrix = new Float64Array(request.candidates.length * tasks.length);
  request.candidates.forEach((c, row) => tasks.forEach((task, t) => (matrix[row * tasks.length + t] = scoresById.get(c.itemId)?.[task] ?? 0)));
  return RankResponse.fromPartial({
    modelVersion: 'bench',
    taskNames: tasks,
    taskScoreMatrix: encodeFloat64Matrix(matrix),
    featureNames,
    featureMatrix: encodeFloat32Matrix(new Float32Array(request.candidates.length * featureNames.length).fill(0.5)),
  });
}

/** Pre-built stage answers for a few distinct requests, so no stub work is timed (a rank answer is built once per variant). */
function stubbedStages(variants: number): { stages: Stages; ranked: Candidate[] }[] {
  return Array.from({ length: variants }, (_, v) => {
    const retrieved = retrievedCandidates(sizes.retrieved, NOW, v + 1);
    const ranked = rankedCandidates(retrieved, sizes.ranked, tasks, v + 101);
    const retrieveResponse = RetrieveResponse.fromPartial({ candidates: retrieved, modelVersions: { 'two-tower': 'bench' } });
    // The same retrieval answer always yields the same candidates sent to ranking.
    let rankResponse: RankResponse | undefined;
    const rank = (request: RankRequest) => Promise.resolve((rankResponse ??= scoresOnlyAnswer(request, ranked)));
    return { stages: { retrieve: () => Promise.resolve(retrieveResponse), rank, popularFallback: () => [] }, ranked };
  });
}

const requestFor = (i: number) => RecommendRequest.fromPartial({ userId: `user-${i % 500}`, surface: Surface.SURFACE_SPOTLIGHT, limit: sizes.limit, requestId: `bench-${i}`, context: { country: 'US', locale: 'en-US' } });

/** Times `work(i)` for every request after a warm-up, in milliseconds. */
async function timed(work: (i: number) => Promise<unknown> | unknown): Promise<LatencySummary & { perSecond: number }> {
  for (let i = 0; i < Math.min(200, sizes.requests); i++) await work(i);
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < sizes.requests; i++) {
    const t = performance.now();
    await work(i);
    latencies.push(performance.now() - t);
  }
  return { ...summarizeLatencies(latencies), perSecond: sizes.requests / ((performance.now() - started) / 1000) };
}

async function main(): Promise<void> {
  const variants = stubbedStages(8);
  const stages = variants.map((v) => v.stages);
  const rankedLists = variants.map((v) => v.ranked);
  const surface = surfaceBlending(policy, Surface.SURFACE_SPOTLIGHT);
  const options = { retrievalK: sizes.retrieved, rankingK: sizes.ranked, rankingFloorPerSource: 20, policy, experiments: [], now: () => NOW };

  const rows: { what: string; result: LatencySummary & { perSecond: number } }[] = [];
  log(`value model + re-rank (blendList) on ${sizes.ranked} ranked candidates`);
  rows.push({
    what: `value model + re-rank (blendList) of ${sizes.ranked} ranked`,
    result: await timed((i) =>
      blendList({ candidates: rankedLists[i % rankedLists.length]!, valueOf: (c) => itemValue(c.taskScores, surface.valueWeights), policy: surface, limit: sizes.limit, nowMs: NOW, random: randomFrom(`bench-${i}`) }),
    ),
  });
  log('recommend() pipeline with stubbed stages');
  rows.push({ what: `recommend() pipeline: ${sizes.retrieved} retrieved → ${sizes.ranked} ranked → ${sizes.limit}, explanations, response`, result: await timed((i) => recommend(requestFor(i), stages[i % stages.length]!, options)) });
  log('recommend() + ServeEvent + encoding');
  rows.push({
    what: '… + ServeEvent built, RecommendResponse and ServeEvent encoded',
    result: await timed(async (i) => {
      const { response, served } = await recommend(requestFor(i), stages[i % stages.length]!, options);
      RecommendResponse.encode(response).finish();
      ServeEvent.encode(serveEventOf(served, NOW)).finish();
    }),
  });

  const machine = machineInfo();
  const markdown = [
    `Machine: ${machine.cpus} CPUs, ${machine.cpuModel}, Node ${machine.node}; load average ${loadAverage()} at the end. Default Spotlight policy (MMR diversity 0.3, creator cap 2, exploration slots 4 and 9), ${sizes.requests} timed requests per row after a warm-up, one at a time, in one process.`,
    '',
    '| per request | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | requests/s (one core) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(({ what, result: r }) => `| ${what} | ${r.p50.toFixed(3)} | ${r.p95.toFixed(3)} | ${r.p99.toFixed(3)} | ${r.max.toFixed(2)} | ${Math.round(r.perSecond).toLocaleString('en-US')} |`),
  ].join('\n');
  const command = benchCommand('tools/bench/blending.ts');
  console.log(`### Blending alone: \`${command}\`\n\n${markdown}`);
  mkdirSync(join(root, '.cache', 'bench'), { recursive: true });
  writeFileSync(join(root, '.cache', 'bench', 'blending.json'), JSON.stringify({ date: new Date().toISOString(), sizes, rows }, null, 2));
  const full = rows.at(-1)!.result;
  const bars: BenchBar[] = [
    { bar: `blending alone, ${sizes.retrieved} retrieved / ${sizes.ranked} ranked → ${sizes.limit} (stage of Recommend)`, target: '–', measured: `p50 ${full.p50.toFixed(2)} ms, p99 ${full.p99.toFixed(2)} ms`, met: null },
  ];
  writeBenchResult({ name: 'blending', title: 'Blending alone (in process)', command, markdown, bars }, args.json);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
