// Retrieval benchmark (issue 5): Retrieve latency and queries/s per source against the real service
// process with a trained two-tower model, and content event → retrievable latency through Kafka.
//
//   npx tsx tools/bench/retrieval.ts [--preset medium] [--max-events 300000] [--requests 300] [--probes 100] [--json <file>]
//
// Each source is timed twice: asked alone (the whole Retrieve round trip), and inside the default
// Spotlight mix from the request's debug funnel (each source's own duration, how many it returned,
// and how many of them survived merge and filters: count_by_source).
// Needs KAFKA_BROKERS (`npm run kafka:start`). Prints a Markdown section for BENCHMARKS.md and
// writes the raw results to .cache/bench/retrieval.json (and the suite's result to --json).
import { ContentEvent, ContentEventType, RetrievalServiceClient, RetrieveRequest, RetrieveResponse, Surface } from '@cascade/contracts';
import { createEventProducer, createKafka, contentCodec, engagementCodec, ensureTopics, parseBrokers } from '@cascade/events';
import { datasetFromWorld, initModelBackend, ModelRegistry, publishTwoTower, trainTwoTower } from '@cascade/models';
import { createClient } from '@cascade/service-kit';
import { ServiceProcess } from '@cascade/service-kit/testing';
import { createWorld, PresetName } from '@cascade/world';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { summarizeLatencies } from './suite/stats';
import { BenchBar, benchCommand, writeBenchResult } from './suite/result';

const { values: args } = parseArgs({
  options: {
    preset: { type: 'string', default: 'medium' },
    seed: { type: 'string', default: '7' },
    'max-events': { type: 'string', default: '300000' },
    requests: { type: 'string', default: '300' },
    probes: { type: 'string', default: '100' },
    k: { type: 'string', default: '1000' },
    json: { type: 'string' },
  },
});
const brokers = parseBrokers(process.env['KAFKA_BROKERS'] ?? '').join(',');
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const allSources = ['two_tower', 'item_to_item', 'trending', 'fresh', 'following', 'popular'] as const;

/** One source inside the default mix, from the debug funnel of every request. */
interface FunnelRow {
  source: string;
  quota: number;
  returned: number;
  kept: number;
  p50: number;
  p99: number;
  failed: number;
}

interface LatencyRow {
  source: string;
  requests: number;
  candidates: number;
  p50: number;
  p99: number;
  qps: number;
}

async function main(): Promise<void> {
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: start a broker with `npm run kafka:start`');
  const run = randomBytes(3).toString('hex');
  const kafka = createKafka({ brokers, clientId: 'bench-retrieval', kafkaLogLevel: 'nothing' });
  const [engagementTopic, contentTopic] = [`bench.retrieval.engagement.${run}`, `bench.retrieval.content.${run}`];
  await ensureTopics(kafka, [{ topic: engagementTopic }, { topic: contentTopic }]);
  const producer = createEventProducer({ kafka });
  await producer.connect();
  const registryDir = mkdtempSync(join(tmpdir(), 'cascade-bench-registry-'));
  const services: ServiceProcess[] = [];

  try {
    const world = createWorld({ preset: args.preset as PresetName, seed: Number(args.seed), startMs: Date.now() - 8 * 86_400_000 });
    const maxEvents = Number(args['max-events']);
    log(`world ${args.preset}: ${world.params.items} items, ${world.params.users} users; producing content and up to ${maxEvents} engagement events`);
    for (const batch of world.contentEvents({ batchSize: 5000 })) await producer.send(contentCodec, batch, { topic: contentTopic });
    for (const batch of world.engagementEvents({ batchSize: 5000, maxEvents })) await producer.send(engagementCodec, batch, { topic: engagementTopic });

    const backend = await initModelBackend();
    log(`training the two-tower model (${backend.name})`);
    const dataset = datasetFromWorld(world, `world-${args.preset}`, { maxEvents });
    const trainRows = Int32Array.from({ length: dataset.interactions.user.length }, (_, i) => i);
    const model = await trainTwoTower(dataset, trainRows, { epochs: 1, seed: 1 });
    const published = await publishTwoTower(new ModelRegistry(registryDir), model, { dataset, trainRows, metrics: {} });

    const env = { KAFKA_BROKERS: brokers, ENGAGEMENT_TOPIC: engagementTopic, CONTENT_TOPIC: contentTopic, CATCH_UP_TIMEOUT_MS: '600000' };
    const feature = new ServiceProcess({ entry: 'apps/feature/src/main.ts', env: { ...env, KAFKA_GROUP_ID: `bench-feature-${run}` } });
    services.push(feature);
    const retrieval = new ServiceProcess({
      entry: 'apps/candidate-retrieval/src/main.ts',
      env: { ...env, FEATURE_ADDR: `127.0.0.1:${await feature.port()}`, FEATURE_BUDGET_MS: '1000', MODEL_REGISTRY_DIR: registryDir, MODEL_POLL_MS: '500' },
    });
    services.push(retrieval);
    const client = createClient(RetrievalServiceClient, `127.0.0.1:${await retrieval.port()}`, { defaultTimeoutMs: 5000 });
    await Promise.all(services.map((s) => s.ready()));
    const users = Array.from({ length: 200 }, (_, i) => world.userAttributes(i % world.params.users).userId);
    const request = (i: number, quotas: Record<string, number>, k = Number(args.k), debug = false) =>
      client.retrieve(RetrieveRequest.fromPartial({ userId: users[i % users.length]!, surface: Surface.SURFACE_SPOTLIGHT, k, sourceQuotas: quotas, context: { country: 'US', locale: 'en-US' }, debug }));
    for (let waited = 0; (await request(0, {})).modelVersions['two-tower'] !== published.manifest.version; waited += 500) {
      if (waited > 300_000) throw new Error('two-tower model not in service after 300 s');
      await sleep(500);
    }

    const rows: LatencyRow[] = [];
    const measure = async (source: string, quotas: Record<string, number>) => {
      for (let i = 0; i < 20; i++) await request(i, quotas);
      const latencies: number[] = [];
      let candidates = 0;
      const started = performance.now();
      for (let i = 0; i < Number(args.requests); i++) {
        const t = performance.now();
        const response = await request(i, quotas);
        latencies.push(performance.now() - t);
        candidates += response.candidates.length;
      }
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      rows.push({ source, requests: latencies.length, candidates: candidates / latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), qps: latencies.length / seconds });
      log(`${source}: p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`);
    };
    const k = Number(args.k);
    for (const source of allSources) await measure(source, Object.fromEntries(allSources.map((s) => [s, s === source ? Math.round(k / 2) : 0])));
    await measure(`all (spotlight mix, k=${k})`, {});

    log(`per source inside the Spotlight mix (debug funnel), ${args.requests} requests`);
    const funnelRows = await measureFunnel((i) => request(i, {}, k, true), Number(args.requests));

    log(`content event → retrievable, ${args.probes} probes`);
    const template = world.itemAttributes(0);
    const visible: number[] = [];
    for (let p = 0; p < Number(args.probes); p++) {
      const itemId = `bench-upload-${run}-${p}`;
      const event = ContentEvent.fromPartial({
        eventId: itemId,
        itemId,
        creatorId: template.creatorId,
        type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT,
        createdAtMs: Date.now(),
        eventTimeMs: Date.now(),
        durationMs: template.durationMs,
        categories: [...template.categories],
        language: template.language,
        country: template.country,
      });
      const started = performance.now();
      await producer.send(contentCodec, [event], { topic: contentTopic });
      for (;;) {
        const response = await request(p, { fresh: 5, two_tower: 0, item_to_item: 0, trending: 0, following: 0, popular: 0 }, 5);
        if (response.candidates.some((c) => c.itemId === itemId)) break;
        if (performance.now() - started > 30_000) throw new Error(`${itemId} not retrievable after 30 s`);
        await sleep(2);
      }
      visible.push(performance.now() - started);
      await sleep(20);
    }
    visible.sort((a, b) => a - b);
    client.close();

    const machine = `${cpus().length} CPUs (${cpus()[0]?.model.trim()}), Node ${process.version}, TF.js backend ${backend.name}, load average ${loadavg()[0]!.toFixed(2)}`;
    const result = { date: new Date().toISOString(), machine, preset: args.preset, items: world.params.items, rows, funnelRows, contentToRetrievable: { probes: visible.length, p50: percentile(visible, 50), p99: percentile(visible, 99), max: visible.at(-1) } };
    mkdirSync('.cache/bench', { recursive: true });
    writeFileSync('.cache/bench/retrieval.json', JSON.stringify(result, null, 2));
    const command = benchCommand('tools/bench/retrieval.ts');
    const lines = [
      `Machine: ${machine}. Catalogue ${world.params.items} items.`,
      '',
      '| sources asked (quota k/2 each; one client, sequential) | requests | candidates returned | p50 (ms) | p99 (ms) | requests/s |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map((row) => `| ${row.source} | ${row.requests} | ${row.candidates.toFixed(0)} | ${row.p50.toFixed(2)} | ${row.p99.toFixed(2)} | ${row.qps.toFixed(0)} |`),
      '',
      `Per source inside the default Spotlight mix (k=${k}; from each request's debug funnel: the source's own duration, what it returned against its quota, and count_by_source after merge and filters). The sources run concurrently on one event loop, so a source's duration includes the synchronous work of the others that ran while it waited:`,
      '',
      '| source | quota | returned (mean) | kept after merge + filters (mean) | source p50 (ms) | source p99 (ms) | failed |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...funnelRows.map((r) => `| ${r.source} | ${r.quota} | ${r.returned.toFixed(0)} | ${r.kept.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.failed} |`),
      '',
      `Content event → retrievable (produce with acks=all → Retrieve returns it; ${visible.length} uploads): p50 ${result.contentToRetrievable.p50.toFixed(0)} ms, p99 ${result.contentToRetrievable.p99.toFixed(0)} ms, max ${result.contentToRetrievable.max?.toFixed(0)} ms.`,
    ];
    console.log(`\n### ${result.date.slice(0, 10)}: \`${command}\`\n`);
    console.log(lines.join('\n'));
    const mix = rows.at(-1);
    const bars: BenchBar[] = [
      { bar: 'new video retrievable after its content event, p99', target: '≤ 2 s', measured: `${result.contentToRetrievable.p99.toFixed(0)} ms (${visible.length} uploads)`, met: result.contentToRetrievable.p99 <= 2_000 },
    ];
    if (mix) bars.push({ bar: `Retrieve, Spotlight mix, k=${k}, ${world.params.items.toLocaleString('en-US')} items (stage of Recommend)`, target: '–', measured: `p50 ${mix.p50.toFixed(1)} ms, p99 ${mix.p99.toFixed(1)} ms`, met: null });
    writeBenchResult({ name: 'retrieval', title: `Retrieval service, per source (${args.preset} world)`, command, backend: backend.name, markdown: lines.join('\n'), bars }, args.json);
  } finally {
    for (const service of services) service.close();
    await producer.disconnect();
    rmSync(registryDir, { recursive: true, force: true });
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [engagementTopic, contentTopic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

/** Runs `count` debug requests and gathers each source's funnel entry: quota, returned, kept, duration. */
async function measureFunnel(debugRequest: (i: number) => Promise<RetrieveResponse>, count: number): Promise<FunnelRow[]> {
  const bySource = new Map<string, { quota: number; returned: number; kept: number; durations: number[]; failed: number }>();
  for (let i = 0; i < count; i++) {
    const response = await debugRequest(i);
    const kept = response.funnel.find((f) => f.stage === 'retrieval/filters')?.countBySource ?? {};
    for (const stage of response.funnel) {
      const source = stage.stage.startsWith('retrieval/') ? stage.stage.slice('retrieval/'.length) : '';
      if (!source || source === 'merge' || source === 'filters') continue;
      const entry = bySource.get(source) ?? { quota: stage.countIn, returned: 0, kept: 0, durations: [], failed: 0 };
      entry.returned += stage.countOut;
      entry.kept += kept[source] ?? 0;
      entry.durations.push(stage.durationMs);
      if (stage.degraded) entry.failed++;
      bySource.set(source, entry);
    }
  }
  return [...bySource].map(([source, e]) => {
    const latency = summarizeLatencies(e.durations);
    return { source, quota: e.quota, returned: e.returned / e.durations.length, kept: e.kept / e.durations.length, p50: latency.p50, p99: latency.p99, failed: e.failed };
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
