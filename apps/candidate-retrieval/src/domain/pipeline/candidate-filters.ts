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

export interface FilteredCandidate {
  candidate: MergedCandidate;
  item: ItemRecord;
}

/** Filter names as reported in removed_by_filter, in the order they run. */
export const filterNames = ['excluded', 'unavailable', 'seen', 'blocked_creator', 'language', 'country', 'creator_cap'] as const;
export type FilterName = (typeof filterNames)[number];

export interface FilterOutcome {
  kept: FilteredCandidate[];
  removed: Record<FilterName, number>;
}

/** The creators blocked for this user: moderation's, plus those of items the user hid or reported. */
function blockedCreatorsFor(context: FilterContext): ReadonlySet<string> {
  if (context.user.negativeItemIds.length === 0) return context.blockedCreatorIds;
  const blocked = new Set(context.blockedCreatorIds);
  for (const itemId of context.user.negativeItemIds) {
    const creatorId = context.catalog.get(itemId)?.creatorId;
    if (creatorId) blocked.add(creatorId);
  }
  return blocked;
}

/**
 * Removes what must never be returned and counts what each rule removed: ids the caller excluded,
 * unknown or deleted items, items the user saw recently (or hid), creators blocked by moderation or
 * by the user (they hid or reported one of the creator's items), items outside the surface's
 * language or country, and a creator's items beyond the per-creator cap. Stops once `limit` are kept.
 */
export function filterCandidates(candidates: readonly MergedCandidate[], context: FilterContext, limit: number): FilterOutcome {
  const removed: Record<FilterName, number> = { excluded: 0, unavailable: 0, seen: 0, blocked_creator: 0, language: 0, country: 0, creator_cap: 0 };
  const { catalog, excludedItemIds, creatorCap } = context;
  const seenOrHidden = new Set(context.user.seenItemIds);
  for (const itemId of context.user.negativeItemIds) seenOrHidden.add(itemId);
  const blockedCreators = blockedCreatorsFor(context);
  const language = context.requireLanguageMatch ? context.language : '';
  const country = context.requireCountryMatch ? context.country : '';
  const perCreator = new Map<string, number>();
  const kept: FilteredCandidate[] = [];

  for (let i = 0; i < candidates.length && kept.length < limit; i++) {
    const candidate = candidates[i]!;
    if (excludedItemIds.has(candidate.itemId)) {
      removed.excluded++;
      continue;
    }
    // ANN candidates carry their catalogue slot: no lookup in the map of every item.
    const slot = candidate.slot ?? -1;
    const item = slot >= 0 ? catalog.getAt(slot, candidate.itemId) : catalog.get(candidate.itemId);
    if (!item) removed.unavailable++;
    else if (seenOrHidden.has(item.itemId)) removed.seen++;
    else if (blockedCreators.has(item.creatorId)) removed.blocked_creator++;
    else if (language && item.language && item.language !== language) removed.language++;
    else if (country && item.country && item.country !== country) removed.country++;
    else {
      const count = perCreator.get(item.creatorId) ?? 0;
      if (count >= creatorCap) removed.creator_cap++;
      else {
        perCreator.set(item.creatorId, count + 1);
        kept.push({ candidate, item });
      }
    }
  }
  return { kept, removed };
}
