import { ContentEvent, ContentEventType, Surface } from '@cascade/contracts';
import { AnnIndex, IndexHolder, ItemTowerInput, UserTowerInput } from '@cascade/models';
import { ItemCatalog } from '../catalog/item-catalog';
import type { EmbeddingModel } from '../model/embedding-model';
import { applyCatalogChange, LiveRetrievalModel, reconcileWithCatalog } from '../model/live-retrieval-model';
import { noUserSignals, SourceQuery } from './candidate-source';
import { ItemToItemSource } from './item-to-item-source';
import { TwoTowerSource } from './two-tower-source';

/** A toy tower: each category is an axis; a user points at the categories of their history. */
const AXES = ['dance', 'food', 'travel', 'pets'];
const unit = (weights: number[]) => {
  const norm = Math.hypot(...weights) || 1;
  return weights.map((w) => w / norm);
};
function toyModel(catalog: ItemCatalog): EmbeddingModel {
  const itemVector = (item: ItemTowerInput) => unit(AXES.map((axis) => ((item.categories ?? []).includes(axis) ? 1 : 0) + (item.itemId.endsWith('-best') ? 0.1 : 0)));
  return {
    dim: AXES.length,
    encodeItems: (items) => Float32Array.from(items.flatMap(itemVector)),
    encodeUsers: (inputs: readonly UserTowerInput[]) =>
      Float32Array.from(
        inputs.flatMap((input) => {
          const sum = AXES.map(() => 0);
          for (const id of input.history) {
            const item = catalog.get(id);
            if (item) itemVector({ ...item, itemId: id }).forEach((v, i) => (sum[i]! += v));
          }
          return unit(sum.map((v) => v || 0.01));
        }),
      ),
  };
}

function catalogOf(entries: [itemId: string, category: string][]): ItemCatalog {
  const catalog = new ItemCatalog();
  entries.forEach(([itemId, category], i) =>
    catalog.apply(ContentEvent.fromPartial({ eventId: itemId, itemId, creatorId: `cr-${itemId}`, categories: [category], type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT, createdAtMs: i + 1, eventTimeMs: i + 1 })),
  );
  return catalog;
}

const query = (overrides: Partial<SourceQuery>): SourceQuery => ({
  userId: 'u1',
  surface: Surface.SURFACE_SPOTLIGHT,
  country: '',
  language: '',
  nowMs: 0,
  user: noUserSignals,
  quota: 3,
  signal: new AbortController().signal,
  ...overrides,
});

describe('two-tower and item-to-item sources over a live index', () => {
  const catalog = catalogOf([
    ['dance-1', 'dance'],
    ['dance-2', 'dance'],
    ['dance-best', 'dance'],
    ['food-1', 'food'],
    ['food-best', 'food'],
    ['travel-1', 'travel'],
  ]);
  const model = toyModel(catalog);
  let holder: IndexHolder<LiveRetrievalModel>;

  beforeAll(async () => {
    const live: LiveRetrievalModel = { version: 'v1', model, index: AnnIndex.create(model.dim, { modelVersion: 'v1' }) };
    expect(await reconcileWithCatalog(live, catalog.liveItems(), catalog.deletedIds(), 4)).toBe(6);
    holder = new IndexHolder(live);
  });

  it('two-tower returns the nearest items to the user vector, skipping what the user engaged with', () => {
    const user = { ...noUserSignals, positiveItemIds: ['dance-1'], historyItemIds: ['dance-1'] };
    const result = new TwoTowerSource(holder, 100).retrieve(query({ user, quota: 2 }));
    expect(result.candidates.map((c) => c.itemId).sort()).toEqual(['dance-2', 'dance-best']);
    expect(result.candidates[0]!.score).toBeGreaterThan(0.9);
    expect(result.modelVersions).toEqual({ 'two-tower': 'v1' });
  });

  it('item-to-item returns neighbours of recent positives, the most recent seed first', () => {
    const user = { ...noUserSignals, positiveItemIds: ['food-1', 'dance-1'], historyItemIds: ['food-1', 'dance-1'] };
    const result = new ItemToItemSource(holder, catalog, { seeds: 2, ef: 50, recencyDecay: 0.9 }).retrieve(query({ user, quota: 3 }));
    expect(result.candidates[0]!.itemId).toBe('food-best');
    expect(result.candidates.map((c) => c.itemId)).not.toContain('food-1');
    expect(result.candidates.map((c) => c.itemId)).toEqual(expect.arrayContaining(['dance-2']));
  });

  it('follows the content topic: a new upload becomes retrievable, a deleted item disappears', () => {
    const live = holder.current()!;
    const upload = catalog.apply(ContentEvent.fromPartial({ eventId: 'p', itemId: 'pets-1', creatorId: 'cr-p', categories: ['pets'], type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT, eventTimeMs: 10 }));
    expect(applyCatalogChange(live, upload)).toBe(true);
    const petLover = { ...noUserSignals, positiveItemIds: ['pets-1'] };
    expect(new TwoTowerSource(holder, 100).retrieve(query({ user: petLover, quota: 1 })).candidates[0]!.itemId).toBe('pets-1');

    const removal = catalog.apply(ContentEvent.fromPartial({ eventId: 'd', itemId: 'pets-1', type: ContentEventType.CONTENT_EVENT_TYPE_DELETE, eventTimeMs: 11 }));
    expect(applyCatalogChange(live, removal)).toBe(true);
    expect(new TwoTowerSource(holder, 100).retrieve(query({ user: petLover, quota: 6 })).candidates.map((c) => c.itemId)).not.toContain('pets-1');
  });

  it('fails (so the pipeline degrades) when no model is loaded', () => {
    expect(() => new TwoTowerSource(new IndexHolder<LiveRetrievalModel>(), 100).retrieve(query({}))).toThrow('no two-tower model loaded');
  });
});
