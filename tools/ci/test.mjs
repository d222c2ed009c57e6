#!/usr/bin/env node
// The one test command: contract checks, then typecheck, lint and every project's tests, with the
// real infrastructure they need (Kafka, Redis) started here unless the environment points at one.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startInfrastructure } from './infrastructure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
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
