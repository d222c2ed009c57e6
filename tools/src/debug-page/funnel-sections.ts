import type { StageFunnel } from '@cascade/contracts';
import { escapeHtml, formatMs, formatNumber } from './escape-html';
import type { FilterRow, FunnelView, ScoreDistribution } from './funnel-view';
import { sourceColor } from './source-colors';
import { barChart, histogramChart } from './svg-charts';

const section = (id: string, title: string, hint: string, body: string) =>
  `<section id="${id}"><h2>${escapeHtml(title)}</h2>${hint ? `<p class="hint">${escapeHtml(hint)}</p>` : ''}${body}</section>`;
const empty = (text: string) => `<p class="empty">${escapeHtml(text)}</p>`;
const degradedNote = (stage: { degraded: boolean; degradedReason: string }) => (stage.degraded ? `degraded${stage.degradedReason ? `: ${stage.degradedReason}` : ''}` : '');
const legend = (entries: [string, string][]) =>
  `<div class="legend">${entries.map(([style, text]) => `<span><i style="${escapeHtml(style)}"></i>${escapeHtml(text)}</span>`).join('')}</div>`;

/** Each retrieval source: candidates asked for, returned, and still there after retrieval's filters. */
export function sourcesSection({ sources }: FunnelView): string {
  if (sources.length === 0) return section('sources', 'Candidates per source', '', empty('No per-source funnel in the response.'));
  const rows = sources.map((s) => ({
    label: s.source,
    layers: [
      { value: s.quota, className: 'bar-outline' },
      { value: s.returned, className: 'bar bar-returned', color: sourceColor(s.source) },
      { value: s.kept, className: 'bar bar-kept', color: sourceColor(s.source) },
    ],
    valueText: `${s.kept} kept · ${s.returned} returned of ${s.quota} asked${s.degraded ? ` · ${degradedNote(s)}` : ''}`,
    title: `${s.source}: ${formatMs(s.durationMs)}`,
    attributes: { 'data-source': s.source, 'data-quota': s.quota, 'data-returned': s.returned, 'data-kept': s.kept, 'data-degraded': s.degraded },
    className: s.degraded ? 'degraded' : '',
  }));
  const key = legend([
    ['background:#4b6584', 'kept after filters'],
    ['background:#4b6584;opacity:.35', 'returned'],
    ['border:1px dashed #9aa7ba', 'asked (quota)'],
  ]);
  return section('sources', 'Candidates per source', 'Each source in its own colour. A candidate found by several sources counts for each.', key + barChart(rows, 'candidates per source'));
}

/** Items each filter removed, per stage that filters. */
export function filtersSection({ filters }: FunnelView): string {
  if (filters.length === 0) return section('filters', 'Filters', '', empty('No filter removed anything.'));
  const rows = filters.map((f: FilterRow) => ({
    label: `${f.stage} · ${f.filter}`,
    layers: [{ value: f.removed, className: 'bar-removed' }],
    valueText: `${f.removed} removed`,
    attributes: { 'data-stage': f.stage, 'data-filter': f.filter, 'data-removed': f.removed },
  }));
  return section('filters', 'Filters', 'What each filter removed.', barChart(rows, 'items removed per filter'));
}

/** Counts in and out of every stage, degraded stages marked with their reason. */
export function stagesSection({ stages }: FunnelView): string {
  if (stages.length === 0) return section('funnel', 'Funnel', '', empty('The response has no funnel (was debug set?).'));
  const rows = stages.map((s: StageFunnel) => ({
    label: s.stage,
    layers: [
      { value: s.countIn, className: 'bar-count-in' },
      { value: s.countOut, className: 'bar' },
    ],
    valueText: `${s.countIn} → ${s.countOut}${s.degraded ? ` · ${degradedNote(s)}` : ''}`,
    attributes: { 'data-stage': s.stage, 'data-count-in': s.countIn, 'data-count-out': s.countOut, 'data-degraded': s.degraded },
    className: s.degraded ? 'degraded' : '',
  }));
  const key = legend([
    ['background:#e4e9f2', 'in'],
    ['background:#3867d6', 'out'],
  ]);
  return section('funnel', 'Funnel', 'Candidates into and out of each stage, in order.', key + barChart(rows, 'stage funnel'));
}

/** Each stage's duration on one scale; degraded stages in red. */
export function timingsSection({ stages }: FunnelView): string {
  if (stages.length === 0) return '';
  const rows = stages.map((s) => ({
    label: s.stage,
    layers: [{ value: s.durationMs, className: 'bar-time' }],
    valueText: `${formatMs(s.durationMs)}${s.degraded ? ` · ${degradedNote(s)}` : ''}`,
    attributes: { 'data-stage': s.stage, 'data-duration-ms': s.durationMs },
    className: s.degraded ? 'degraded' : '',
  }));
  return section('timings', 'Timings', 'Sources run in parallel; retrieval includes them.', barChart(rows, 'stage durations'));
}

const distributionLabel: Record<string, string> = { ranking: 'ranking · value scores before re-ranking', blending: 'blending · final list scores' };

function distributionFigure({ stage, histogram }: ScoreDistribution): string {
  const stats = `n ${histogram.count} · min ${formatNumber(histogram.min)} · p50 ${formatNumber(histogram.p50)} · mean ${formatNumber(histogram.mean)} · max ${formatNumber(histogram.max)}`;
  return (
    `<figure class="distribution" data-stage="${escapeHtml(stage)}" data-count="${histogram.count}">` +
    `<figcaption>${escapeHtml(distributionLabel[stage] ?? stage)}</figcaption>` +
    histogramChart(histogram, `${stage} score histogram`) +
    `<div class="stats">${escapeHtml(stats)}</div></figure>`
  );
}

/** One histogram per stage that reported its scores. */
export function scoresSection({ distributions }: FunnelView): string {
  const body = distributions.length === 0 ? empty('No score distributions in the response.') : `<div class="histograms">${distributions.map(distributionFigure).join('')}</div>`;
  return section('scores', 'Score distributions', 'Red: median; dashed: mean.', body);
}
