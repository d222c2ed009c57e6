// Where the end-to-end run's CPU goes: per Recommend (the slope of each process's cores between two
// request rates with the stream off), for the stream (its cores with no requests), and the request
// rate at which the two together would use every core of the machine.
import { formatNumber } from '../suite/stats';
import type { RateStep } from './report';

/** The processes that make up the system under test; the others (producer, load generator) are the bench's. */
export const SYSTEM_PROCESSES = ['feature', 'candidate-retrieval', 'ranking', 'blending', 'kafka'] as const;

export const LOAD_GENERATOR = 'load generator';

/**
 * CPU ms per request, per process: the extra cores of the higher rate over the lower one, per
 * extra request. A slope, not cores over rate, so that work that does not scale with requests
 * (timers, metrics, and V8 collecting a large heap once the process goes idle) cancels out.
 */
export function cpuMsPerRequest(low: RateStep, high: RateStep): Record<string, number> {
  const extraRate = high.load.ratePerSecond - low.load.ratePerSecond;
  if (!(extraRate > 0)) throw new RangeError('the second calibration rate must be higher than the first');
  return Object.fromEntries(Object.entries(high.cores).map(([name, cores]) => [name, (Math.max(0, cores - (low.cores[name] ?? 0)) * 1000) / extraRate]));
}

export interface CpuBudgetInput {
  /** Two steps of requests with the stream off, at a lower and a higher rate. */
  calibration: [RateStep, RateStep];
  /** Cores of each process with the stream on and no requests: what ingesting costs. */
  streamCores: Readonly<Record<string, number>>;
  machineCores: number;
}

export interface CpuBudget {
  rates: [number, number];
  perRequestMs: Record<string, number>;
  /** The four services and the broker, per Recommend. */
  systemMs: number;
  /** Every measured process (the bench's load generator too). */
  allMs: number;
  /** Cores every process used with the stream on and no requests (the bench's producer included). */
  streamCores: number;
  /** The rate at which the machine's cores would be fully used: (cores − stream) / CPU per request. */
  cpuBoundRate: number;
}

const total = (values: Iterable<number>) => [...values].reduce((sum, v) => sum + (Number.isFinite(v) ? v : 0), 0);

/**
 * What a Recommend costs and what the stream costs, each measured alone (on a machine the stream
 * saturates, the cores a step adds say nothing: ingestion just falls behind), and the rate at which
 * both together would use every core.
 */
export function cpuBudget({ calibration: [low, high], streamCores, machineCores }: CpuBudgetInput): CpuBudget {
  const perRequestMs = cpuMsPerRequest(low, high);
  const systemMs = total(SYSTEM_PROCESSES.map((name) => perRequestMs[name] ?? Number.NaN));
  const allMs = total(Object.values(perRequestMs));
  const stream = total(Object.values(streamCores));
  return {
    rates: [low.load.ratePerSecond, high.load.ratePerSecond],
    perRequestMs,
    systemMs,
    allMs,
    streamCores: stream,
    cpuBoundRate: allMs > 0 ? (Math.max(0, machineCores - stream) * 1000) / allMs : Number.POSITIVE_INFINITY,
  };
}

/** One row per process: its cores at each calibration rate, ms per Recommend, cores with the stream alone; the bound under it. */
export function cpuBudgetTable(input: CpuBudgetInput, processes: readonly string[]): string {
  const budget = cpuBudget(input);
  const [low, high] = input.calibration;
  const [lowRate, highRate] = budget.rates.map((r) => formatNumber(r));
  const header = ['process', `cores at ${lowRate} req/s`, `cores at ${highRate} req/s`, 'ms of CPU per Recommend', 'cores with the stream alone'];
  const rows = processes.map((name) => [
    name,
    formatNumber(low.cores[name] ?? Number.NaN, 2),
    formatNumber(high.cores[name] ?? Number.NaN, 2),
    formatNumber(budget.perRequestMs[name] ?? Number.NaN, 1),
    formatNumber(input.streamCores[name] ?? Number.NaN, 2),
  ]);
  const table = [`| ${header.join(' | ')} |`, `| --- | ${header.slice(1).map(() => '---:').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const sentence =
    `A Recommend cost ${formatNumber(budget.systemMs, 1)} ms of CPU in the four services and the broker (${formatNumber(budget.allMs, 1)} ms with the bench's load generator); ` +
    `the stream alone took ${formatNumber(budget.streamCores, 2)} of the ${formatNumber(input.machineCores)} cores (the bench's producer included). ` +
    `Together they use every core at about **${formatNumber(budget.cpuBoundRate)} req/s**, whatever the latency.`;
  return `${table}\n\n${sentence}`;
}
