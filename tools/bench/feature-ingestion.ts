// Feature ingestion benchmark (issue 3): apply throughput per core, end-to-end Kafka → feature store
// throughput of the real service process, and event → visible-feature latency under load.
//
//   npx tsx tools/bench/feature-ingestion.ts [--quick] [--skip-redis] [--skip-apply] [--json <file>]    (or: npm run bench:feature)
//
// Needs KAFKA_BROKERS (a real broker: `npm run kafka:start`) for the end-to-end parts and REDIS_URL
// (`node tools/redis/redis.mjs start`) for the Redis parts; a part whose infrastructure is missing is
// skipped with a note. Prints a Markdown section for BENCHMARKS.md and writes the raw results to
// .cache/bench/feature-ingestion.json (and the suite's result to --json).
import { EngagementEvent, EngagementType, FeatureServiceClient } from '@cascade/contracts';
import { createEventProducer, createKafka, engagementCodec, parseBrokers } from '@cascade/events';
import { dropTopics } from '@cascade/events/testing';
import { createClient } from '@cascade/service-kit';
import { freePort, ServiceProcess } from '@cascade/service-kit/testing';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { BenchBar, benchCommand, writeBenchResult } from './suite/result';
import { stopService } from './suite/stop-service';
import { ensureBenchTopics } from './suite/topics';

const root = join(__dirname, '..', '..');
const quick = process.argv.includes('--quick');
const skipRedis = process.argv.includes('--skip-redis');
const skipApply = process.argv.includes('--skip-apply');
const brokers = parseBrokers(process.env['KAFKA_BROKERS'] ?? '').join(',');
const redisUrl = process.env['REDIS_URL'];
const run = randomBytes(3).toString('hex');

const sizes = quick
  ? { applyMemory: 200_000, applyRedis: 50_000, e2eMemory: 100_000, e2eRedis: 30_000, probes: 60, loadRate: { memory: 2_000, redis: 300 } }
  : { applyMemory: 1_000_000, applyRedis: 100_000, e2eMemory: 500_000, e2eRedis: 100_000, probes: 300, loadRate: { memory: 5_000, redis: 500 } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Runs a bench script of apps/feature as a child process and returns the JSON line it prints. */
function runScript(script: string, env: Record<string, string>): { done: Promise<Record<string, number | string>>; stop(): void } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, script)], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const done = new Promise<Record<string, number | string>>((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
      if (code === 0 && line) resolve(JSON.parse(line) as Record<string, number | string>);
      else reject(new Error(`${script} exited with ${code}: ${out}`));
    });
  });
  return { done, stop: () => child.kill('SIGTERM') };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Resident memory of a process in MiB, from /proc. */
function rssMiB(pid: number): number {
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

async function eventsApplied(metricsPort: number, topic: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('cascade_feature_events_applied') && l.includes(`topic="${topic}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

interface EndToEnd {
  store: string;
  events: number;
  producedPerSecond: number;
  appliedPerSecond: number;
  appliedPerCpuSecond: number;
  serviceCpuShare: number;
  /** The service's resident memory once 90% of the backlog was applied. */
  serviceRssMiB: number;
  latency?: { probes: number; loadRate: number; p50: number; p90: number; p99: number; max: number };
}

/**
 * Produces `events` to fresh topics, starts the feature service (it consumes from the earliest
 * offset), and measures applied events/s between 10% and 90% of the backlog, from the service's own
 * events_applied metric and its CPU time. Then, caught up and under background load, measures
 * produce → visible in GetFeatures latency with probe events.
 */
async function endToEnd(store: 'memory' | 'redis', events: number): Promise<EndToEnd> {
  const kafka = createKafka({ brokers, clientId: 'bench-feature', kafkaLogLevel: 'nothing' });
  const engagementTopic = `bench.feature.${store}.${run}.engagement`;
  const contentTopic = `bench.feature.${store}.${run}.content`;
  const prefix = `e2e-${store}-${run}`;
  await ensureBenchTopics(kafka, [
    { topic: engagementTopic, numPartitions: 3 },
    { topic: contentTopic, numPartitions: 3 },
  ]);
  let service: ServiceProcess | undefined;
  let load: ReturnType<typeof runScript> | undefined;
  try {
    log(`${store}: producing ${events} events`);
    const produced = await runScript('apps/feature/bench/produce-events.ts', {
      KAFKA_BROKERS: brokers,
      ENGAGEMENT_TOPIC: engagementTopic,
      CONTENT_TOPIC: contentTopic,
      EVENTS: String(events),
      WITH_CONTENT: '1',
      PREFIX: prefix,
    }).done;

    const metricsPort = await freePort();
    service = new ServiceProcess({
      entry: 'apps/feature/src/main.ts',
      env: {
        KAFKA_BROKERS: brokers,
        FEATURE_STORE: store,
        ...(store === 'redis' ? { REDIS_URL: redisUrl!, ENTITY_TTL_MS: '3600000' } : {}),
        ENGAGEMENT_TOPIC: engagementTopic,
        CONTENT_TOPIC: contentTopic,
        KAFKA_GROUP_ID: `bench-feature-${run}`,
        METRICS_PORT: String(metricsPort),
        CATCH_UP_TIMEOUT_MS: '900000',
      },
    });
    const address = `127.0.0.1:${await service.port()}`;
    const pid = service.pid!;
    log(`${store}: service started, consuming the backlog`);
    const samples: { t: number; applied: number; cpu: number; rss: number }[] = [];
    const deadline = Date.now() + 20 * 60_000;
    for (;;) {
      const applied = await eventsApplied(metricsPort, engagementTopic).catch(() => 0);
      samples.push({ t: performance.now(), applied, cpu: cpuSeconds(pid), rss: rssMiB(pid) });
      if (applied >= events) break;
      if (Date.now() > deadline) throw new Error(`${store}: only ${applied} of ${events} applied after 20 min`);
      await sleep(200);
    }
    const from = samples.find((s) => s.applied >= events * 0.1)!;
    const to = samples.find((s) => s.applied >= events * 0.9)!;
    const seconds = (to.t - from.t) / 1000;
    const result: EndToEnd = {
      store,
      events,
      producedPerSecond: Number(produced['eventsPerSecond']),
      appliedPerSecond: Math.round((to.applied - from.applied) / seconds),
      appliedPerCpuSecond: Math.round((to.applied - from.applied) / (to.cpu - from.cpu)),
      serviceCpuShare: Number(((to.cpu - from.cpu) / seconds).toFixed(2)),
      serviceRssMiB: to.rss,
    };
    log(`${store}: ${result.appliedPerSecond} events/s (${result.appliedPerCpuSecond} per CPU-second of the service)`);

    await service.ready();
    const loadRate = sizes.loadRate[store];
    log(`${store}: caught up; latency probes under ${loadRate} events/s of background load`);
    load = runScript('apps/feature/bench/produce-events.ts', {
      KAFKA_BROKERS: brokers,
      ENGAGEMENT_TOPIC: engagementTopic,
      CONTENT_TOPIC: contentTopic,
      RATE: String(loadRate),
      DURATION_S: '3600',
      PREFIX: prefix,
      SEED: '2',
    });
    await sleep(2000);
    const producer = createEventProducer({ kafka });
    await producer.connect();
    const client = createClient(FeatureServiceClient, address, { defaultTimeoutMs: 5000 });
    const latencies: number[] = [];
    try {
      for (let k = 0; k < sizes.probes; k++) {
        const userId = `probe-${prefix}-${k}`;
        const probe = EngagementEvent.fromPartial({
          eventId: `${userId}-like`,
          userId,
          itemId: `${prefix}-i1`,
          creatorId: `${prefix}-c0`,
          type: EngagementType.ENGAGEMENT_TYPE_LIKE,
          eventTimeMs: Date.now(),
        });
        const started = performance.now();
        await producer.send(engagementCodec, [probe], { topic: engagementTopic });
        for (;;) {
          const response = await client.getFeatures({ userId, itemIds: [], featureNames: ['user_like_1h'], asOfMs: 0, numbersAsBytes: false });
          if ((response.userFeatures[0]?.numbers[0] ?? 0) > 0) break;
          if (performance.now() - started > 30_000) throw new Error(`probe ${k} not visible after 30 s`);
          await sleep(2);
        }
        latencies.push(performance.now() - started);
        await sleep(50);
      }
    } finally {
      client.close();
      await producer.disconnect();
    }
    load.stop();
    const loadResult = await load.done;
    load = undefined;
    const sorted = [...latencies].sort((a, b) => a - b);
    result.latency = {
      probes: sorted.length,
      loadRate: Number(loadResult['eventsPerSecond']),
      p50: Math.round(percentile(sorted, 50)),
      p90: Math.round(percentile(sorted, 90)),
      p99: Math.round(percentile(sorted, 99)),
      max: Math.round(sorted.at(-1)!),
    };
    log(`${store}: event → visible p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
    return result;
  } finally {
    load?.stop();
    if (service) await stopService(service, `feature service (${store})`, log);
    await dropTopics(kafka, [engagementTopic, contentTopic]);
  }
}

async function main(): Promise<void> {
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const machine = { cpus: cpus().length, cpuModel, node: process.version, date: new Date().toISOString(), loadBefore: loadavg().map((l) => l.toFixed(2)).join(' ') };
  log(`${machine.cpus} CPUs, ${cpuModel}, node ${machine.node}, load ${machine.loadBefore}`);

  const apply: Record<string, number | string>[] = [];
  if (!skipApply) {
    log(`apply throughput, memory store, ${sizes.applyMemory} events`);
    apply.push(await runScript('apps/feature/bench/apply-throughput.ts', { STORE: 'memory', EVENTS: String(sizes.applyMemory) }).done);
  }
  if (redisUrl && !skipRedis && !skipApply) {
    log(`apply throughput, Redis store, ${sizes.applyRedis} events`);
    apply.push(await runScript('apps/feature/bench/apply-throughput.ts', { STORE: 'redis', REDIS_URL: redisUrl, EVENTS: String(sizes.applyRedis), WARMUP: '20000' }).done);
  }

  const e2e: EndToEnd[] = [];
  if (brokers) {
    e2e.push(await endToEnd('memory', sizes.e2eMemory));
    if (redisUrl && !skipRedis) e2e.push(await endToEnd('redis', sizes.e2eRedis));
  }
  const loadAfter = loadavg().map((l) => l.toFixed(2)).join(' ');

  mkdirSync(join(root, '.cache', 'bench'), { recursive: true });
  writeFileSync(join(root, '.cache', 'bench', 'feature-ingestion.json'), JSON.stringify({ machine, loadAfter, apply, e2e }, null, 2));

  const command = benchCommand('tools/bench/feature-ingestion.ts');
  const lines = [
    `### ${machine.date.slice(0, 10)}: \`${command}\``,
    '',
    `Machine: ${machine.cpus} CPUs (\`nproc\`), ${cpuModel}, Node ${machine.node}; load average ${machine.loadBefore} before, ${loadAfter} after.`,
    '',
    '| apply (EventApplier → store, one process) | events | events/s | events per CPU-second | RSS (MiB) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...apply.map((a) => `| ${a['store']} | ${a['counted']} | ${a['eventsPerSecond']} | ${a['eventsPerCpuSecond']} | ${a['rssMiB']} |`),
  ];
  if (e2e.length > 0) {
    lines.push(
      '',
      '| end to end (Kafka → service → store) | backlog | consumed+applied events/s | per CPU-second of the service | service CPU share | service RSS (MiB) | event → visible p50 / p90 / p99 / max (ms) | background load (events/s) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...e2e.map(
        (r) =>
          `| ${r.store} | ${r.events} | ${r.appliedPerSecond} | ${r.appliedPerCpuSecond} | ${r.serviceCpuShare} | ${r.serviceRssMiB} | ${r.latency ? `${r.latency.p50} / ${r.latency.p90} / ${r.latency.p99} / ${r.latency.max}` : '-'} | ${r.latency?.loadRate ?? '-'} |`,
      ),
    );
  } else {
    lines.push('', '(end to end skipped: KAFKA_BROKERS is not set)');
  }
  console.log(lines.join('\n'));
  writeBenchResult({ name: 'feature', title: 'Feature ingestion', command, markdown: lines.slice(2).join('\n'), bars: ingestionBars(apply, e2e) });
}

/** Rows against the ingestion bars: events/s per core into each store, event → visible p99. */
function ingestionBars(apply: readonly Record<string, number | string>[], e2e: readonly EndToEnd[]): BenchBar[] {
  const bars: BenchBar[] = [];
  const perCore = (value: number) => `${Math.round(value).toLocaleString('en-US')} events per CPU-second`;
  for (const store of ['memory', 'redis']) {
    const run = e2e.find((r) => r.store === store);
    const applied = apply.find((a) => a['store'] === store);
    if (run) bars.push({ bar: `engagement ingestion per core, ${store} store (Kafka → service → store)`, target: '≥ 50k events/s per core', measured: perCore(run.appliedPerCpuSecond), met: run.appliedPerCpuSecond >= 50_000 });
    else if (applied) bars.push({ bar: `engagement ingestion per core, ${store} store (apply only, no Kafka)`, target: '≥ 50k events/s per core', measured: perCore(Number(applied['eventsPerCpuSecond'])), met: Number(applied['eventsPerCpuSecond']) >= 50_000 });
    if (run?.latency) bars.push({ bar: `event → visible feature p99, ${store} store, under ${run.latency.loadRate.toLocaleString('en-US')} events/s`, target: '≤ 1 s', measured: `${run.latency.p99} ms (p50 ${run.latency.p50} ms)`, met: run.latency.p99 <= 1_000 });
  }
  return bars;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
