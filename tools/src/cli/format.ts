import { type RecommendResponse, sourceToJSON } from '@cascade/contracts';
import type { HealthResult } from '@cascade/client';

const sourceName = (source: number) => sourceToJSON(source).replace(/^SOURCE_/, '').toLowerCase();

/** A recommendation list for a terminal: one line per item with its explanation, then degradation, models and (debug) the funnel. */
export function formatRecommendation(response: RecommendResponse): string {
  const lines = [`request ${response.requestId}: ${response.items.length} item(s)`];
  for (const item of response.items) {
    const creator = item.creatorId ? ` by ${item.creatorId}` : '';
    const sources = item.sources.length > 0 ? item.sources.map(sourceName).join('+') : sourceName(item.source);
    lines.push(`${String(item.position).padStart(3)}. ${item.itemId}${creator}  score ${item.score.toFixed(4)}  [${sources}]${item.explanation ? `  ${item.explanation}` : ''}`);
  }
  lines.push(response.degraded ? `degraded: ${response.degradedStages.join(', ') || 'yes'}` : 'degraded: no');
  const models = Object.entries(response.modelVersions).sort(([a], [b]) => a.localeCompare(b));
  lines.push(`models: ${models.length > 0 ? models.map(([name, version]) => `${name}@${version}`).join(', ') : 'none'}`);
  if (response.experiments.length > 0) lines.push(`experiments: ${response.experiments.map((e) => `${e.experiment}=${e.variant}`).join(', ')}`);
  for (const stage of response.debug?.stages ?? []) {
    const reason = stage.degraded ? `  DEGRADED${stage.degradedReason ? ` (${stage.degradedReason})` : ''}` : '';
    lines.push(`  ${stage.stage}: ${stage.countIn} → ${stage.countOut} in ${stage.durationMs} ms${reason}`);
  }
  return lines.join('\n');
}

/** One line per service: name, address, state and, when unreachable, why. */
export function formatHealth(rows: { service: string; address: string; result: HealthResult }[]): string {
  const width = Math.max(...rows.map((row) => row.service.length));
  return rows.map(({ service, address, result }) => `${service.padEnd(width)}  ${address}  ${result.state}${result.error ? `  (${result.error})` : ''}`).join('\n');
}

export interface ModelRow {
  name: string;
  latest: string | undefined;
  versions: { version: string; createdAt: string | undefined; metrics: Record<string, number>; error?: string }[];
}

const metricText = (metrics: Record<string, number>) =>
  Object.entries(metrics)
    .map(([name, value]) => `${name}=${Number.isInteger(value) ? value : value.toFixed(4)}`)
    .join(' ');

/** Each model with its versions, oldest first; the LATEST one is marked. */
export function formatModels(registry: string, models: ModelRow[]): string {
  if (models.length === 0) return `no models under ${registry}`;
  const lines: string[] = [];
  for (const model of models) {
    lines.push(`${model.name} (LATEST ${model.latest ?? 'none'})`);
    for (const version of model.versions) {
      const mark = version.version === model.latest ? '*' : ' ';
      const detail = version.error ? `unreadable manifest: ${version.error}` : `${version.createdAt ?? '?'}  ${metricText(version.metrics)}`;
      lines.push(` ${mark} ${version.version}  ${detail}`.trimEnd());
    }
  }
  return lines.join('\n');
}
