// The result every benchmark script writes with `--json <file>`, read by the suite runner
// (tools/bench/run-all.ts) to build the summary table and the generated part of BENCHMARKS.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One row against a bar of DESIGN.md ("Bars"), or an informational row of a stage without its own bar. */
export interface BenchBar {
  /** What is measured, e.g. "ANN recall@100 at ≥ 2,000 q/s per core (1M × 64)". */
  bar: string;
  /** The target as written in the design, e.g. "≥ 0.95"; "–" where the row is informational. */
  target: string;
  /** The measured value with its unit, e.g. "0.976 at 2,136 q/s per CPU-second". */
  measured: string;
  /** Whether the target is met; null when it does not apply (informational row, smaller run than the bar's). */
  met: boolean | null;
}

export interface BenchResult {
  /** Short id, as named in the runner's --only/--skip. */
  name: string;
  /** Section title in BENCHMARKS.md. */
  title: string;
  /** The exact command that produced it. */
  command: string;
  /** TF.js backend the measured work ran on, where one was involved. */
  backend?: string;
  /** The section body (Markdown) the script prints. */
  markdown: string;
  bars: BenchBar[];
}

/** The value of `--json <file>` (or `--json=<file>`) in an argument list, if given. */
export function jsonOutputPath(argv: readonly string[] = process.argv.slice(2)): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') return argv[i + 1];
    if (arg.startsWith('--json=')) return arg.slice('--json='.length);
  }
  return undefined;
}

/** The command line a bench was started with, as a reader would retype it. */
export function benchCommand(script: string, argv: readonly string[] = process.argv.slice(2)): string {
  const shown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') i++;
    else if (!argv[i]!.startsWith('--json=')) shown.push(argv[i]!);
  }
  return ['npx tsx', script, ...shown].join(' ');
}

/** Writes the result where `--json` asked (no-op without it). */
export function writeBenchResult(result: BenchResult, file: string | undefined = jsonOutputPath()): void {
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}

/** Reads and checks a result file written by writeBenchResult. */
export function parseBenchResult(text: string): BenchResult {
  const value = JSON.parse(text) as Partial<BenchResult>;
  for (const field of ['name', 'title', 'command', 'markdown'] as const) {
    if (typeof value[field] !== 'string') throw new Error(`bench result: "${field}" must be a string`);
  }
  if (!Array.isArray(value.bars)) throw new Error('bench result: "bars" must be an array');
  for (const row of value.bars) {
    if (typeof row.bar !== 'string' || typeof row.target !== 'string' || typeof row.measured !== 'string' || !(row.met === null || typeof row.met === 'boolean')) {
      throw new Error(`bench result: malformed bar row ${JSON.stringify(row)}`);
    }
  }
  return value as BenchResult;
}
