#!/usr/bin/env node
// Runs Cascade locally: a Kafka broker (unless KAFKA_BROKERS is set), a synthetic short-video world
// published to it, small models trained on that world (skipped when the registry has them), the four
// services, each as its own process with its own ports, then live engagement streamed from the world
// and a few users' recommendations printed as they change, and the debug page (DEBUG_PAGE_PORT,
// default 8090) that draws one request's funnel. Ctrl-C stops everything this command started.
// CASCADE_QUICKSTART=0 starts only the broker, the services and the debug page.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = process.env;

const services = [
  { name: 'feature', port: env.FEATURE_PORT ?? '50054', metrics: env.FEATURE_METRICS_PORT ?? '9464' },
  { name: 'candidate-retrieval', port: env.RETRIEVAL_PORT ?? '50052', metrics: env.RETRIEVAL_METRICS_PORT ?? '9465' },
  { name: 'ranking', port: env.RANKING_PORT ?? '50053', metrics: env.RANKING_METRICS_PORT ?? '9466' },
  { name: 'blending', port: env.BLENDING_PORT ?? '50051', metrics: env.BLENDING_METRICS_PORT ?? '9467' },
];
const address = (name) => `127.0.0.1:${services.find((s) => s.name === name).port}`;
const debugPagePort = env.DEBUG_PAGE_PORT ?? '8090';
const debugPageUrl = `http://127.0.0.1:${debugPagePort}/`;

const children = [];
let kafka;
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  if (kafka) await kafka.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

/** Runs a quickstart script (tools/run/quickstart) to completion, its output shown as it comes. */
function runStep(script, extraEnv) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tools', 'run', 'quickstart', script)], {
      cwd: root,
      env: { ...env, ...extraEnv },
      stdio: 'inherit',
    });
    children.push(child);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`))));
  });
}

function startService({ name, port, metrics }, extraEnv, onReady) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps', name, 'src', 'main.ts')], {
    cwd: root,
    env: { ...env, GRPC_PORT: port, METRICS_PORT: metrics, SERVICE_NAME: name, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: a terminal's Ctrl-C reaches only this script, which stops each service once.
    detached: true,
  });
  const prefix = `${name.padEnd(19)} |`;
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.on('data', (chunk) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        if (onReady && line.includes('"msg":"ready"')) onReady();
        if (!quiet || !line.includes('"level":"info"')) console.log(prefix, summarize(line));
      }
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${prefix} exited (${signal ?? code}); stopping the stack`);
      void stopAll(1);
    }
  });
  children.push(child);
  return child;
}

/** `cascade debug-page` against the local blending service; if it cannot start, the stack goes on without it. */
function startDebugPage() {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'tools', 'src', 'cascade-cli.ts'), 'debug-page', '--port', debugPagePort, '--blending', address('blending'), '--deadline-ms', '5000'],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const prefix = `${'debug-page'.padEnd(19)} |`;
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => process.stdout.write(`${prefix} ${chunk.toString().trimEnd()}\n`));
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`${prefix} exited (${signal ?? code}); the services keep running (is port ${debugPagePort} free? DEBUG_PAGE_PORT picks another)`);
  });
  children.push(child);
}

/** One readable line per JSON log record. */
function summarize(line) {
  try {
    const { level, msg, time: _time, service: _service, pid: _pid, hostname: _host, ...rest } = JSON.parse(line);
    const details = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    return `${level.padEnd(5)} ${msg}${details}`;
  } catch {
    return line;
  }
}

if (!env.KAFKA_BROKERS) {
  const { startKafka } = await import(join(root, 'tools/kafka/kafka.mjs'));
  console.log('starting a local Kafka broker (set KAFKA_BROKERS to use another)…');
  kafka = await startKafka({ ephemeral: true });
  console.log(`Kafka ready at ${kafka.brokers}`);
}
const brokers = env.KAFKA_BROKERS ?? kafka.brokers;
const quickstart = env.CASCADE_QUICKSTART !== '0';
// With the quickstart, the services' info logs would drown the live recommendations.
const quiet = quickstart && env.LOG_LEVEL === undefined;

if (quickstart) {
  try {
    await runStep('prepare.ts', { KAFKA_BROKERS: brokers });
  } catch (error) {
    console.error(String(error));
    await stopAll(1);
  }
}

const startLive = () => {
  if (!quickstart || stopping) return;
  console.log('\nstreaming live engagement; recommendations follow (Ctrl-C stops everything)…');
  runStep('live.ts', { KAFKA_BROKERS: brokers, BLENDING_PORT: services[3].port, DEBUG_PAGE_URL: debugPageUrl }).catch((error) => console.error(String(error)));
};
// Stage budgets for a laptop running broker, trainers and all services on a few cores (the
// services' own defaults are production budgets); each is still overridable by environment.
const budgets = {
  FEATURE_BUDGET_MS: env.FEATURE_BUDGET_MS ?? '100',
  RETRIEVAL_BUDGET_MS: env.RETRIEVAL_BUDGET_MS ?? '250',
  RANKING_BUDGET_MS: env.RANKING_BUDGET_MS ?? '250',
};
startService(services[0], { KAFKA_BROKERS: brokers });
startService(services[1], { KAFKA_BROKERS: brokers, FEATURE_ADDR: address('feature'), FEATURE_BUDGET_MS: budgets.FEATURE_BUDGET_MS });
startService(services[2], { FEATURE_ADDR: address('feature'), FEATURE_BUDGET_MS: budgets.FEATURE_BUDGET_MS });
startService(
  services[3],
  { KAFKA_BROKERS: brokers, RETRIEVAL_ADDR: address('candidate-retrieval'), RANKING_ADDR: address('ranking'), RETRIEVAL_BUDGET_MS: budgets.RETRIEVAL_BUDGET_MS, RANKING_BUDGET_MS: budgets.RANKING_BUDGET_MS },
  startLive,
);
startDebugPage();

console.log(
  `\nCascade is starting. Recommend at ${address('blending')} (cascade.blending.v1.BlendingService/Recommend); ` +
    `metrics on :${services.map((s) => s.metrics).join(', :')}; debug page at ${debugPageUrl}. Ctrl-C stops everything.\n`,
);
