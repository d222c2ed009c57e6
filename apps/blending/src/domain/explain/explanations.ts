import { Source } from '@cascade/contracts';

export interface ExplainableItem {
  sources: readonly Source[];
  taskScores: Readonly<Record<string, number>>;
  createdAtMs: number;
  explored: boolean;
  pinned: boolean;
}

const HOUR = 3_600_000;

const sourceReasons: Partial<Record<Source, string>> = {
  [Source.SOURCE_FOLLOWING]: 'from creators you follow',
  [Source.SOURCE_ITEM_TO_ITEM]: 'similar to videos you liked',
  [Source.SOURCE_TWO_TOWER]: 'matches your interests',
  [Source.SOURCE_TRENDING]: 'trending near you',
  [Source.SOURCE_FRESH]: 'new upload',
  [Source.SOURCE_POPULAR]: 'popular now',
};

/**
 * A short, human-readable reason: where the item came from (best source first), what the ranker
 * liked about it, and whether it is new or an exploration pick. At most three parts.
 */
export function explain(item: ExplainableItem, nowMs: number): string {
  if (item.pinned) return 'featured';
  const parts: string[] = [];
  if (item.explored) parts.push('new creator spotlight');
  for (const source of item.sources) {
    const reason = sourceReasons[source];
    if (reason && !parts.includes(reason)) parts.push(reason);
    if (parts.length >= 2) break;
  }
  const { complete = 0, like = 0, share = 0 } = item.taskScores;
  if (share >= 0.1) parts.push('often shared');
  else if (like >= 0.2) parts.push('often liked');
  else if (complete >= 0.5) parts.push('high completion');
  if (item.createdAtMs && nowMs - item.createdAtMs < 24 * HOUR && !parts.includes('new upload')) parts.push('new');
  return parts.slice(0, 3).join(' · ');
}
