// The end-to-end benchmark's Markdown: one row per arrival rate, the bar's verdict, and the
// profile's hot spots.
import { formatNumber, summarizeLatencies } from '../suite/stats';
import { goodput, type OpenLoopResult } from './open-loop';
import type { ProfileSummary } from './profile-summary';

export interface RateStep {
  load: OpenLoopResult;
  /** Engagement events/s the background producer achieved during the step. */
  eventsPerSecond: number;
  /** Cores used per process during the step. */
  cores: Record<string, number>;
}

export const P99_BAR_MS = 30;

/** The highest offered rate whose p99 stayed within the bar with every request answered and not degraded (0 if none). */
export function highestRateWithinBar(steps: readonly RateStep[], p99BarMs = P99_BAR_MS): number {
  let best = 0;
  for (const { load } of steps) {
    const answeredAll = load.ok === load.offered && load.degraded === 0;
    if (answeredAll && summarizeLatencies(load.latenciesMs).p99 <= p99BarMs) best = Math.max(best, load.ratePerSecond);
  }
  return best;
}

const ms = (value: number) => formatNumber(value, value < 10 ? 1 : 0);

/** "12 (ranking 10, retrieval 3)": degraded answers, then the stages they named. */
function degradedCell(load: RateStep['load']): string {
  const stages = Object.entries(load.degradedStages ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([stage, n]) => `${stage} ${formatNumber(n)}`);
  return stages.length > 0 ? `${formatNumber(load.degraded)} (${stages.join(', ')})` : formatNumber(load.degraded);
}

export function rateTable(steps: readonly RateStep[], processes: readonly string[]): string {
  const header = ['offered req/s', 'p50 / p95 / p99 / max (ms)', 'ok', 'degraded (by stage)', 'errors', 'goodput req/s', 'events/s ingested', ...processes.map((p) => `${p} cores`)];
  const rows = steps.map(({ load, eventsPerSecond, cores }) => {
    const l = summarizeLatencies(load.latenciesMs);
    const errors = Object.entries(load.errors).map(([code, n]) => `${code} ${n}`).join(', ') || '0';
    return [
      formatNumber(load.ratePerSecond),
      `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)} / ${ms(l.max)}`,
      `${load.ok}/${load.offered}`,
      degradedCell(load),
      errors,
      formatNumber(goodput(load), 1),
      formatNumber(eventsPerSecond),
      ...processes.map((p) => formatNumber(cores[p] ?? Number.NaN, 2)),
    ];
  });
  return [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i === 0 ? '---:' : i === 1 ? '---' : '---:')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function profileTable(summaries: ReadonlyMap<string, ProfileSummary>, top = 8): string {
  const lines: string[] = [];
  for (const [service, summary] of summaries) {
    lines.push(`**${service}** (main thread busy ${formatNumber(summary.busyShare * 100)}% of ${formatNumber(summary.seconds, 1)} s; by owner: ${summary.byOwner.slice(0, 6).map((o) => `${o.owner} ${formatNumber(o.selfShare * 100)}%`).join(', ')})`, '');
    lines.push('| self % | function | owner |', '| ---: | --- | --- |');
    for (const spot of summary.top.slice(0, top)) lines.push(`| ${formatNumber(spot.selfShare * 100, 1)} | \`${spot.name.replace(/\|/g, '\\|')}\` | ${spot.owner} |`);
    lines.push('');
  }
  return lines.join('\n');
}
