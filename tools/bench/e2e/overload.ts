// The DESIGN overload bar: at 5× capacity, ≥ 90% goodput, shed requests answered in < 10 ms, no crash.
import { formatNumber, summarizeLatencies } from '../suite/stats';
import { goodput } from './open-loop';
import type { RateStep } from './report';
import type { BenchBar } from '../suite/result';

/** Capacity: the highest offered rate answered in full (every request ok within the deadline, degraded or not). */
export function capacityOf(steps: readonly RateStep[]): number {
  let capacity = 0;
  for (const { load } of steps) if (load.ok === load.offered) capacity = Math.max(capacity, load.ratePerSecond);
  return capacity || Math.min(...steps.map((s) => s.load.ratePerSecond));
}

/** Goodput at overload as a share of the goodput at capacity. */
export function overloadGoodputShare(overload: RateStep, capacity: number, steps: readonly RateStep[]): number {
  const atCapacity = steps.find((s) => s.load.ratePerSecond === capacity);
  return atCapacity ? goodput(overload.load) / Math.max(1e-9, goodput(atCapacity.load)) : Number.NaN;
}

export function overloadSummary(overload: RateStep, capacity: number, steps: readonly RateStep[], crashed: readonly string[]): string {
  const shed = overload.load.errorLatenciesMs['RESOURCE_EXHAUSTED'] ?? [];
  const shedP99 = shed.length ? summarizeLatencies(shed).p99 : Number.NaN;
  return (
    `${formatNumber(overload.load.ratePerSecond)} req/s offered (5 × ${formatNumber(capacity)}): goodput ${formatNumber(goodput(overload.load), 1)} req/s ` +
    `= ${formatNumber(overloadGoodputShare(overload, capacity, steps) * 100)}% of the goodput at capacity; ${formatNumber(shed.length)} shed (RESOURCE_EXHAUSTED), ` +
    `answered in p99 ${formatNumber(shedP99, 1)} ms; ${crashed.length ? `crashed: ${crashed.join(', ')}` : 'no service crashed'}.`
  );
}

export function overloadBar(overload: RateStep, capacity: number, steps: readonly RateStep[], crashed: readonly string[]): BenchBar {
  const share = overloadGoodputShare(overload, capacity, steps);
  const shed = overload.load.errorLatenciesMs['RESOURCE_EXHAUSTED'] ?? [];
  const shedP99 = shed.length ? summarizeLatencies(shed).p99 : 0;
  return {
    bar: 'Overload at 5× capacity',
    target: '≥ 90% goodput, shed answered in < 10 ms, no crash',
    measured: `${formatNumber(share * 100)}% goodput, ${formatNumber(shed.length)} shed in p99 ${formatNumber(shedP99, 1)} ms, ${crashed.length ? `crashed: ${crashed.join(', ')}` : 'no crash'}`,
    met: share >= 0.9 && shedP99 < 10 && crashed.length === 0,
  };
}
