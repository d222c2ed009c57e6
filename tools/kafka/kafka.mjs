#!/usr/bin/env node
// A real single-node Apache Kafka broker (KRaft: broker + controller in one JVM) for tests,
// benchmarks and the local stack. The jars come from Maven Central through tools/kafka/pom.xml and
// are cached under .cache/kafka/libs; nothing but Java 17+ (and Maven, for the first fetch) is needed.
//
// CLI:
//   node tools/kafka/kafka.mjs start [--port N] [--data-dir DIR] [--ephemeral] [--timeout SECONDS]
//   node tools/kafka/kafka.mjs stop [--data-dir DIR] [--keep-data] [--force]
//   node tools/kafka/kafka.mjs restart [--data-dir DIR] [--force]   (keeps data, same port)
//   node tools/kafka/kafka.mjs status [--data-dir DIR]
//   node tools/kafka/kafka.mjs fetch                                 (only download the jars)
// `start` and `status` print `KAFKA_BROKERS=127.0.0.1:<port>` on stdout; progress goes to stderr.
//
// API: startKafka({ port, dataDir, ephemeral, killOnExit, timeoutMs, heap, log })
//        → { brokers, port, dataDir, pid, logFile, ephemeral, stop({ keepData, force }), restart({ force }) }
//      stopKafka({ dataDir, keepData, force }), restartKafka({ dataDir, force }), kafkaStatus({ dataDir }),
//      ensureKafkaJars(). Without dataDir, startKafka uses a fresh .cache/kafka/run/<id> deleted on stop().
//
// Env: KAFKA_PORT (listener port; default 9092, or any free port when 9092 is taken),
//      KAFKA_DATA_DIR (CLI data dir; default .cache/kafka/local), KAFKA_CACHE_DIR (default .cache/kafka),
//      KAFKA_HEAP (default 512m), KAFKA_JAVA_OPTS (extra JVM flags), KAFKA_START_TIMEOUT_MS (default 60000),
//      KAFKA_CDS=0 (no class-data-sharing archive), JAVA_HOME (java is taken from $JAVA_HOME/bin when set).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const pomFile = join(here, 'pom.xml');
const log4jConfig = join(here, 'log4j2.properties');

export const cacheDir = resolve(process.env.KAFKA_CACHE_DIR ?? join(repoRoot, '.cache', 'kafka'));
export const libsDir = join(cacheDir, 'libs');
export const defaultDataDir = resolve(process.env.KAFKA_DATA_DIR ?? join(cacheDir, 'local'));
const HOST = '127.0.0.1';
const DEFAULT_PORT = 9092;

export class KafkaToolError extends Error {
  constructor(message) {
    super(message);
    this.name = 'KafkaToolError';
  }
}

const stderrLog = (msg) => process.stderr.write(`[kafka] ${msg}\n`);
const silentLog = () => undefined;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Prerequisites: java and (for the first fetch) mvn
// ---------------------------------------------------------------------------------------------

function javaBinary() {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Returns the java executable, or throws naming what is missing and how to install it. */
export function checkJava() {
  const java = javaBinary();
  const res = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (res.error) {
    throw new KafkaToolError(
      `java not found (tried ${java}): Kafka 4.x needs a Java 17+ runtime. ` +
        'Install one (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`, macOS: `brew install openjdk@17`) ' +
        'or set JAVA_HOME.',
    );
  }
  const out = `${res.stderr}${res.stdout}`;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out);
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : NaN;
  if (!Number.isNaN(major) && major < 17) {
    throw new KafkaToolError(`${java} is Java ${major}; Kafka 4.x needs Java 17 or newer.`);
  }
  return { java, versionText: out.trim() };
}

function checkMaven() {
  const res = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (res.error) {
    throw new KafkaToolError(
      `mvn not found: the Kafka jars are not cached in ${libsDir} yet and Maven is needed to fetch them ` +
        'from Maven Central once. Install Maven 3.8+ (Debian/Ubuntu: `apt-get install maven`, macOS: `brew install maven`).',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Jars
// ---------------------------------------------------------------------------------------------

function pomDigest() {
  return createHash('sha256').update(readFileSync(pomFile)).digest('hex');
}

/**
 * Class-data-sharing archive of the broker's classes: the first broker that stops gracefully dumps
 * it (-XX:ArchiveClassesAtExit), later JVMs map it and start in about half the time. Keyed by the
 * jar set and the JVM build, since an archive only fits the exact classpath and JVM it came from.
 * KAFKA_CDS=0 turns it off.
 */
function cdsArchivePath(versionText) {
  const jvm = createHash('sha256').update(versionText).digest('hex').slice(0, 10);
  return join(cacheDir, 'cds', `broker-${pomDigest().slice(0, 12)}-${jvm}.jsa`);
}

function cdsFlags(archive, dataDir) {
  if (process.env.KAFKA_CDS === '0') return { flags: [], dump: null };
  if (existsSync(archive)) return { flags: [`-XX:SharedArchiveFile=${archive}`], dump: null };
  const dump = join(dataDir, 'broker-classes.jsa');
  // The dump run logs a warning per class it cannot archive; those are expected, so silence them.
  return { flags: [`-XX:ArchiveClassesAtExit=${dump}`, '-Xlog:cds*=off'], dump };
}

/** Moves an archive dumped at broker exit into the cache (first one wins; atomic rename). */
function adoptCdsDump(state) {
  if (!state?.cdsDump || !state.cdsArchive || !existsSync(state.cdsDump)) return;
  try {
    if (!existsSync(state.cdsArchive) && statSync(state.cdsDump).size > 0) {
      mkdirSync(dirname(state.cdsArchive), { recursive: true });
      renameSync(state.cdsDump, state.cdsArchive);
      return;
    }
  } catch {
    /* another broker adopted its archive first, or a cross-device rename: just drop ours */
  }
  rmSync(state.cdsDump, { force: true });
}

/** Fetches the broker's runtime classpath into .cache/kafka/libs once; a no-op when it is there. */
export function ensureKafkaJars({ log = stderrLog } = {}) {
  const marker = join(libsDir, '.fetched');
  const digest = pomDigest();
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === digest) return libsDir;
  checkMaven();
  log(`fetching Kafka jars from Maven Central into ${libsDir} (once) ...`);
  rmSync(libsDir, { recursive: true, force: true });
  mkdirSync(libsDir, { recursive: true });
  const res = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      pomFile,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${libsDir}`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (res.status !== 0) {
    throw new KafkaToolError(
      `mvn dependency:copy-dependencies failed (exit ${res.status}):\n${tail(`${res.stdout}${res.stderr}`, 40)}`,
    );
  }
  if (!readdirSync(libsDir).some((f) => f.startsWith('kafka_2.13-'))) {
    throw new KafkaToolError(`mvn finished but no kafka_2.13 jar landed in ${libsDir}`);
  }
  writeFileSync(marker, `${digest}\n`);
  return libsDir;
}

// ---------------------------------------------------------------------------------------------
// Ports
// ---------------------------------------------------------------------------------------------

function tryListen(port) {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(null));
    srv.listen({ port, host: HOST, exclusive: true }, () => {
      const got = srv.address().port;
      srv.close(() => res(got));
    });
  });
}

async function anyFreePort() {
  const port = await tryListen(0);
  if (port == null) throw new KafkaToolError(`could not find a free port on ${HOST}`);
  return port;
}

// ---------------------------------------------------------------------------------------------
// Files of one broker instance (all under its data dir)
// ---------------------------------------------------------------------------------------------

function paths(dataDir) {
  return {
    dataDir,
    props: join(dataDir, 'server.properties'),
    logDir: join(dataDir, 'logs'),
    meta: join(dataDir, 'logs', 'meta.properties'),
    logFile: join(dataDir, 'kafka.log'),
    pidFile: join(dataDir, 'kafka.pid'),
    stateFile: join(dataDir, 'state.json'),
    lockFile: join(dataDir, 'start.lock'),
  };
}

function readState(dataDir) {
  try {
    return JSON.parse(readFileSync(paths(dataDir).stateFile, 'utf8'));
  } catch {
    return null;
  }
}

function writeState(dataDir, state) {
  writeFileSync(paths(dataDir).stateFile, `${JSON.stringify(state, null, 2)}\n`);
}

function readPid(dataDir) {
  try {
    const pid = Number(readFileSync(paths(dataDir).pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
  try {
    // A zombie (exited, not yet reaped) counts as dead.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

/** True when pid is the broker JVM of this data dir (guards against a recycled pid). */
function isOurBroker(pid, dataDir) {
  if (!isAlive(pid)) return false;
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.includes('kafka.Kafka') && cmd.includes(paths(dataDir).props);
  } catch {
    return true; // no /proc: trust the pidfile
  }
}

export function tail(text, lines = 30) {
  return text.split('\n').slice(-lines).join('\n');
}

function logTail(dataDir, lines = 40) {
  try {
    return tail(readFileSync(paths(dataDir).logFile, 'utf8'), lines);
  } catch {
    return '(no broker log)';
  }
}

function serverProperties({ dataDir, port, controllerPort }) {
  const p = paths(dataDir);
  return [
    '# Written by tools/kafka/kafka.mjs: single-node KRaft broker + controller for local use.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${HOST}:${controllerPort}`,
    `listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${p.logDir}`,
    'auto.create.topics.enable=true',
    'delete.topic.enable=true',
    'num.partitions=3',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'offsets.topic.replication.factor=1',
    // 50 partitions (the default) makes the first consumer group join slow on a small box.
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=10',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // After a kill -9 the new incarnation may only register once the old one's session expired
    // (default 9 s); controller and broker share one process here, so a short session is safe.
    'broker.heartbeat.interval.ms=500',
    'broker.session.timeout.ms=4000',
    'num.network.threads=2',
    'num.io.threads=4',
    'num.recovery.threads.per.data.dir=1',
    'log.retention.hours=168',
    '',
  ].join('\n');
}

function randomClusterId() {
  // Kafka's Uuid string form: 16 random bytes, base64url without padding; never starting with '-'.
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function formatStorage(java, dataDir, log, extraFlags) {
  const p = paths(dataDir);
  if (existsSync(p.meta)) return false;
  const clusterId = randomClusterId();
  log(`formatting KRaft storage in ${p.logDir} (cluster ${clusterId})`);
  const res = spawnSync(
    java,
    [
      '-Xmx256m',
      ...extraFlags,
      `-Dlog4j2.configurationFile=${log4jConfig}`,
      '-cp',
      join(libsDir, '*'),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      p.props,
      '--ignore-formatted',
    ],
    { encoding: 'utf8' },
  );
  if (res.status !== 0) {
    throw new KafkaToolError(`kafka storage format failed (exit ${res.status}):\n${tail(`${res.stdout}${res.stderr}`)}`);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Readiness probe: a raw Kafka Metadata v4 request (no client library needed)
// ---------------------------------------------------------------------------------------------

function kafkaRequest(port, apiKey, apiVersion, body, timeoutMs) {
  return new Promise((resolvePromise, reject) => {
    const clientId = Buffer.from('cascade-kafka-tool');
    const header = Buffer.alloc(10);
    header.writeInt16BE(apiKey, 0);
    header.writeInt16BE(apiVersion, 2);
    header.writeInt32BE(1, 4);
    header.writeInt16BE(clientId.length, 8);
    const payload = Buffer.concat([header, clientId, body]);
    const size = Buffer.alloc(4);
    size.writeInt32BE(payload.length, 0);

    const sock = connect({ host: HOST, port });
    let buf = Buffer.alloc(0);
    const done = (err, value) => {
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolvePromise(value);
    };
    const timer = setTimeout(() => done(new Error('timed out')), timeoutMs);
    sock.once('error', (err) => done(err));
    sock.once('connect', () => sock.write(Buffer.concat([size, payload])));
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) {
        done(null, buf.subarray(8, 4 + buf.readInt32BE(0))); // skip size and correlation id
      }
    });
    sock.once('close', () => done(new Error('connection closed')));
  });
}

/** Asks the broker for its metadata; resolves to the number of live brokers (0 while starting). */
export async function probeBroker(port, timeoutMs = 2000) {
  const body = Buffer.alloc(5);
  body.writeInt32BE(-1, 0); // topics: null (all)
  body.writeInt8(0, 4); // allow_auto_topic_creation: false
  const res = await kafkaRequest(port, 3, 4, body, timeoutMs);
  return res.readInt32BE(4); // after throttle_time_ms: brokers array length
}

async function waitReady({ port, pid, dataDir, timeoutMs }) {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      throw new KafkaToolError(`the broker exited during startup. Log tail (${paths(dataDir).logFile}):\n${logTail(dataDir)}`);
    }
    try {
      const brokers = await probeBroker(port, 1000);
      if (brokers > 0) return;
      lastError = 'metadata lists no live broker yet';
    } catch (err) {
      lastError = err.message;
    }
    await sleep(150);
  }
  throw new KafkaToolError(
    `the broker did not become ready on ${HOST}:${port} within ${timeoutMs} ms (${lastError}). ` +
      `Log tail (${paths(dataDir).logFile}):\n${logTail(dataDir)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// start / stop / status / restart
// ---------------------------------------------------------------------------------------------

function acquireLock(dataDir) {
  const { lockFile } = paths(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockFile, { force: true });
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(lockFile, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new KafkaToolError(`another process (pid ${holder}) is starting the broker in ${dataDir}`);
      }
      rmSync(lockFile, { force: true }); // stale
    }
  }
  throw new KafkaToolError(`could not lock ${lockFile}`);
}

function makeHandle(info, exitHook) {
  const unhook = () => exitHook && process.off('exit', exitHook);
  return {
    ...info,
    stop: (opts = {}) => {
      unhook();
      return stopKafka({ ...opts, dataDir: info.dataDir });
    },
    restart: (opts = {}) => {
      unhook();
      return restartKafka({ killOnExit: Boolean(exitHook), ...opts, dataDir: info.dataDir });
    },
  };
}

async function choosePorts(requestedPort, previous) {
  if (previous) {
    // Restart on existing data: same addresses (unless another client port is asked for), so
    // clients reconnect to what they knew and the KRaft voter set stays the same.
    const port = requestedPort || previous.port;
    for (const p of [port, previous.controllerPort]) {
      if ((await tryListen(p)) == null) {
        throw new KafkaToolError(`port ${p} is taken; cannot restart the broker of this data dir in place`);
      }
    }
    return { port, controllerPort: previous.controllerPort };
  }
  let port;
  if (requestedPort != null) {
    port = requestedPort === 0 ? await anyFreePort() : await tryListen(requestedPort);
    if (port == null) throw new KafkaToolError(`port ${requestedPort} on ${HOST} is already in use`);
  } else {
    port = (await tryListen(DEFAULT_PORT)) ?? (await anyFreePort());
  }
  let controllerPort = await anyFreePort();
  while (controllerPort === port) controllerPort = await anyFreePort();
  return { port, controllerPort };
}

/**
 * Starts (or finds already running) a broker on dataDir and waits until it serves metadata.
 * Without dataDir a fresh directory under .cache/kafka/run is used and deleted again on stop()
 * (ephemeral). With dataDir the data is kept unless `ephemeral: true`.
 */
export async function startKafka(opts = {}) {
  const log = opts.log === false ? silentLog : (opts.log ?? stderrLog);
  const dataDir = resolve(
    opts.dataDir ?? join(cacheDir, 'run', `kafka-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`),
  );
  const envPort = process.env.KAFKA_PORT ? Number(process.env.KAFKA_PORT) : undefined;
  if (envPort != null && !(Number.isInteger(envPort) && envPort >= 0 && envPort < 65536)) {
    throw new KafkaToolError(`KAFKA_PORT must be a port number, got "${process.env.KAFKA_PORT}"`);
  }
  const requestedPort = opts.port ?? envPort;
  const timeoutMs = opts.timeoutMs ?? Number(process.env.KAFKA_START_TIMEOUT_MS ?? 60_000);
  const heap = opts.heap ?? process.env.KAFKA_HEAP ?? '512m';
  const p = paths(dataDir);
  mkdirSync(dataDir, { recursive: true });

  const existing = readState(dataDir);
  // A broker restarted on its data dir stays ephemeral (deleted on stop) if it was.
  const ephemeral = opts.ephemeral ?? (opts.dataDir == null || Boolean(existing?.ephemeral));
  const runningPid = readPid(dataDir);
  if (existing && isOurBroker(runningPid, dataDir)) {
    if (requestedPort && requestedPort !== existing.port) {
      throw new KafkaToolError(
        `a broker is already running on ${dataDir} with port ${existing.port}, not ${requestedPort}; stop it first`,
      );
    }
    await waitReady({ port: existing.port, pid: runningPid, dataDir, timeoutMs });
    log(`already running (pid ${runningPid}) on ${HOST}:${existing.port}`);
    return makeHandle({ ...existing, pid: runningPid, logFile: p.logFile, dataDir, reused: true }, null);
  }

  const release = acquireLock(dataDir);
  try {
    const { java, versionText } = checkJava();
    ensureKafkaJars({ log });
    const cdsArchive = cdsArchivePath(versionText);
    const cds = cdsFlags(cdsArchive, dataDir);
    const hasData = existsSync(p.meta) && existing != null;
    const { port, controllerPort } = await choosePorts(requestedPort, hasData ? existing : null);
    if (!hasData) {
      rmSync(p.logDir, { recursive: true, force: true });
    }
    writeFileSync(p.props, serverProperties({ dataDir, port, controllerPort }));
    formatStorage(java, dataDir, log, cds.dump ? [] : cds.flags);

    const started = Date.now();
    const logFd = openSync(p.logFile, 'a');
    const jvmArgs = [
      `-Xmx${heap}`,
      '-Xms64m',
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      ...cds.flags,
      `-Dlog4j2.configurationFile=${log4jConfig}`,
      `-Dkafka.logs.dir=${dataDir}`,
      ...(process.env.KAFKA_JAVA_OPTS ? process.env.KAFKA_JAVA_OPTS.split(/\s+/).filter(Boolean) : []),
      '-cp',
      join(libsDir, '*'),
      'kafka.Kafka',
      p.props,
    ];
    const child = spawn(java, jvmArgs, { detached: true, stdio: ['ignore', logFd, logFd], cwd: dataDir });
    closeSync(logFd);
    const pid = child.pid;
    if (!pid) throw new KafkaToolError(`could not launch ${java}`);
    child.unref();
    writeFileSync(p.pidFile, `${pid}\n`);
    const info = { brokers: `${HOST}:${port}`, port, controllerPort, ephemeral, dataDir, logFile: p.logFile, pid };
    writeState(dataDir, {
      brokers: info.brokers,
      port,
      controllerPort,
      ephemeral,
      startedAt: new Date().toISOString(),
      cdsDump: cds.dump,
      cdsArchive,
    });
    log(`launched broker pid ${pid} on ${HOST}:${port} (log: ${p.logFile})`);

    try {
      await waitReady({ port, pid, dataDir, timeoutMs });
    } catch (err) {
      await stopKafka({ dataDir, force: true, keepData: true, log: false });
      throw err;
    }
    log(`ready in ${Date.now() - started} ms`);

    let exitHook = null;
    if (opts.killOnExit) {
      // Last resort when the caller dies without stop(): synchronous, so SIGKILL and best-effort cleanup.
      exitHook = () => {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
        if (ephemeral) rmSync(dataDir, { recursive: true, force: true });
      };
      process.on('exit', exitHook);
    }
    return makeHandle(info, exitHook);
  } finally {
    release();
  }
}

async function waitExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

/**
 * Stops the broker of dataDir: SIGTERM (controlled shutdown, data flushed), SIGKILL after timeoutMs.
 * `force: true` sends SIGKILL straight away (a crash). Ephemeral data dirs are deleted unless keepData.
 */
export async function stopKafka(opts = {}) {
  const log = opts.log === false ? silentLog : (opts.log ?? stderrLog);
  const dataDir = resolve(opts.dataDir ?? defaultDataDir);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const p = paths(dataDir);
  const state = readState(dataDir);
  const pid = readPid(dataDir);
  let stopped = false;
  if (pid && isOurBroker(pid, dataDir)) {
    const signal = opts.force ? 'SIGKILL' : 'SIGTERM';
    log(`stopping broker pid ${pid} (${signal})`);
    process.kill(pid, signal);
    if (!(await waitExit(pid, timeoutMs))) {
      log(`pid ${pid} still alive after ${timeoutMs} ms; sending SIGKILL`);
      process.kill(pid, 'SIGKILL');
      await waitExit(pid, 10_000);
    }
    stopped = true;
  } else {
    log(`no broker running in ${dataDir}`);
  }
  rmSync(p.pidFile, { force: true });
  if (stopped) adoptCdsDump(state);
  if (state?.ephemeral && !opts.keepData) {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { stopped, pid };
}

/** Stops the broker keeping its data and starts it again on the same data dir and port. */
export async function restartKafka(opts = {}) {
  const dataDir = resolve(opts.dataDir ?? defaultDataDir);
  const state = readState(dataDir);
  await stopKafka({ ...opts, dataDir, keepData: true });
  return startKafka({ ...opts, dataDir, ephemeral: state?.ephemeral ?? false, port: undefined });
}

/** Whether a broker of dataDir is running and answering metadata requests. */
export async function kafkaStatus(opts = {}) {
  const dataDir = resolve(opts.dataDir ?? defaultDataDir);
  const state = readState(dataDir);
  const pid = readPid(dataDir);
  const running = Boolean(state && pid && isOurBroker(pid, dataDir));
  let ready = false;
  if (running) {
    try {
      ready = (await probeBroker(state.port, 1500)) > 0;
    } catch {
      ready = false;
    }
  }
  return {
    running,
    ready,
    pid: running ? pid : null,
    brokers: state?.brokers ?? null,
    dataDir,
    logFile: paths(dataDir).logFile,
  };
}

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const args = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      args._.push(a);
      continue;
    }
    const [key, inline] = a.slice(2).split('=', 2);
    const takesValue = ['port', 'data-dir', 'timeout'].includes(key);
    args[key] = takesValue ? (inline ?? argv[++i]) : true;
  }
  return args;
}

const usage = `usage: node tools/kafka/kafka.mjs <start|stop|restart|status|fetch> [options]
  start    [--port N] [--data-dir DIR] [--ephemeral] [--timeout SECONDS]
  stop     [--data-dir DIR] [--keep-data] [--force]
  restart  [--data-dir DIR] [--force]
  status   [--data-dir DIR]
  fetch    download the broker jars into ${libsDir}
env: KAFKA_PORT, KAFKA_DATA_DIR, KAFKA_CACHE_DIR, KAFKA_HEAP, KAFKA_JAVA_OPTS, KAFKA_START_TIMEOUT_MS, KAFKA_CDS, JAVA_HOME`;

async function main(argv) {
  const args = parseArgs(argv);
  const cmd = args._[0];
  const dataDir = args['data-dir'] ? resolve(args['data-dir']) : defaultDataDir;
  switch (cmd) {
    case 'start': {
      const handle = await startKafka({
        dataDir,
        ephemeral: args.ephemeral ? true : undefined,
        port: args.port != null ? Number(args.port) : undefined,
        timeoutMs: args.timeout != null ? Number(args.timeout) * 1000 : undefined,
      });
      process.stdout.write(`KAFKA_BROKERS=${handle.brokers}\n`);
      return 0;
    }
    case 'stop':
      await stopKafka({ dataDir, keepData: Boolean(args['keep-data']), force: Boolean(args.force) });
      return 0;
    case 'restart': {
      const handle = await restartKafka({ dataDir, force: Boolean(args.force) });
      process.stdout.write(`KAFKA_BROKERS=${handle.brokers}\n`);
      return 0;
    }
    case 'status': {
      const s = await kafkaStatus({ dataDir });
      if (s.running) {
        stderrLog(`running pid ${s.pid}, ${s.ready ? 'ready' : 'NOT answering'}, data ${s.dataDir}`);
        process.stdout.write(`KAFKA_BROKERS=${s.brokers}\n`);
        return s.ready ? 0 : 1;
      }
      stderrLog(`not running (data dir ${s.dataDir})`);
      return 3;
    }
    case 'fetch':
      ensureKafkaJars();
      stderrLog(`jars in ${libsDir}`);
      return 0;
    default:
      process.stderr.write(`${usage}\n`);
      return cmd ? 2 : 0;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`[kafka] ${err instanceof KafkaToolError ? err.message : err.stack}\n`);
      process.exit(1);
    },
  );
}
