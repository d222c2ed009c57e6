// The benchmark suite (issue 8): runs every bench one after another, each in its own process with
// --json, starting Kafka and Redis when KAFKA_BROKERS / REDIS_URL are unset and stopping them after;
// prints a summary table against the DESIGN.md bars and rewrites the generated top of BENCHMARKS.md.
//
//   npm run bench [-- --only a,b] [--skip a,b] [--quick] [--write | --no-write]
//
// --quick runs each bench's small sizes (a smoke run of a few minutes) and, unless --write is given,
// leaves BENCHMARKS.md alone: the generated block always goes to .cache/bench/suite/generated.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchCatalog, Infrastructure, nameList, selectBenches } from './suite/catalog';
import { startInfrastructure } from './suite/infrastructure';
import { loadAverage, machineInfo } from './suite/machine';
import { BenchOutcome, generatedBlock, replaceGeneratedBlock, summaryText, SuiteRun } from './suite/markdown';
import { runBench } from './suite/run-bench';

const root = join(__dirname, '..', '..');
const outDir = join(root, '.cache', 'bench', 'suite');
const log = (message: string) => process.stderr.write(`[bench suite] ${message}\n`);

const argv = process.argv.slice(2);
const { values: args } = parseArgs({
  args: argv,
  options: {
    only: { type: 'string' },
    skip: { type: 'string' },
    quick: { type: 'boolean', default: false },
    write: { type: 'boolean' },
    'no-write': { type: 'boolean' },
  },
});
const quick = args.quick;
const writeBenchmarksMd = args['no-write'] ? false : (args.write ?? !quick);

async function main(): Promise<void> {
  const benches = selectBenches(benchCatalog, nameList(args.only), nameList(args.skip));
  mkdirSync(outDir, { recursive: true });
  const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  const date = new Date().toISOString();
  const loadBefore = loadAverage();
  log(`${benches.map((b) => b.name).join(', ')}${quick ? ' (quick)' : ''}; load average ${loadBefore}`);

  const needs = new Set<Infrastructure>(benches.flatMap((b) => b.needs));
  const infrastructure = await startInfrastructure(needs, log);
  let stopCurrent: (() => void) | undefined;
  const interrupt = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping`);
    stopCurrent?.();
    void infrastructure.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  const outcomes: BenchOutcome[] = [];
  try {
    for (const spec of benches) {
      log(`── ${spec.name}: ${spec.script} ${(quick ? spec.quickArgs : spec.args).join(' ')}`);
      const started = performance.now();
      const outcome = await runBench(spec, { root, quick, resultFile: join(outDir, `${spec.name}.json`), env: infrastructure.env, onChild: (stop) => (stopCurrent = stop) });
      log(`── ${spec.name}: ${outcome.status === 'ok' ? 'ok' : `${outcome.status} (${outcome.detail})`} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      outcomes.push(outcome);
    }
  } finally {
    await infrastructure.stop();
  }

  const run: SuiteRun = { date, command, machine: machineInfo(), loadBefore, loadAfter: loadAverage(), quick, outcomes };
  const block = generatedBlock(run);
  writeFileSync(join(outDir, 'generated.md'), `${block}\n`);
  writeFileSync(join(outDir, 'summary.json'), `${JSON.stringify(run, null, 2)}\n`);
  process.stdout.write(`\n${summaryText(outcomes)}\n\n`);
  if (writeBenchmarksMd) {
    const file = join(root, 'BENCHMARKS.md');
    writeFileSync(file, replaceGeneratedBlock(readFileSync(file, 'utf8'), block));
    log('BENCHMARKS.md: generated block rewritten');
  } else {
    log(`BENCHMARKS.md left alone (${quick ? 'quick run; --write to record it' : '--no-write'}); the block is in .cache/bench/suite/generated.md`);
  }
  if (outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
