import { ContentEvent, ContentEventType } from '@cascade/contracts';
import { ItemCatalog } from './item-catalog';

const upload = (itemId: string, creatorId: string, createdAtMs: number, extra: Partial<ContentEvent> = {}) =>
  ContentEvent.fromPartial({ eventId: `e-${itemId}-${createdAtMs}`, itemId, creatorId, type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT, createdAtMs, eventTimeMs: createdAtMs, ...extra });
const deletion = (itemId: string, eventTimeMs: number) =>
  ContentEvent.fromPartial({ eventId: `d-${itemId}`, itemId, type: ContentEventType.CONTENT_EVENT_TYPE_DELETE, eventTimeMs });

const ids = (items: Iterable<{ itemId: string }>) => [...items].map((i) => i.itemId);

describe('ItemCatalog', () => {
  it('keeps uploads newest first overall and per creator, bounded', () => {
    const catalog = new ItemCatalog({ freshCapacity: 3, perCreatorCapacity: 2 });
    catalog.apply(upload('a', 'c1', 100));
    catalog.apply(upload('b', 'c2', 300));
    catalog.apply(upload('c', 'c1', 200));
    catalog.apply(upload('d', 'c1', 400));
    catalog.apply(upload('old', 'c1', 50));
    expect(ids(catalog.newest())).toEqual(['d', 'b', 'c']);
    expect(ids(catalog.creatorNewest('c1'))).toEqual(['d', 'c']);
    expect(ids(catalog.newest(250))).toEqual(['d', 'b']);
    expect(catalog.size).toBe(5);
    expect(catalog.get('old')?.creatorId).toBe('c1');
  });

  it('removes deleted items everywhere, and a late upsert older than the delete does not revive them', () => {
    const catalog = new ItemCatalog();
    catalog.apply(upload('a', 'c1', 100));
    catalog.apply(upload('b', 'c1', 200));
    expect(catalog.apply(deletion('a', 500)).kind).toBe('delete');
    expect(catalog.get('a')).toBeUndefined();
    expect(ids(catalog.newest())).toEqual(['b']);
    expect(ids(catalog.creatorNewest('c1'))).toEqual(['b']);
    expect(catalog.apply(upload('a', 'c1', 100, { eventTimeMs: 300 })).kind).toBe('stale');
    expect(catalog.get('a')).toBeUndefined();
    expect(catalog.size).toBe(1);
    catalog.apply(upload('a', 'c1', 100, { eventTimeMs: 600 }));
    expect(catalog.get('a')).toBeDefined();
    expect(catalog.size).toBe(2);
  });

  it('moves an item between creators when an update changes its creator, and keeps its embedding', () => {
    const catalog = new ItemCatalog();
    catalog.apply(upload('a', 'c1', 100));
    catalog.apply(upload('a', 'c2', 100, { eventTimeMs: 200, embedding: [0.5, 0.25] }));
    expect(ids(catalog.creatorNewest('c1'))).toEqual([]);
    expect(ids(catalog.creatorNewest('c2'))).toEqual(['a']);
    expect([...catalog.get('a')!.embedding!]).toEqual([0.5, 0.25]);
    expect(ids(catalog.newest())).toEqual(['a']);
  });

  it('keeps each item’s attributes as uploaded', () => {
    const catalog = new ItemCatalog();
    catalog.apply(upload('a', 'c1', 100, { categories: ['dance', 'pets'], language: 'en', country: 'US', durationMs: 9000 }));
    catalog.apply(upload('b', 'c1', 200, { categories: ['pets'], language: 'es', country: 'MX' }));
    expect(catalog.get('a')).toMatchObject({ creatorId: 'c1', categories: ['dance', 'pets'], language: 'en', country: 'US', durationMs: 9000, createdAtMs: 100 });
    expect(catalog.get('b')).toMatchObject({ creatorId: 'c1', categories: ['pets'], language: 'es', country: 'MX' });
  });

  it('gives each item one slot for the catalogue’s lifetime: kept through updates, delete and re-upload, never reused', () => {
    const catalog = new ItemCatalog();
    catalog.apply(upload('a', 'c1', 100));
    catalog.apply(upload('b', 'c1', 200));
    const [a, b] = [catalog.slotOf('a')!, catalog.slotOf('b')!];
    expect([a, b]).toEqual([0, 1]);
    expect(catalog.get('a')!.slot).toBe(a);
    catalog.apply(upload('a', 'c2', 100, { eventTimeMs: 150 }));
    expect(catalog.get('a')).toMatchObject({ slot: a, creatorId: 'c2' });

    expect(catalog.apply(deletion('a', 300))).toMatchObject({ kind: 'delete', item: { itemId: 'a', slot: a } });
    catalog.apply(upload('c', 'c1', 400));
    expect(catalog.slotOf('c')).toBe(2); // not a's slot, though a is deleted
    expect(catalog.getAt(a, 'a')).toBeUndefined();
    catalog.apply(upload('a', 'c1', 500));
    expect(catalog.get('a')!.slot).toBe(a);
    expect(catalog.getAt(a, 'a')).toBe(catalog.get('a'));

    catalog.apply(deletion('never-uploaded', 600));
    expect(catalog.slotOf('never-uploaded')).toBe(3);
    expect(catalog.get('never-uploaded')).toBeUndefined();
    expect(catalog.slotOf('unknown')).toBeUndefined();
    expect([...catalog.deletedIds()]).toEqual(['never-uploaded']);
    expect(ids(catalog.liveItems())).toEqual(['a', 'b', 'c']);
  });

  it('answers getAt only with the item asked for: a slot that holds another item falls back to the id', () => {
    const catalog = new ItemCatalog();
    catalog.apply(upload('a', 'c1', 100));
    catalog.apply(upload('b', 'c1', 200));
    expect(catalog.getAt(catalog.slotOf('b')!, 'b')?.itemId).toBe('b');
    expect(catalog.getAt(catalog.slotOf('a')!, 'b')?.itemId).toBe('b');
    expect(catalog.getAt(99, 'a')?.itemId).toBe('a');
    expect(catalog.getAt(0, 'ghost')).toBeUndefined();
  });

  it('handles a large catalogue uploaded in time order', () => {
    const catalog = new ItemCatalog({ freshCapacity: 1000 });
    for (let i = 0; i < 100_000; i++) catalog.apply(upload(`i${i}`, `c${i % 500}`, i));
    expect(catalog.size).toBe(100_000);
    const newest = ids(catalog.newest());
    expect(newest).toHaveLength(1000);
    expect(newest[0]).toBe('i99999');
    expect(newest[999]).toBe('i99000');
  });
});
