#!/usr/bin/env node
// Starts a throwaway redis-server on loopback for tests and the local stack.
// API: startRedis({ port }) → { url, stop() }. CLI: node tools/redis/redis.mjs start|stop
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stateDir = join(root, '.cache', 'redis');
const pidFile = join(stateDir, 'redis.pid');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function ping(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });
}

export function redisServerPath() {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  return found || null;
}

export async function startRedis({ port } = {}) {
  const binary = redisServerPath();
  if (!binary) {
    throw new Error('redis-server is not installed. On Debian/Ubuntu: apt-get update && apt-get install -y redis-server');
  }
  const chosenPort = port ?? Number(process.env.REDIS_PORT ?? 0);
  const listenPort = chosenPort || (await freePort());
  mkdirSync(stateDir, { recursive: true });
  const child = spawn(
    binary,
    ['--port', String(listenPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', stateDir, '--protected-mode', 'yes'],
    { stdio: ['ignore', 'ignore', 'inherit'], detached: true },
  );
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  const deadline = Date.now() + 10_000;
  while (!(await ping(listenPort))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer PING on port ${listenPort} within 10s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = `redis://127.0.0.1:${listenPort}`;
  return {
    url,
    pid: child.pid,
    async stop() {
      await stopPid(child.pid);
    },
  };
}

async function stopPid(pid) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(pidFile, { force: true });
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
  rmSync(pidFile, { force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === 'start') {
    const redis = await startRedis();
    console.log(`REDIS_URL=${redis.url}`);
  } else if (command === 'stop') {
    if (existsSync(pidFile)) await stopPid(Number(readFileSync(pidFile, 'utf8')));
  } else {
    console.error('usage: redis.mjs start|stop');
    process.exit(2);
  }
}
