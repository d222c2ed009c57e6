import type { RecommendedItem } from '@cascade/contracts';
import { escapeHtml, formatNumber } from './escape-html';
import { sourceName } from './funnel-view';
import { sourceColor } from './source-colors';

const sourceChip = (name: string) => `<span class="source" style="background:${escapeHtml(sourceColor(name))}">${escapeHtml(name)}</span>`;

/** Task predictions as small meters; scores are probabilities or ratios, drawn on 0..1. */
function taskScores(scores: Record<string, number>): string {
  return Object.entries(scores)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([task, score]) => {
      const percent = Math.round(Math.min(1, Math.max(0, score)) * 100);
      return `<div class="task" data-task="${escapeHtml(task)}"><span>${escapeHtml(task)}</span><span class="meter"><span style="width:${percent}%"></span></span><span>${escapeHtml(formatNumber(score, 2))}</span></div>`;
    })
    .join('');
}

function itemRow(item: RecommendedItem): string {
  const primary = sourceName(item.source);
  const others = item.sources.map(sourceName).filter((name) => name !== primary);
  return (
    `<tr class="item" data-item-id="${escapeHtml(item.itemId)}" data-position="${item.position}">` +
    `<td class="number">${item.position}</td>` +
    `<td><strong class="item-id">${escapeHtml(item.itemId)}</strong><br><span class="creator">${escapeHtml(item.creatorId)}</span></td>` +
    `<td class="number score">${escapeHtml(item.score.toFixed(4))}</td>` +
    `<td class="sources">${sourceChip(primary)}${others.map(sourceChip).join('')}</td>` +
    `<td class="explanation">${escapeHtml(item.explanation)}</td>` +
    `<td class="tasks">${taskScores(item.taskScores)}</td></tr>`
  );
}

/** The served list: position, item and creator, score, sources (primary first), explanation, task scores. */
export function finalListSection(items: readonly RecommendedItem[]): string {
  const body =
    items.length === 0
      ? '<p class="empty">The list is empty.</p>'
      : `<table><thead><tr><th>#</th><th>item · creator</th><th>score</th><th>sources</th><th>explanation</th><th>task scores</th></tr></thead><tbody>${items.map(itemRow).join('')}</tbody></table>`;
  return `<section id="final-list"><h2>Final list</h2>${body}</section>`;
}
