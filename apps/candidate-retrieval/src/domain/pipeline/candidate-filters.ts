import type { ItemCatalog } from '../catalog/item-catalog';
import type { ItemRecord } from '../catalog/item-record';
import type { UserSignals } from '../sources/candidate-source';
import type { MergedCandidate } from './merge-candidates';

export interface FilterContext {
  catalog: ItemCatalog;
  user: UserSignals;
  excludedItemIds: ReadonlySet<string>;
  /** Creators nobody is shown (moderation), from configuration. */
  blockedCreatorIds: ReadonlySet<string>;
  language: string;
  country: string;
  requireLanguageMatch: boolean;
  requireCountryMatch: boolean;
  creatorCap: number;
}

export interface FilteredCandidate extends MergedCandidate {
  item: ItemRecord;
}

/** Filter names as reported in removed_by_filter, in the order they run. */
export const filterNames = ['excluded', 'unavailable', 'seen', 'blocked_creator', 'language', 'country', 'creator_cap'] as const;
export type FilterName = (typeof filterNames)[number];

export interface FilterOutcome {
  kept: FilteredCandidate[];
  removed: Record<FilterName, number>;
}

/**
 * Removes what must never be returned and counts what each rule removed: ids the caller excluded,
 * unknown or deleted items, items the user saw recently, creators blocked by moderation or by the
 * user (they hid or reported one of the creator's items), items outside the surface's language or
 * country, and a creator's items beyond the per-creator cap. Stops once `limit` are kept.
 */
export function filterCandidates(candidates: readonly MergedCandidate[], context: FilterContext, limit: number): FilterOutcome {
  const removed = Object.fromEntries(filterNames.map((name) => [name, 0])) as Record<FilterName, number>;
  const seen = new Set(context.user.seenItemIds);
  const hidden = new Set(context.user.negativeItemIds);
  const blockedCreators = new Set(context.blockedCreatorIds);
  for (const itemId of hidden) {
    const creatorId = context.catalog.get(itemId)?.creatorId;
    if (creatorId) blockedCreators.add(creatorId);
  }
  const perCreator = new Map<string, number>();
  const kept: FilteredCandidate[] = [];

  for (const candidate of candidates) {
    if (kept.length >= limit) break;
    const reason = rejection(candidate, context, seen, hidden, blockedCreators, perCreator);
    if (typeof reason === 'string') {
      removed[reason]++;
      continue;
    }
    perCreator.set(reason.creatorId, (perCreator.get(reason.creatorId) ?? 0) + 1);
    kept.push({ ...candidate, item: reason });
  }
  return { kept, removed };
}

function rejection(
  candidate: MergedCandidate,
  context: FilterContext,
  seen: ReadonlySet<string>,
  hidden: ReadonlySet<string>,
  blockedCreators: ReadonlySet<string>,
  perCreator: ReadonlyMap<string, number>,
): FilterName | ItemRecord {
  if (context.excludedItemIds.has(candidate.itemId)) return 'excluded';
  const item = context.catalog.get(candidate.itemId);
  if (!item) return 'unavailable';
  if (seen.has(item.itemId) || hidden.has(item.itemId)) return 'seen';
  if (blockedCreators.has(item.creatorId)) return 'blocked_creator';
  if (context.requireLanguageMatch && context.language && item.language && item.language !== context.language) return 'language';
  if (context.requireCountryMatch && context.country && item.country && item.country !== context.country) return 'country';
  if ((perCreator.get(item.creatorId) ?? 0) >= context.creatorCap) return 'creator_cap';
  return item;
}
