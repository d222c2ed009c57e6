// Runs one benchmark script as its own process (isolation: no JIT, heap or native state shared
// between benches) and collects its --json result.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchSpec } from './catalog';
import type { BenchOutcome } from './markdown';
import { parseBenchResult } from './result';

export interface RunBenchOptions {
  root: string;
  quick: boolean;
  resultFile: string;
  env: Record<string, string>;
  /** Called with the child so that an interrupt can stop it. */
  onChild?: (stop: (() => void) | undefined) => void;
}

export async function runBench(spec: BenchSpec, options: RunBenchOptions): Promise<BenchOutcome> {
  const script = join(options.root, spec.script);
  if (!existsSync(script)) return { name: spec.name, status: 'missing', detail: `${spec.script} does not exist` };
  rmSync(options.resultFile, { force: true });
  const args = [...(options.quick ? spec.quickArgs : spec.args), '--json', options.resultFile];
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: options.root, env: { ...process.env, ...options.env }, stdio: ['ignore', 'inherit', 'pipe'] });
  let stderrTail = '';
  child.stderr.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-8_192);
  });
  options.onChild?.(() => child.kill('SIGTERM'));
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (c, s) => resolve({ code: c, signal: s })));
  options.onChild?.(undefined);
  if (code !== 0) {
    const why = firstErrorLine(stderrTail);
    return { name: spec.name, status: 'failed', detail: `${signal ? `killed by ${signal}` : `exit code ${code}`}${why ? `: ${why}` : ''}` };
  }
  if (!existsSync(options.resultFile)) return { name: spec.name, status: 'failed', detail: `exited 0 but wrote no --json result` };
  try {
    return { name: spec.name, status: 'ok', result: parseBenchResult(readFileSync(options.resultFile, 'utf8')) };
  } catch (error) {
    return { name: spec.name, status: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** The first line of a child's stderr that reads like an error (stack frames and progress logs left out), for the summary. */
export function firstErrorLine(stderr: string): string | undefined {
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at ') && !line.startsWith('[bench') && !/^[{}()[\]]+,?$/.test(line))
    .find((line) => /error|failed|refused|not |cannot|timed out/i.test(line));
}
