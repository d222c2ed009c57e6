import { ContentEvent, ContentEventType } from '@cascade/contracts';
import { AnnIndex, IndexHolder } from '@cascade/models';
import { ItemCatalog } from '../catalog/item-catalog';
import type { EmbeddingModel } from './embedding-model';
import { type LiveRetrievalModel, reconcileWithCatalog } from './live-retrieval-model';
import { ModelSwap } from './model-swap';

const DIM = 4;
const model: EmbeddingModel = {
  dim: DIM,
  encodeItems: (items) => Float32Array.from(items.flatMap((item) => [1, item.itemId.length % 3, item.itemId.charCodeAt(item.itemId.length - 1) % 7, 0.5])),
  encodeUsers: (users) => new Float32Array(users.length * DIM).fill(1),
};
const upload = (itemId: string, t: number) =>
  ContentEvent.fromPartial({ eventId: `u-${itemId}-${t}`, itemId, creatorId: 'cr', type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT, createdAtMs: t, eventTimeMs: t });
const deletion = (itemId: string, t: number) => ContentEvent.fromPartial({ eventId: `d-${itemId}-${t}`, itemId, type: ContentEventType.CONTENT_EVENT_TYPE_DELETE, eventTimeMs: t });

function emptyModel(version: string): LiveRetrievalModel {
  return { version, model, index: AnnIndex.create(DIM, { modelVersion: version }) };
}

describe('ModelSwap', () => {
  it('applies the content changes that arrive while a model loads to the new model before it serves', async () => {
    const catalog = new ItemCatalog();
    const holder = new IndexHolder<LiveRetrievalModel>();
    const swap = new ModelSwap(holder);
    for (const id of ['a', 'b', 'c']) swap.apply(catalog.apply(upload(id, 1)));
    await swap.swapIn(async () => {
      const live = emptyModel('v1');
      await reconcileWithCatalog(live, catalog.liveItems(), catalog.deletedIds());
      return { live };
    });
    expect(holder.current()!.index.size).toBe(3);

    let finishLoad!: () => void;
    const loadReleased = new Promise<void>((resolve) => (finishLoad = resolve));
    const next = swap.swapIn(async () => {
      // The load reads the catalogue first, then takes its time (towers, index file).
      const live = emptyModel('v2');
      await reconcileWithCatalog(live, catalog.liveItems(), catalog.deletedIds());
      await loadReleased;
      return { live };
    });
    await new Promise((resolve) => setImmediate(resolve));
    swap.apply(catalog.apply(upload('d', 2)));
    swap.apply(catalog.apply(deletion('a', 3)));
    finishLoad();
    const { live } = await next;

    expect(holder.current()).toBe(live);
    expect(live.index.has('d')).toBe(true);
    expect(live.index.has('a')).toBe(false);
    expect(live.index.size).toBe(3);
    // Later changes reach only the model in service.
    swap.apply(catalog.apply(upload('e', 4)));
    expect(live.index.has('e')).toBe(true);
  });

  it('leaves the model in service and forgets the changes when a load fails', async () => {
    const catalog = new ItemCatalog();
    const holder = new IndexHolder<LiveRetrievalModel>(emptyModel('v1'));
    const swap = new ModelSwap(holder);
    await expect(
      swap.swapIn(async () => {
        swap.apply(catalog.apply(upload('x', 1)));
        throw new Error('no such model');
      }),
    ).rejects.toThrow('no such model');
    expect(holder.current()!.version).toBe('v1');
    expect(holder.current()!.index.has('x')).toBe(true);
  });
});
