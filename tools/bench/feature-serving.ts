// Feature serving benchmark (issue 8, per stage): GetFeatures for one user × 1,000 items against the
// real feature service process, on the memory store and on Redis, after a synthetic engagement and
// content stream has been ingested so that the values read are not defaults. p50/p95/p99 latency
// and items/s, one request at a time and with several in flight.
//
//   npx tsx tools/bench/feature-serving.ts [--items 1000] [--requests 500] [--concurrency 4]
//                                          [--events 200000] [--redis-events 30000] [--all-features] [--quick] [--skip-redis] [--json <file>]
//
// Each request asks what the ranking service asks: the production ranker's features (every numeric
// feature of the registry) and the two session-adaptation lists; --all-features asks for every
// registered feature instead (item id lists included).
//
// Needs KAFKA_BROKERS (the service ingests from Kafka); the Redis part needs REDIS_URL and is
// skipped with a note without it. Writes the raw results to .cache/bench/feature-serving.json.
import { FeatureServiceClient, GetFeaturesResponse } from '@cascade/contracts';
import { createKafka, parseBrokers } from '@cascade/events';
import { featureRegistry } from '@cascade/features';
import { dropTopics } from '@cascade/events/testing';
import { createClient } from '@cascade/service-kit';
import { ServiceProcess } from '@cascade/service-kit/testing';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runChildScript } from './suite/child-script';
import { closedLoop, LoadResult } from './suite/load';
import { stopService } from './suite/stop-service';
import { ensureBenchTopics } from './suite/topics';
import { loadAverage, machineInfo } from './suite/machine';
import { BenchBar, benchCommand, writeBenchResult } from './suite/result';
import { formatNumber } from './suite/stats';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '1000' },
    requests: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '4' },
    events: { type: 'string', default: '200000' },
    'redis-events': { type: 'string', default: '30000' },
    quick: { type: 'boolean', default: false },
    'skip-redis': { type: 'boolean', default: false },
    'all-features': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const quick = args.quick;
const sizes = {
  items: Number(args.items),
  requests: quick ? 100 : Number(args.requests),
  concurrency: Number(args.concurrency),
  events: { memory: quick ? 50_000 : Number(args.events), redis: quick ? 10_000 : Number(args['redis-events']) },
};
const root = join(__dirname, '..', '..');
const brokers = parseBrokers(process.env['KAFKA_BROKERS'] ?? '').join(',');
const redisUrl = process.env['REDIS_URL'];
const run = randomBytes(3).toString('hex');
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
/** The synthetic stream's popular items (Zipf by index) are the ones a ranker is asked about. */
const itemPool = 5_000;
const userPool = 200;

/** The ranking service's request: its model's features and the session-adaptation lists (apps/ranking). */
const rankingFeatureNames = [...featureRegistry.filter((f) => f.type === 'number').map((f) => f.name), 'user_history_creator_ids', 'user_history_types'];
const featureNames = args['all-features'] ? [] : rankingFeatureNames;
const featuresAsked = args['all-features'] ? `every registered feature (${featureRegistry.length})` : `the ranking service's ${rankingFeatureNames.length} features (the ranker's numeric ones and two session lists)`;

type Store = 'memory' | 'redis';

interface StoreResult {
  store: Store;
  events: number;
  /** Share of item rows (over every item column) that carried a stored value rather than the default. */
  nonDefaultItemShare: number;
  loads: LoadResult[];
}

/** Share of item-feature cells that are not registered defaults. */
function nonDefaultShare(response: GetFeaturesResponse): number {
  const rows = response.itemIds.length;
  const columns = response.itemFeatures.length;
  if (rows === 0 || columns === 0) return 0;
  const defaulted = response.itemFeatures.reduce((sum, column) => sum + column.defaultedRows.length, 0);
  return 1 - defaulted / (rows * columns);
}

async function benchStore(store: Store): Promise<StoreResult> {
  const kafka = createKafka({ brokers, clientId: 'bench-feature-serving', kafkaLogLevel: 'nothing' });
  const prefix = `serve-${store}-${run}`;
  const [engagementTopic, contentTopic] = [`bench.feature-serving.${store}.${run}.engagement`, `bench.feature-serving.${store}.${run}.content`];
  await ensureBenchTopics(kafka, [
    { topic: engagementTopic, numPartitions: 3 },
    { topic: contentTopic, numPartitions: 3 },
  ]);
  let service: ServiceProcess | undefined;
  try {
    const events = sizes.events[store];
    log(`${store}: producing ${events} synthetic events (with content)`);
    await runChildScript('apps/feature/bench/produce-events.ts', { KAFKA_BROKERS: brokers, ENGAGEMENT_TOPIC: engagementTopic, CONTENT_TOPIC: contentTopic, EVENTS: String(events), WITH_CONTENT: '1', PREFIX: prefix }).done;
    service = new ServiceProcess({
      entry: 'apps/feature/src/main.ts',
      env: {
        KAFKA_BROKERS: brokers,
        FEATURE_STORE: store,
        ...(store === 'redis' ? { REDIS_URL: redisUrl!, ENTITY_TTL_MS: '3600000' } : {}),
        ENGAGEMENT_TOPIC: engagementTopic,
        CONTENT_TOPIC: contentTopic,
        KAFKA_GROUP_ID: `bench-feature-serving-${run}`,
        CATCH_UP_TIMEOUT_MS: '900000',
      },
    });
    const address = `127.0.0.1:${await service.port()}`;
    log(`${store}: service started, ingesting the stream`);
    await service.ready();
    const client = createClient(FeatureServiceClient, address, { defaultTimeoutMs: 10_000 });
    try {
      const request = (i: number) => {
        const first = (i * 997) % itemPool;
        const itemIds = Array.from({ length: sizes.items }, (_, j) => `${prefix}-i${(first + j) % itemPool}`);
        return client.getFeatures({ userId: `${prefix}-u${i % userPool}`, itemIds, featureNames, asOfMs: 0, numbersAsBytes: true });
      };
      const nonDefaultItemShare = nonDefaultShare(await request(0));
      const loads: LoadResult[] = [];
      for (const concurrency of [1, sizes.concurrency]) {
        const result = await closedLoop(request, { requests: sizes.requests, concurrency });
        log(`${store}, ${concurrency} in flight: p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, ${Math.round(result.requestsPerSecond * sizes.items)} items/s`);
        loads.push(result);
      }
      return { store, events, nonDefaultItemShare, loads };
    } finally {
      client.close();
    }
  } finally {
    if (service) await stopService(service, `feature service (${store})`, log);
    await dropTopics(kafka, [engagementTopic, contentTopic]);
  }
}

function markdownOf(results: readonly StoreResult[], notes: readonly string[]): string {
  const machine = machineInfo();
  return [
    `Machine: ${machine.cpus} CPUs, ${machine.cpuModel}, Node ${machine.node}; load average ${loadAverage()} at the end.`,
    `One user × ${sizes.items} items per request asking for ${featuresAsked}; items drawn from the ${itemPool.toLocaleString('en-US')} most popular of the synthetic stream; ${sizes.requests} timed requests per row after 20 untimed. The client runs on the same cores as the service.`,
    '',
    '| store | events ingested | item cells non-default | in flight | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | requests/s | items/s |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.flatMap((r) =>
      r.loads.map(
        (l) =>
          `| ${r.store} | ${formatNumber(r.events)} | ${(100 * r.nonDefaultItemShare).toFixed(0)}% | ${l.concurrency} | ${l.p50.toFixed(2)} | ${l.p95.toFixed(2)} | ${l.p99.toFixed(2)} | ${l.max.toFixed(2)} | ${formatNumber(l.requestsPerSecond)} | ${formatNumber(l.requestsPerSecond * sizes.items)} |`,
      ),
    ),
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n');
}

async function main(): Promise<void> {
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: start a broker with `npm run kafka:start`');
  const notes: string[] = [];
  const stores: Store[] = ['memory'];
  if (args['skip-redis']) notes.push('Redis skipped (--skip-redis).');
  else if (!redisUrl) notes.push('Redis skipped: REDIS_URL is not set.');
  else stores.push('redis');
  const results: StoreResult[] = [];
  for (const store of stores) results.push(await benchStore(store));

  mkdirSync(join(root, '.cache', 'bench'), { recursive: true });
  writeFileSync(join(root, '.cache', 'bench', 'feature-serving.json'), JSON.stringify({ date: new Date().toISOString(), sizes, results }, null, 2));
  const markdown = markdownOf(results, notes);
  const command = benchCommand('tools/bench/feature-serving.ts');
  console.log(`### GetFeatures, 1 user × ${sizes.items} items: \`${command}\`\n\n${markdown}`);
  const bars: BenchBar[] = results.map((r) => {
    const sequential = r.loads[0]!;
    return {
      bar: `GetFeatures 1 user × ${sizes.items} items, ${r.store} store (stage of Recommend)`,
      target: '–',
      measured: `p50 ${sequential.p50.toFixed(1)} ms, p99 ${sequential.p99.toFixed(1)} ms; ${formatNumber(Math.max(...r.loads.map((l) => l.requestsPerSecond)) * sizes.items)} items/s`,
      met: null,
    };
  });
  writeBenchResult({ name: 'feature-serving', title: `Feature serving: GetFeatures for ${sizes.items} items`, command, markdown, bars }, args.json);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
