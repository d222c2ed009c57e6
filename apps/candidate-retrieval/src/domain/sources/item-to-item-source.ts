import { Source } from '@cascade/contracts';
import type { IndexHolder } from '@cascade/models';
import type { ItemCatalog } from '../catalog/item-catalog';
import { LiveRetrievalModel, towerInputOf } from '../model/live-retrieval-model';
import type { CandidateSource, SourceCandidate, SourceQuery, SourceResult } from './candidate-source';

/**
 * Neighbours of the user's most recent positive items in item-vector space ("more like what you
 * just liked"). One batched item-tower call and one batched search; an item found from several
 * seeds keeps its best similarity, discounted by the seed's recency.
 */
export class ItemToItemSource implements CandidateSource {
  readonly source = Source.SOURCE_ITEM_TO_ITEM;
  readonly name = 'item_to_item';
  readonly needsUserSignals = true;

  constructor(
    private readonly live: IndexHolder<LiveRetrievalModel>,
    private readonly catalog: ItemCatalog,
    private readonly options: { seeds: number; ef: number; recencyDecay: number },
  ) {}

  retrieve(query: SourceQuery): SourceResult {
    const live = this.live.current();
    if (!live) throw new Error('no two-tower model loaded');
    const seeds = query.user.positiveItemIds
      .slice(0, this.options.seeds)
      .map((id) => this.catalog.get(id))
      .filter((item) => item !== undefined);
    if (seeds.length === 0) return { candidates: [], modelVersions: { 'two-tower': live.version } };

    const engaged = new Set(query.user.historyItemIds);
    const perSeed = Math.ceil(query.quota / seeds.length) + 1 + engaged.size;
    const results = live.index.searchBatchKeyed(live.model.encodeItems(seeds.map(towerInputOf)), perSeed, { ef: Math.max(this.options.ef, perSeed) });
    // By item, in the order first found; each keeps its label's key, the item's catalogue slot.
    const best = new Map<string, SourceCandidate>();
    results.forEach((result, seed) => {
      const discount = this.options.recencyDecay ** seed;
      result.ids.forEach((itemId, i) => {
        if (engaged.has(itemId)) return;
        const score = result.scores[i]! * discount;
        const found = best.get(itemId);
        if (!found) best.set(itemId, { itemId, score, slot: result.keys[i]! });
        else if (score > found.score) found.score = score;
      });
    });
    const candidates = [...best.values()].sort((a, b) => b.score - a.score).slice(0, query.quota);
    return { candidates, modelVersions: { 'two-tower': live.version } };
  }
}
