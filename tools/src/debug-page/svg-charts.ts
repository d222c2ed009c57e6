import type { ScoreHistogram } from '@cascade/contracts';
import { escapeHtml, formatNumber } from './escape-html';

/** One layer of a bar: drawn from zero to `value`, later layers over earlier ones. */
export interface BarLayer {
  value: number;
  /** CSS class, e.g. "bar" for the measured value, "bar-outline" for a limit behind it. */
  className: string;
  color?: string;
}

export interface BarRow {
  label: string;
  layers: BarLayer[];
  /** Text right of the bar. */
  valueText: string;
  /** Shown on hover. */
  title?: string;
  /** Extra attributes of the row's group, e.g. data-source. */
  attributes?: Record<string, string | number | boolean>;
  /** Marks the row, e.g. "degraded". */
  className?: string;
}

const CHART_WIDTH = 1000;
const LABEL_WIDTH = 250;
const BAR_AREA = 460;
const ROW_HEIGHT = 26;
const BAR_HEIGHT = 16;

const attributeText = (attributes: Record<string, string | number | boolean> = {}) =>
  Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');

/** Horizontal bars on one linear scale, a labelled row each. */
export function barChart(rows: readonly BarRow[], ariaLabel: string): string {
  const max = Math.max(1, ...rows.flatMap((row) => row.layers.map((layer) => layer.value)));
  const height = rows.length * ROW_HEIGHT + 8;
  const body = rows.map((row, i) => {
    const y = 4 + i * ROW_HEIGHT;
    const rects = row.layers.map((layer) => {
      const width = Math.max(layer.value > 0 ? 1 : 0, (layer.value / max) * BAR_AREA);
      // An inline style, not a fill attribute: the stylesheet's class colours would override that.
      const fill = layer.color ? ` style="fill:${escapeHtml(layer.color)}"` : '';
      return `<rect class="${escapeHtml(layer.className)}" x="${LABEL_WIDTH}" y="${y + (ROW_HEIGHT - BAR_HEIGHT) / 2}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" rx="2"${fill} data-value="${layer.value}"/>`;
    });
    const widest = Math.max(0, ...row.layers.map((layer) => (layer.value / max) * BAR_AREA));
    const title = row.title ? `<title>${escapeHtml(row.title)}</title>` : '';
    return (
      `<g class="bar-row${row.className ? ` ${escapeHtml(row.className)}` : ''}"${attributeText(row.attributes)}>${title}` +
      `<text class="bar-label" x="${LABEL_WIDTH - 8}" y="${y + ROW_HEIGHT / 2}" text-anchor="end" dominant-baseline="middle">${escapeHtml(row.label)}</text>` +
      rects.join('') +
      `<text class="bar-value" x="${(LABEL_WIDTH + widest + 6).toFixed(1)}" y="${y + ROW_HEIGHT / 2}" dominant-baseline="middle">${escapeHtml(row.valueText)}</text></g>`
    );
  });
  return `<svg class="chart bar-chart" role="img" aria-label="${escapeHtml(ariaLabel)}" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}">${body.join('')}</svg>`;
}

const HISTOGRAM_WIDTH = 360;
const HISTOGRAM_HEIGHT = 170;
const PLOT = { left: 36, right: 12, top: 12, bottom: 34 };

/** Vertical buckets of a score histogram with its median and mean marked. */
export function histogramChart(histogram: ScoreHistogram, ariaLabel: string): string {
  const plotWidth = HISTOGRAM_WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HISTOGRAM_HEIGHT - PLOT.top - PLOT.bottom;
  const tallest = Math.max(1, ...histogram.counts);
  const bucketWidth = plotWidth / Math.max(1, histogram.counts.length);
  const span = histogram.max - histogram.min;
  const xOf = (score: number) => PLOT.left + (span > 0 ? ((score - histogram.min) / span) * plotWidth : plotWidth / 2);
  const baseline = PLOT.top + plotHeight;

  const buckets = histogram.counts.map((count, i) => {
    const height = (count / tallest) * plotHeight;
    const from = histogram.edges[i] ?? histogram.min;
    const to = histogram.edges[i + 1] ?? histogram.max;
    return (
      `<rect class="bucket" x="${(PLOT.left + i * bucketWidth + 1).toFixed(1)}" y="${(baseline - height).toFixed(1)}" width="${Math.max(1, bucketWidth - 2).toFixed(1)}" height="${height.toFixed(1)}" data-count="${count}">` +
      `<title>${escapeHtml(`${formatNumber(from)} – ${formatNumber(to)}: ${count}`)}</title></rect>`
    );
  });
  const marker = (name: string, score: number, className: string, labelY: number) => {
    const x = xOf(score).toFixed(1);
    return `<line class="${className}" x1="${x}" x2="${x}" y1="${PLOT.top}" y2="${baseline}"/><text class="marker-label ${className}" x="${x}" y="${labelY}" text-anchor="middle">${escapeHtml(`${name} ${formatNumber(score)}`)}</text>`;
  };
  const axis =
    `<line class="axis" x1="${PLOT.left}" x2="${PLOT.left + plotWidth}" y1="${baseline}" y2="${baseline}"/>` +
    `<text class="tick" x="${PLOT.left}" y="${baseline + 14}" text-anchor="start">${escapeHtml(formatNumber(histogram.min))}</text>` +
    `<text class="tick" x="${PLOT.left + plotWidth}" y="${baseline + 14}" text-anchor="end">${escapeHtml(formatNumber(histogram.max))}</text>` +
    `<text class="tick" x="${PLOT.left - 6}" y="${PLOT.top + 4}" text-anchor="end">${tallest}</text>` +
    `<text class="tick" x="${PLOT.left - 6}" y="${baseline}" text-anchor="end">0</text>`;
  return (
    `<svg class="chart histogram" role="img" aria-label="${escapeHtml(ariaLabel)}" viewBox="0 0 ${HISTOGRAM_WIDTH} ${HISTOGRAM_HEIGHT}" width="${HISTOGRAM_WIDTH}" height="${HISTOGRAM_HEIGHT}">` +
    buckets.join('') +
    axis +
    marker('p50', histogram.p50, 'median', baseline + 28) +
    marker('mean', histogram.mean, 'mean', PLOT.top - 2) +
    `</svg>`
  );
}
