import type { AnnIndex, ItemTowerInput } from '@cascade/models';
import type { CatalogChange } from '../catalog/item-catalog';
import type { ItemRecord } from '../catalog/item-record';
import type { EmbeddingModel } from './embedding-model';

/**
 * A model version in service: its towers and the index of item vectors they produced. Each
 * indexed item the catalogue knows carries its catalogue slot as its label's key (see
 * applyCatalogChange and reconcileWithCatalog), so that the ANN sources hand the pipeline slots and
 * a search result reaches its item record by array indexing.
 */
export interface LiveRetrievalModel {
  version: string;
  model: EmbeddingModel;
  index: AnnIndex;
}

export function towerInputOf(item: ItemRecord): ItemTowerInput {
  return {
    itemId: item.itemId,
    creatorId: item.creatorId,
    categories: item.categories,
    durationMs: item.durationMs,
    createdAtMs: item.createdAtMs,
    language: item.language,
    country: item.country,
    ...(item.embedding ? { embedding: item.embedding } : {}),
  };
}

/**
 * Keeps a live index in step with the content topic: an upsert is encoded by the item tower and
 * inserted (or replaced) with its catalogue slot as key, a delete removes the item (and its
 * label's key with it, before the label can go to another item). Returns whether the index changed.
 */
export function applyCatalogChange(live: LiveRetrievalModel, change: CatalogChange): boolean {
  if (change.kind === 'delete') return live.index.remove(change.item.itemId);
  if (change.kind !== 'upsert') return false;
  live.index.upsert(change.item.itemId, live.model.encodeItems([towerInputOf(change.item)]), 0, change.item.slot);
  return true;
}

/**
 * Adds to a freshly loaded index the catalogue items it lacks (uploads since training) and removes
 * what the catalogue has deleted, in batches, yielding between them; every catalogue item in the
 * index gets its catalogue slot as key (an index item the catalogue does not know keeps none, and
 * is resolved by id). Returns how many were added.
 */
export async function reconcileWithCatalog(live: LiveRetrievalModel, items: Iterable<ItemRecord>, deleted: Iterable<string>, batchSize = 1024): Promise<number> {
  for (const id of deleted) live.index.remove(id);
  let added = 0;
  let batch: ItemRecord[] = [];
  const flush = async () => {
    const vectors = live.model.encodeItems(batch.map(towerInputOf));
    batch.forEach((item, row) => live.index.upsert(item.itemId, vectors, row * live.model.dim, item.slot));
    added += batch.length;
    batch = [];
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (const item of items) {
    if (live.index.setKey(item.itemId, item.slot)) continue;
    batch.push(item);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return added;
}
