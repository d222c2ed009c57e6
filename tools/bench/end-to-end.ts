// End-to-end benchmark (issue 8, DESIGN bar: Recommend p99 ≤ 30 ms at ≥ 300 req/s with all four
// services and Kafka on a 1M-item corpus, 1,000 retrieved, 500 ranked, limit 20, while ingesting
// 10k engagement events/s). A synthetic world (large: 1M items, 100k users) is published to fresh
// topics, models trained on its start (cached, see e2e/prepare-models.ts), the four services started
// with their production stage budgets, a producer streams engagement at a fixed rate, and an
// open-loop generator offers Recommend at each rate in turn. During one step every service is
// CPU-profiled (SIGUSR2) and the hot spots are written down.
//
//   npx tsx tools/bench/end-to-end.ts [--rates 10,25,50,100,200,300] [--step-seconds 20] [--events-per-second 10000]
//                                     [--preset large] [--profile-rate 50] [--runtime bundle|tsx] [--max-in-flight N] [--quick] [--json out.json]
//                                     [--budgets <retrieval ms>,<ranking ms>,<feature ms>]
//
// --budgets overrides the production stage budgets (15,15,10): e.g. to see what full-quality answers
// cost in latency on a machine too slow for the production ones.
//
// Needs KAFKA_BROKERS (`npm run kafka:start`, or `npm run bench`, which starts one).
import { contentCodec, createEventProducer, createKafka, engagementCodec, ensureTopics, parseBrokers } from '@cascade/events';
import type { PresetName } from '@cascade/world';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchWorld } from './e2e/bench-world';
import { EngagementStream } from './e2e/engagement-stream-process';
import { runLoadStep } from './e2e/load-step';
import type { BenchUser } from './e2e/load-generator';
import { prepareModels } from './e2e/prepare-models';
import { cpuBudget, cpuBudgetTable, LOAD_GENERATOR } from './e2e/cpu-budget';
import { CpuMeter, isAlive, pidsMatching } from './e2e/process-cpu';
import { type CpuProfile, type ProfileSummary, summarizeProfile } from './e2e/profile-summary';
import { capacityOf, overloadBar, overloadSummary } from './e2e/overload';
import { highestRateWithinBar, P99_BAR_MS, profileTable, rateTable, type RateStep } from './e2e/report';
import { startStack } from './e2e/stack';
import { waitUntilPersonalised } from './e2e/wait-until-personalised';
import { benchCommand, writeBenchResult } from './suite/result';
import { machineInfo, loadAverage } from './suite/machine';
import { formatNumber, summarizeLatencies } from './suite/stats';

const { values: args } = parseArgs({
  options: {
    preset: { type: 'string' },
    seed: { type: 'string', default: '7' },
    'train-events': { type: 'string' },
    'warm-events': { type: 'string' },
    rates: { type: 'string' },
    'step-seconds': { type: 'string' },
    'events-per-second': { type: 'string' },
    'profile-rate': { type: 'string' },
    'deadline-ms': { type: 'string', default: '250' },
    runtime: { type: 'string', default: 'bundle' },
    'max-in-flight': { type: 'string', default: '0' },
    budgets: { type: 'string' },
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const quick = args.quick;
const settings = {
  preset: (args.preset ?? (quick ? 'small' : 'large')) as PresetName,
  seed: Number(args.seed),
  trainEvents: Number(args['train-events'] ?? (quick ? 50_000 : 300_000)),
  warmEvents: Number(args['warm-events'] ?? (quick ? 50_000 : 300_000)),
  rates: (args.rates ?? (quick ? '10,20' : '10,25,50,100,200,300')).split(',').map(Number),
  stepSeconds: Number(args['step-seconds'] ?? (quick ? 5 : 20)),
  eventsPerSecond: Number(args['events-per-second'] ?? (quick ? 500 : 10_000)),
  deadlineMs: Number(args['deadline-ms']),
};
const budgets = (args.budgets ?? '15,15,10').split(',').map(Number);
if (budgets.length !== 3 || !budgets.every((ms) => Number.isInteger(ms) && ms > 0)) throw new Error('--budgets takes three positive integers: retrieval, ranking and feature ms');
/** Stage budgets for every service (blending reads the first two, ranking and retrieval the feature one); none when left at the production defaults. */
const budgetEnv: Record<string, string> = args.budgets ? { RETRIEVAL_BUDGET_MS: String(budgets[0]), RANKING_BUDGET_MS: String(budgets[1]), FEATURE_BUDGET_MS: String(budgets[2]) } : {};
const profileRate = Number(args['profile-rate'] ?? settings.rates[Math.floor(settings.rates.length / 2)]);
/** Seconds measured with the stream on and no requests, before the first rate. */
const IDLE_SECONDS = 10;
/** Requests/s of the two steps without the stream whose difference measures each request's CPU. */
const CALIBRATION_RATES = [10, 30] as const;
const log = (message: string) => process.stderr.write(`[e2e ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const cacheRoot = join('.cache', 'bench', 'e2e');

async function seedTopics(brokers: string, topics: { engagement: string; content: string; serve: string }, world: ReturnType<typeof benchWorld>): Promise<void> {
  const kafka = createKafka({ brokers, clientId: 'bench-e2e-seed', kafkaLogLevel: 'nothing' });
  await ensureTopics(kafka, [{ topic: topics.engagement }, { topic: topics.content }, { topic: topics.serve }]);
  const producer = createEventProducer({ kafka });
  await producer.connect();
  let content = 0;
  for (const batch of world.contentEvents({ batchSize: 10_000 })) {
    await producer.send(contentCodec, batch, { topic: topics.content });
    content += batch.length;
  }
  let engagement = 0;
  for (const batch of world.engagementEvents({ batchSize: 10_000, maxEvents: settings.warmEvents })) {
    await producer.send(engagementCodec, batch, { topic: topics.engagement });
    engagement += batch.length;
  }
  await producer.disconnect();
  log(`published ${content} content and ${engagement} engagement events`);
}

async function dropTopics(brokers: string, names: string[]): Promise<void> {
  const admin = createKafka({ brokers, clientId: 'bench-e2e-cleanup', kafkaLogLevel: 'nothing' }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics: names }).catch(() => undefined);
  await admin.disconnect();
}

function profileSummaries(files: ReadonlyMap<string, string>): Map<string, ProfileSummary> {
  return new Map([...files].map(([service, path]) => [service, summarizeProfile(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile)]));
}

async function main(): Promise<void> {
  const brokers = parseBrokers(process.env['KAFKA_BROKERS'] ?? '').join(',');
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: start a broker with `npm run kafka:start`');
  const loadBefore = loadAverage();
  const run = `${Date.now().toString(36)}`;
  const topics = { engagement: `bench.e2e.engagement.${run}`, content: `bench.e2e.content.${run}`, serve: `bench.e2e.serve.${run}` };
  const workDir = mkdtempSync(join(tmpdir(), 'cascade-bench-e2e-'));
  const profileDir = join(workDir, 'profiles');

  const world = benchWorld({ preset: settings.preset, seed: settings.seed });
  log(`world ${settings.preset}: ${world.params.items} items, ${world.params.users} users`);
  const models = await prepareModels({ world, cacheRoot, trainEvents: settings.trainEvents, log });
  await seedTopics(brokers, topics, world);

  const users: BenchUser[] = Array.from({ length: Math.min(5000, world.params.users) }, (_, i) => {
    const user = world.userAttributes(Math.floor((i * world.params.users) / Math.min(5000, world.params.users)));
    return { userId: user.userId, country: user.country, locale: user.locale };
  });
  const usersFile = join(workDir, 'users.json');
  writeFileSync(usersFile, JSON.stringify(users));

  const stack = await startStack({ brokers, topics, registryDir: models.registryDir, profileDir, runtime: args.runtime === 'tsx' ? 'tsx' : 'bundle', env: budgetEnv, blendingEnv: { GRPC_MAX_IN_FLIGHT: args['max-in-flight']! } });
  let stream: EngagementStream | undefined;
  try {
    const started = performance.now();
    await stack.ready();
    await waitUntilPersonalised(stack.retrievalAddress, users[0]!, models.twoTower, 900_000).catch((error: unknown) => {
      const problems = stack.services.get('candidate-retrieval')!.lines.filter((line) => line.level === 'warn' || line.level === 'error');
      throw new Error(`${error instanceof Error ? error.message : String(error)}; retrieval's warnings: ${JSON.stringify(problems.slice(-5))}`);
    });
    const readySeconds = (performance.now() - started) / 1000;
    log(`stack serving with the two-tower index after ${readySeconds.toFixed(0)} s`);

    const processes = new Map<string, number>([...stack.services].map(([name, service]) => [name, service.pid!]));
    const broker = pidsMatching('kafka.Kafka')[0];
    if (broker) processes.set('kafka', broker);
    const coresWhileIdle = async (label: string): Promise<Record<string, number>> => {
      const meter = new CpuMeter(processes);
      await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
      const cores = meter.read();
      log(`${label}, no requests for ${IDLE_SECONDS} s: ${Object.entries(cores).map(([name, c]) => `${name} ${c.toFixed(2)}`).join(', ')} cores`);
      return cores;
    };

    const steps: RateStep[] = [];
    const measure = async (rate: number, profiled: boolean): Promise<RateStep> => {
      if (profiled) for (const service of stack.services.values()) service.signal('SIGUSR2');
      const meter = new CpuMeter(processes);
      const sentBefore = stream?.sent ?? 0;
      const stepStarted = performance.now();
      const load = await runLoadStep({ target: stack.blendingAddress, rate, seconds: settings.stepSeconds, usersFile, deadlineMs: settings.deadlineMs });
      const cores = { ...meter.read(), [LOAD_GENERATOR]: load.generatorCores };
      const eventsPerSecond = ((stream?.sent ?? 0) - sentBefore) / ((performance.now() - stepStarted) / 1000);
      if (profiled) for (const service of stack.services.values()) service.signal('SIGUSR2');
      if (stream?.exitedEarly) throw new Error(`the engagement stream ${stream.exitedEarly}`);
      const l = summarizeLatencies(load.latenciesMs);
      log(`${rate} req/s: p50 ${l.p50.toFixed(1)} p99 ${l.p99.toFixed(1)} max ${l.max.toFixed(0)} ms, ok ${load.ok}/${load.offered}, degraded ${load.degraded}, errors ${JSON.stringify(load.errors)}, events ${eventsPerSecond.toFixed(0)}/s`);
      return { load, eventsPerSecond, cores };
    };

    // What a request costs and what the stream costs, each measured alone: with both, the stream
    // saturates this machine and a step's extra cores only show ingestion falling behind.
    log('warm-up (not recorded)');
    await measure(CALIBRATION_RATES[0], false);
    const calibration: [RateStep, RateStep] = [await measure(CALIBRATION_RATES[0], false), await measure(CALIBRATION_RATES[1], false)];
    if (settings.eventsPerSecond > 0) {
      stream = await EngagementStream.start({ brokers, topic: topics.engagement, rate: settings.eventsPerSecond, skip: settings.warmEvents, preset: settings.preset, seed: settings.seed });
      processes.set('producer', stream.pid);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
    const streamCores = stream ? await coresWhileIdle('the stream alone') : {};

    for (const rate of settings.rates) steps.push(await measure(rate, false));
    const rateRows = [...steps];

    const capacity = capacityOf(steps);
    log(`overload: ${5 * capacity} req/s, 5× the highest rate answered in full (${capacity} req/s)`);
    const overload = await measure(5 * capacity, false);
    const crashed = [...stack.services].filter(([, service]) => service.pid === undefined || !isAlive(service.pid)).map(([name]) => name);

    log(`profiling every service at ${profileRate} req/s`);
    const profiledStep = await measure(profileRate, true);
    const profileFiles = new Map<string, string>();
    for (const [name, service] of stack.services) {
      const line = await service.waitForLog((l) => l.msg === 'cpu profile written');
      profileFiles.set(name, line['path'] as string);
    }
    const profiles = profileSummaries(profileFiles);
    mkdirSync(join(cacheRoot, 'profiles'), { recursive: true });
    for (const [name, path] of profileFiles) writeFileSync(join(cacheRoot, 'profiles', `${name}.cpuprofile`), readFileSync(path));

    for (const [name, service] of stack.services) {
      const problems = new Map<string, number>();
      for (const line of service.lines) {
        if (line.level !== 'error' && line.level !== 'warn') continue;
        const { err, stage } = line as { err?: string | { message?: string }; stage?: string };
        const detail = [stage, typeof err === 'string' ? err : err?.message].filter(Boolean).join(': ');
        const key = `${line.level}: ${line.msg}${detail ? ` (${detail})` : ''}`;
        problems.set(key, (problems.get(key) ?? 0) + 1);
      }
      for (const [problem, count] of [...problems].sort((a, b) => b[1] - a[1]).slice(0, 5)) log(`${name} logged ${count}× ${problem}`);
    }
    const best = highestRateWithinBar(steps);
    const at300 = steps.find((s) => s.load.ratePerSecond === 300);
    const machine = machineInfo();
    const processNames = [...processes.keys(), LOAD_GENERATOR];
    const budgetInput = { calibration, streamCores, machineCores: machine.cpus };
    const budget = cpuBudget(budgetInput);
    const markdown = [
      `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${formatNumber(machine.memoryGiB)} GiB, Node ${machine.node}; load average ${loadBefore} before, ${loadAverage()} after. Everything — broker, four services, producer, load generator — on the same ${machine.cpus} cores.`,
      '',
      `World ${settings.preset} (seed ${settings.seed}): ${formatNumber(world.params.items)} items in the catalogue and the HNSW index, ${formatNumber(world.params.users)} users; ${formatNumber(settings.warmEvents)} engagement events ingested before the run; ranker ${models.ranker} and two-tower ${models.twoTower} trained on the first ${formatNumber(settings.trainEvents)}. Services run as the images run them (${args.runtime === 'tsx' ? 'through tsx, as in development' : 'esbuild bundles under plain node'}) at their production defaults (retrieval k = 1,000) ${args.budgets ? `but with stage budgets ${budgets.join('/')} ms (production: 15/15/10)` : 'with stage budgets 15/15/10 ms'}; stack ready ${readySeconds.toFixed(0)} s after start (catalogue and feature catch-up, index load). Requests: Recommend, limit 20, surfaces 70% Spotlight / 20% Discover / 10% Stories, ${formatNumber(users.length)} users, client deadline ${settings.deadlineMs} ms, open loop for ${settings.stepSeconds} s per rate; latency from each request's scheduled send time. Background: engagement produced at ${formatNumber(settings.eventsPerSecond)} events/s (acks=all). "cores" = CPU seconds per second of each process during the step.`,
      '',
      rateTable([...rateRows, overload], processNames),
      '',
      `Highest rate with p99 ≤ ${P99_BAR_MS} ms, every request answered and none degraded: **${formatNumber(best)} req/s**.`,
      '',
      `Overload: ${overloadSummary(overload, capacity, steps, crashed)}`,
      '',
      `#### Where the cores go: a Recommend alone, the stream alone`,
      '',
      `Before the stream starts and after a warm-up, ${CALIBRATION_RATES[0]} then ${CALIBRATION_RATES[1]} req/s for ${settings.stepSeconds} s each (p99 ${calibration.map((c) => formatNumber(summarizeLatencies(c.load.latenciesMs).p99, 1)).join(' and ')} ms; ${calibration.map((c) => `${formatNumber(c.load.ok)}/${formatNumber(c.load.offered)}`).join(' and ')} answered, ${calibration.map((c) => formatNumber(c.load.degraded)).join(' and ')} degraded): a request's CPU is each process's extra cores at the higher rate per extra request. Then ${IDLE_SECONDS} s with the stream on and no requests.`,
      '',
      cpuBudgetTable(budgetInput, processNames),
      '',
      `### CPU profile at ${profileRate} req/s (p99 ${formatNumber(summarizeLatencies(profiledStep.load.latenciesMs).p99, 1)} ms; profiles kept in .cache/bench/e2e/profiles/)`,
      '',
      profileTable(profiles),
    ].join('\n');
    process.stdout.write(`${markdown}\n`);
    writeBenchResult(
      {
        name: 'end-to-end',
        title: 'Recommend end to end under load',
        command: benchCommand('tools/bench/end-to-end.ts'),
        markdown,
        bars: [
          {
            bar: `Recommend end to end, ${formatNumber(world.params.items)} items, 1,000 retrieved, limit 20, while ingesting ${formatNumber(settings.eventsPerSecond)} events/s`,
            target: 'p99 ≤ 30 ms at ≥ 300 req/s, 10k events/s',
            measured: `p99 ≤ 30 ms up to ${formatNumber(best)} req/s${at300 ? `; at 300 req/s p99 ${formatNumber(summarizeLatencies(at300.load.latenciesMs).p99, 1)} ms, goodput ${formatNumber((at300.load.ok - at300.load.degraded) / settings.stepSeconds, 0)} req/s` : ''}; ${formatNumber(budget.systemMs, 1)} ms of CPU per Recommend in the system and ${formatNumber(budget.streamCores, 2)} cores for the stream: the ${formatNumber(machine.cpus)} cores run out at ~${formatNumber(budget.cpuBoundRate)} req/s`,
            met: world.params.items >= 1_000_000 && settings.eventsPerSecond >= 10_000 && !args.budgets ? best >= 300 : null,
          },
          overloadBar(overload, capacity, steps, crashed),
        ],
      },
      args.json,
    );
    writeFileSync(join(cacheRoot, 'last-run.json'), JSON.stringify({ settings, steps: steps.map((s) => ({ ...s, load: { ...s.load, latenciesMs: summarizeLatencies(s.load.latenciesMs) } })) }, null, 2));
  } finally {
    await stream?.stop();
    stack.close();
    await dropTopics(brokers, Object.values(topics));
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
