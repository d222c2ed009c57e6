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
 */
export class ItemCatalog {
  private readonly items = new Map<string, ItemRecord>();
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
    const item = this.items.get(itemId);
    return item && !item.deleted ? item : undefined;
  }

  /** Live items, in no particular order. */
  *liveItems(): Generator<ItemRecord> {
    for (const item of this.items.values()) if (!item.deleted) yield item;
  }

  /** Ids of items deleted (tombstones kept so that late upserts cannot revive them). */
  *deletedIds(): Generator<string> {
    for (const item of this.items.values()) if (item.deleted) yield item.itemId;
  }

  apply(event: ContentEvent): CatalogChange {
    const previous = this.items.get(event.itemId);
    if (previous && previous.updatedAtMs > event.eventTimeMs) return { kind: 'stale' };
    if (event.type === ContentEventType.CONTENT_EVENT_TYPE_DELETE) {
      const item: ItemRecord = previous
        ? { ...previous, deleted: true, updatedAtMs: event.eventTimeMs }
        : { ...this.recordOf(event), deleted: true };
      this.items.set(event.itemId, item);
      if (previous && !previous.deleted) this.live--;
      this.fresh.remove(item.itemId);
      this.byCreator.get(item.creatorId)?.remove(item.itemId);
      return { kind: 'delete', item };
    }
    const item = this.recordOf(event);
    if (previous && previous.creatorId !== item.creatorId) this.byCreator.get(previous.creatorId)?.remove(item.itemId);
    this.items.set(item.itemId, item);
    if (!previous || previous.deleted) this.live++;
    this.fresh.upsert(item.itemId, item.createdAtMs);
    this.creatorList(item.creatorId).upsert(item.itemId, item.createdAtMs);
    return { kind: 'upsert', item };
  }

  /** Live uploads newest first, created at or after `notBeforeMs`. */
  *newest(notBeforeMs = -Infinity): Generator<ItemRecord> {
    for (const { id } of this.fresh.newest(notBeforeMs)) {
      const item = this.get(id);
      if (item) yield item;
    }
  }

  /** A creator's live uploads newest first, created at or after `notBeforeMs`. */
  *creatorNewest(creatorId: string, notBeforeMs = -Infinity): Generator<ItemRecord> {
    const list = this.byCreator.get(creatorId);
    if (!list) return;
    for (const { id } of list.newest(notBeforeMs)) {
      const item = this.get(id);
      if (item) yield item;
    }
  }

  private recordOf(event: ContentEvent): ItemRecord {
    return {
      itemId: event.itemId,
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

