import { RecommendResponse } from '@cascade/contracts';
import { DEFAULT_LIMIT, type DebugQuery, surfaceNames } from './debug-query';
import { escapeHtml, formatMs } from './escape-html';
import { finalListSection } from './final-list-section';
import { filtersSection, scoresSection, sourcesSection, stagesSection, timingsSection } from './funnel-sections';
import { funnelView } from './funnel-view';
import { pageStyle } from './page-style';

/** A failed Recommend call as the page shows it. */
export interface CallFailure {
  /** gRPC status code and its name, absent when the call failed before reaching gRPC. */
  code?: number;
  statusName?: string;
  message: string;
}

function layout(title: string, header: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${pageStyle}</style></head>` +
    `<body><header>${header}</header><main>${body}</main></body></html>`
  );
}

function form(query: Partial<DebugQuery>): string {
  const options = Object.keys(surfaceNames)
    .map((name) => `<option value="${name}"${name === query.surface ? ' selected' : ''}>${name}</option>`)
    .join('');
  return (
    `<section id="request"><form method="get" action="/">` +
    `<label>user <input name="user" required value="${escapeHtml(query.userId ?? '')}" placeholder="u42"></label>` +
    `<label>surface <select name="surface">${options}</select></label>` +
    `<label>limit <input name="limit" type="number" min="1" max="100" value="${query.limit ?? DEFAULT_LIMIT}"></label>` +
    `<button type="submit">Recommend</button></form></section>`
  );
}

const plainHeader = (subtitle: string) => `<h1>Cascade · Recommend debug</h1><div class="summary">${escapeHtml(subtitle)}</div>`;

/** The bare form, optionally with why the last submission was refused. */
export function renderFormPage(query: Partial<DebugQuery> = {}, problem?: string): string {
  const notice = problem ? `<section class="error" id="error"><h2>Bad request</h2><p>${escapeHtml(problem)}</p></section>` : '';
  return layout('Cascade debug', plainHeader('One Recommend request, debug on, drawn as its funnel.'), form(query) + notice);
}

/** The readable page for a call that failed, with its gRPC status. */
export function renderErrorPage(query: DebugQuery, blendingAddress: string, failure: CallFailure): string {
  const status = failure.code === undefined ? 'no gRPC status' : `${failure.statusName ?? 'status'} (${failure.code})`;
  const body =
    form(query) +
    `<section class="error" id="error"><h2>Recommend failed: ${escapeHtml(status)}</h2>` +
    `<p class="grpc-status" data-code="${failure.code ?? ''}">${escapeHtml(failure.message)}</p>` +
    `<p class="hint">Blending at ${escapeHtml(blendingAddress)}, user ${escapeHtml(query.userId)}, surface ${escapeHtml(query.surface)}.</p></section>`;
  return layout('Cascade debug · error', plainHeader(`Recommend for ${query.userId} on ${query.surface} failed`), body);
}

function responseHeader(query: DebugQuery, response: RecommendResponse, elapsedMs: number): string {
  const degraded = response.degraded
    ? response.degradedStages.map((stage) => `<span class="badge degraded" data-degraded-stage="${escapeHtml(stage)}">degraded: ${escapeHtml(stage)}</span>`).join('') ||
      '<span class="badge degraded">degraded</span>'
    : '<span class="badge ok">not degraded</span>';
  const models = Object.entries(response.modelVersions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, version]) => `<span class="badge">${escapeHtml(`${name} ${version}`)}</span>`);
  const experiments = response.experiments.map((e) => `<span class="badge">${escapeHtml(`${e.experiment} = ${e.variant}`)}</span>`);
  return (
    `<h1>Recommend · ${escapeHtml(query.userId)} · ${escapeHtml(query.surface)}</h1>` +
    `<div class="summary">request ${escapeHtml(response.requestId)} · ${response.items.length} of ${query.limit} items · ${escapeHtml(formatMs(elapsedMs))} end to end</div>` +
    `<div>${degraded}${models.join('')}${experiments.join('')}</div>`
  );
}

/** The response itself, folded away, for what the charts leave out. */
const rawResponseSection = (response: RecommendResponse) =>
  `<section id="raw"><details><summary>Raw response (JSON)</summary><pre id="raw-response">${escapeHtml(JSON.stringify(RecommendResponse.toJSON(response), null, 2))}</pre></details></section>`;

/** One Recommend response drawn as its funnel: sources, filters, stages, timings, score histograms, the final list, and the raw response. */
export function renderResultPage(query: DebugQuery, response: RecommendResponse, elapsedMs: number): string {
  const view = funnelView(response);
  const body = [form(query), sourcesSection(view), filtersSection(view), stagesSection(view), timingsSection(view), scoresSection(view), finalListSection(response.items), rawResponseSection(response)].join('');
  return layout(`Cascade debug · ${query.userId} · ${query.surface}`, responseHeader(query, response, elapsedMs), body);
}
