import { ContentEvent, ContentEventType } from '@cascade/contracts';
import type { ItemRecord } from './item-record';
import { RecentList } from './recent-list';
import { StringPool } from './string-pool';

export interface CatalogLimits {
  /** Recent uploads kept for the fresh source. */
  freshCapacity: number;
  /** Recent uploads kept per creator for the following source. */
  perCreatorCapacity: number;
}

export type CatalogChange = { kind: 'upsert'; item: ItemRecord } | { kind: 'delete'; item: ItemRecord } | { kind: 'stale' };

const defaultLimits: CatalogLimits = { freshCapacity: 20_000, perCreatorCapacity: 50 };

/**
 * The items retrieval may return, built from the content topic: attributes for candidates and
 * filters, recent uploads overall (fresh) and per creator (following). Updates are last-writer-wins
 * by event time, so a redelivered or late content event never undoes a newer one.
 *
 * Each item id known (live or deleted) has a slot: the index of its current record in one dense
 * array. A slot is given on the item's first event and kept for the catalogue's lifetime (deleted
 * items stay as tombstones, so slots are never reused): whoever holds an item's slot (the ANN
 * index, as its label's key) reaches the item's current record by array indexing, where an id
 * needs a lookup in a map of every item.
 */
export class ItemCatalog {
  private readonly slotById = new Map<string, number>();
  /** Current record by slot. */
  private readonly records: ItemRecord[] = [];
  private readonly fresh: RecentList;
  private readonly byCreator = new Map<string, RecentList>();
  private readonly attributes = new StringPool();
  private readonly limits: CatalogLimits;
  private live = 0;

  constructor(limits: Partial<CatalogLimits> = {}) {
    this.limits = { ...defaultLimits, ...limits };
    this.fresh = new RecentList(this.limits.freshCapacity);
  }

  /** Items known and not deleted. */
  get size(): number {
    return this.live;
  }

  get(itemId: string): ItemRecord | undefined {
    const slot = this.slotById.get(itemId);
    if (slot === undefined) return undefined;
    const item = this.records[slot]!;
    return item.deleted ? undefined : item;
  }

  /**
   * `get(itemId)` for an item whose slot the caller holds, by array indexing. The slot is checked
   * against the id (a stale or foreign slot finds the item by id instead), so it never answers
   * with another item.
   */
  getAt(slot: number, itemId: string): ItemRecord | undefined {
    const item = this.records[slot];
    if (item === undefined || item.itemId !== itemId) return this.get(itemId);
    return item.deleted ? undefined : item;
  }

  /** The item's slot (live or deleted), undefined for an id never seen. */
  slotOf(itemId: string): number | undefined {
    return this.slotById.get(itemId);
  }

  /** Live items, in the order of their first event. */
  *liveItems(): Generator<ItemRecord> {
    const records = this.records;
    for (let slot = 0; slot < records.length; slot++) if (!records[slot]!.deleted) yield records[slot]!;
  }

  /** Ids of items deleted (tombstones kept so that late upserts cannot revive them). */
  *deletedIds(): Generator<string> {
    const records = this.records;
    for (let slot = 0; slot < records.length; slot++) if (records[slot]!.deleted) yield records[slot]!.itemId;
  }

  apply(event: ContentEvent): CatalogChange {
    const slot = this.slotById.get(event.itemId);
    const previous = slot === undefined ? undefined : this.records[slot];
    if (previous && previous.updatedAtMs > event.eventTimeMs) return { kind: 'stale' };
    if (event.type === ContentEventType.CONTENT_EVENT_TYPE_DELETE) {
      const item: ItemRecord = previous
        ? { ...previous, deleted: true, updatedAtMs: event.eventTimeMs }
        : { ...this.recordOf(event, this.newSlot(event.itemId)), deleted: true };
      this.records[item.slot] = item;
      if (previous && !previous.deleted) this.live--;
      this.fresh.remove(item.slot);
      this.byCreator.get(item.creatorId)?.remove(item.slot);
      return { kind: 'delete', item };
    }
    const item = this.recordOf(event, slot ?? this.newSlot(event.itemId));
    if (previous && previous.creatorId !== item.creatorId) this.byCreator.get(previous.creatorId)?.remove(item.slot);
    this.records[item.slot] = item;
    if (!previous || previous.deleted) this.live++;
    this.fresh.upsert(item.slot, item.createdAtMs);
    this.creatorList(item.creatorId).upsert(item.slot, item.createdAtMs);
    return { kind: 'upsert', item };
  }

  /** Live uploads newest first, created at or after `notBeforeMs`. */
  *newest(notBeforeMs = -Infinity): Generator<ItemRecord> {
    for (const { id: slot } of this.fresh.newest(notBeforeMs)) {
      const item = this.records[slot]!;
      if (!item.deleted) yield item;
    }
  }

  /** A creator's live uploads newest first, created at or after `notBeforeMs`. */
  *creatorNewest(creatorId: string, notBeforeMs = -Infinity): Generator<ItemRecord> {
    const list = this.byCreator.get(creatorId);
    if (!list) return;
    for (const { id: slot } of list.newest(notBeforeMs)) {
      const item = this.records[slot]!;
      if (!item.deleted) yield item;
    }
  }

  /** The next slot, registered for `itemId`; the caller stores the item's record in it at once. */
  private newSlot(itemId: string): number {
    const slot = this.records.length;
    this.slotById.set(itemId, slot);
    return slot;
  }

  private recordOf(event: ContentEvent, slot: number): ItemRecord {
    return {
      itemId: event.itemId,
      slot,
      creatorId: this.attributes.intern(event.creatorId),
      categories: event.categories.map((category) => this.attributes.intern(category)),
      createdAtMs: event.createdAtMs || event.eventTimeMs,
      durationMs: event.durationMs,
      language: this.attributes.intern(event.language),
      country: this.attributes.intern(event.country),
      updatedAtMs: event.eventTimeMs,
      deleted: false,
      embedding: event.embedding.length > 0 ? Float32Array.from(event.embedding) : undefined,
    };
  }

  private creatorList(creatorId: string): RecentList {
    let list = this.byCreator.get(creatorId);
    if (!list) this.byCreator.set(creatorId, (list = new RecentList(this.limits.perCreatorCapacity)));
    return list;
  }
}

