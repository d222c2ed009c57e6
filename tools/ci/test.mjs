#!/usr/bin/env node
// The one test command: contract checks, then typecheck, lint and every project's tests, with the
// real infrastructure they need (Kafka, Redis) started here unless the environment points at one.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startInfrastructure } from './infrastructure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const totals = { passed: 0, failed: 0, skipped: 0 };
// eslint-disable-next-line no-control-regex
const ansi = /\u001b\[[0-9;]*m/g;

/** Adds up jest's per-project "Tests: 1 failed, 2 skipped, 40 passed, 43 total" lines. */
function countTests(text) {
  for (const line of text.replace(ansi, '').split('\n')) {
    const match = /Tests:\s+(.*\d+ total)/.exec(line);
    if (!match) continue;
    for (const [, n, kind] of match[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
      if (kind === 'todo') totals.skipped += Number(n);
      else totals[kind] += Number(n);
    }
  }
}

function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], env });
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString();
      const cut = pending.lastIndexOf('\n');
      if (cut >= 0) {
        countTests(pending.slice(0, cut));
        pending = pending.slice(cut + 1);
      }
    });
    child.on('exit', (code, signal) => {
      countTests(pending);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function step(title, command, args, env) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const code = await run(command, args, env);
  console.log(`=== ${title}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return code;
}

const extraArgs = process.argv.slice(2);
let infrastructure;
let exitCode = 0;

const stopAndExit = async (code) => {
  if (infrastructure) await infrastructure.stop();
  console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  process.exit(code);
};
process.on('SIGINT', () => void stopAndExit(130));
process.on('SIGTERM', () => void stopAndExit(143));

try {
  for (const [title, command, args] of [
    ['generated contracts are fresh', process.execPath, [join(root, 'tools/proto/generate.mjs'), '--check']],
    ['buf lint', bin('buf'), ['lint']],
    ['buf breaking', process.execPath, [join(root, 'tools/proto/breaking.mjs')]],
  ]) {
    if ((await step(title, command, args)) !== 0) exitCode = 1;
  }
  if (exitCode === 0) {
    infrastructure = await startInfrastructure();
    const env = { ...process.env, ...infrastructure.env };
    const code = await step(
      'typecheck, lint and test every project',
      bin('nx'),
      ['run-many', '-t', 'typecheck', 'lint', 'test', '--outputStyle=stream', '--skipNxCache', ...extraArgs],
      env,
    );
    if (code !== 0) exitCode = 1;
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  exitCode = 1;
}
await stopAndExit(exitCode);
