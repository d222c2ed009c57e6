// Where the end-to-end run's CPU goes: per Recommend (a step of requests with the stream off, less
// the cores with nothing running), for the stream (its cores with no requests), and the request
// rate at which the two together would use every core of the machine.
import { formatNumber } from '../suite/stats';
import type { RateStep } from './report';

/** The processes that make up the system under test; the others (producer, load generator) are the bench's. */
export const SYSTEM_PROCESSES = ['feature', 'candidate-retrieval', 'ranking', 'blending', 'kafka'] as const;

export const LOAD_GENERATOR = 'load generator';

/** CPU ms per offered request, per process: (cores during the step − cores at idle) / rate. */
export function cpuMsPerRequest(idleCores: Readonly<Record<string, number>>, step: RateStep): Record<string, number> {
  const rate = step.load.ratePerSecond;
  return Object.fromEntries(
    Object.entries(step.cores).map(([name, cores]) => [name, (Math.max(0, cores - (idleCores[name] ?? 0)) * 1000) / rate]),
  );
}

export interface CpuBudgetInput {
  /** Cores of each process with neither the stream nor requests. */
  quietCores: Readonly<Record<string, number>>;
  /** A step of requests with the stream off: its cores less the quiet cores give each request's CPU. */
  calibration: RateStep;
  /** Cores of each process with the stream on and no requests: what ingesting costs. */
  streamCores: Readonly<Record<string, number>>;
  machineCores: number;
}

export interface CpuBudget {
  rate: number;
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
export function cpuBudget({ quietCores, calibration, streamCores, machineCores }: CpuBudgetInput): CpuBudget {
  const perRequestMs = cpuMsPerRequest(quietCores, calibration);
  const systemMs = total(SYSTEM_PROCESSES.map((name) => perRequestMs[name] ?? Number.NaN));
  const allMs = total(Object.values(perRequestMs));
  const stream = total(Object.values(streamCores));
  return {
    rate: calibration.load.ratePerSecond,
    perRequestMs,
    systemMs,
    allMs,
    streamCores: stream,
    cpuBoundRate: allMs > 0 ? (Math.max(0, machineCores - stream) * 1000) / allMs : Number.POSITIVE_INFINITY,
  };
}

/** One row per process: quiet cores, ms per Recommend without the stream, cores with the stream alone; the bound under it. */
export function cpuBudgetTable(input: CpuBudgetInput, processes: readonly string[]): string {
  const budget = cpuBudget(input);
  const header = ['process', 'cores, nothing running', `ms of CPU per Recommend (${formatNumber(budget.rate)} req/s, no stream)`, 'cores with the stream alone'];
  const rows = processes.map((name) => [
    name,
    formatNumber(input.quietCores[name] ?? Number.NaN, 2),
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
