import type { IndexHolder } from '@cascade/models';
import type { CatalogChange } from '../catalog/item-catalog';
import { applyCatalogChange, type LiveRetrievalModel } from './live-retrieval-model';

/**
 * Keeps the model in service in step with the content topic, and a model being loaded too: a load
 * takes seconds (towers, index, reconciling with the catalogue), and a change that arrives meanwhile
 * reaches the new index only if it is applied again once the load is done.
 */
export class ModelSwap {
  private pending: CatalogChange[] | undefined;

  constructor(private readonly holder: IndexHolder<LiveRetrievalModel>) {}

  /** Applies a catalogue change to the model in service, and remembers it for a load in progress. */
  apply(change: CatalogChange): void {
    const live = this.holder.current();
    if (live) applyCatalogChange(live, change);
    this.pending?.push(change);
  }

  /** Loads a model, applies what changed while it loaded, then puts it in service; returns what `load` returned. */
  async swapIn<Loaded extends { live: LiveRetrievalModel }>(load: () => Promise<Loaded>): Promise<Loaded> {
    const pending: CatalogChange[] = [];
    this.pending = pending;
    try {
      const loaded = await load();
      // Applying a change twice (the load may have seen it already) leaves the same index.
      for (const change of pending) applyCatalogChange(loaded.live, change);
      this.holder.swap(loaded.live);
      return loaded;
    } finally {
      if (this.pending === pending) this.pending = undefined;
    }
  }
}
