// Where the end-to-end run's CPU goes per Recommend, and the request rate the machine's cores could
// carry at all: each process's cores during a step, less its cores with the stream alone (no
// requests), divided by the step's rate.
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

/**
 * The step whose per-request CPU is read for the budget: the highest rate at which at least 99% of
 * requests were answered (the most requests, so the least noise, with no shedding or timeouts hiding
 * work not done); the lowest rate when none was.
 */
export function budgetStep(steps: readonly RateStep[]): RateStep | undefined {
  const answered = steps.filter(({ load }) => load.ok >= 0.99 * load.offered);
  const pool = answered.length > 0 ? answered : steps;
  const pick = answered.length > 0 ? Math.max : Math.min;
  const rate = pick(...pool.map((s) => s.load.ratePerSecond));
  return pool.find((s) => s.load.ratePerSecond === rate);
}

export interface CpuBudget {
  rate: number;
  perRequestMs: Record<string, number>;
  /** The four services and the broker, per Recommend. */
  systemMs: number;
  /** Every measured process (the bench's producer and load generator too). */
  allMs: number;
  /** Cores every process used with no requests (the stream's cost, and the services' idle work). */
  idleCores: number;
  /** The rate at which the machine's cores would be fully used: (cores − idle) / CPU per request. */
  cpuBoundRate: number;
}

export function cpuBudget(idleCores: Readonly<Record<string, number>>, steps: readonly RateStep[], machineCores: number): CpuBudget | undefined {
  const step = budgetStep(steps);
  if (!step) return undefined;
  const perRequestMs = cpuMsPerRequest(idleCores, step);
  const sum = (names: readonly string[]) => names.reduce((total, name) => total + (Number.isFinite(perRequestMs[name]) ? perRequestMs[name]! : 0), 0);
  const systemMs = sum(SYSTEM_PROCESSES);
  const allMs = sum(Object.keys(perRequestMs));
  const idle = Object.values(idleCores).reduce((total, cores) => total + (Number.isFinite(cores) ? cores : 0), 0);
  return { rate: step.load.ratePerSecond, perRequestMs, systemMs, allMs, idleCores: idle, cpuBoundRate: allMs > 0 ? (Math.max(0, machineCores - idle) * 1000) / allMs : Number.POSITIVE_INFINITY };
}

/** One row per process: idle cores, then CPU ms per request at each rate; the budget's sentence under it. */
export function cpuBudgetTable(idleCores: Readonly<Record<string, number>>, steps: readonly RateStep[], processes: readonly string[], machineCores: number): string {
  const header = ['process', 'cores with no requests', ...steps.map((s) => `ms per request at ${formatNumber(s.load.ratePerSecond)} req/s`)];
  const perStep = steps.map((s) => cpuMsPerRequest(idleCores, s));
  const rows = processes.map((name) => [name, formatNumber(idleCores[name] ?? Number.NaN, 2), ...perStep.map((ms) => formatNumber(ms[name] ?? Number.NaN, 1))]);
  const table = [`| ${header.join(' | ')} |`, `| --- | ${header.slice(1).map(() => '---:').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const budget = cpuBudget(idleCores, steps, machineCores);
  if (!budget) return table;
  const sentence =
    `At ${formatNumber(budget.rate)} req/s a Recommend cost ${formatNumber(budget.systemMs, 1)} ms of CPU in the four services and the broker ` +
    `(${formatNumber(budget.allMs, 1)} ms with the bench's own processes). With no requests the processes already used ${formatNumber(budget.idleCores, 2)} of the ${formatNumber(machineCores)} cores, ` +
    `so the cores run out at about **${formatNumber(budget.cpuBoundRate)} req/s**, whatever the latency.`;
  return `${table}\n\n${sentence}`;
}
