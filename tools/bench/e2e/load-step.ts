// Runs one open-loop step in a child process (tools/bench/e2e/load-generator.ts) and reads its result.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { OpenLoopResult } from './open-loop';

export interface LoadStepOptions {
  target: string;
  rate: number;
  seconds: number;
  usersFile: string;
  deadlineMs: number;
}

export interface LoadStepResult extends OpenLoopResult {
  /** Cores the load generator itself used while offering the step (it shares the machine). */
  generatorCores: number;
}

export function runLoadStep({ target, rate, seconds, usersFile, deadlineMs }: LoadStepOptions): Promise<LoadStepResult> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'load-generator.ts'), '--target', target, '--rate', String(rate), '--seconds', String(seconds), '--users', usersFile, '--deadline-ms', String(deadlineMs)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}: ${stderr}`));
      for (const line of stderr.split('\n')) if (line.startsWith('[load] ')) process.stderr.write(`${line}\n`);
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as LoadStepResult);
    });
  });
}
