/**
 * Observable item attributes (hashtags, content embedding) and the content event stream: an UPSERT
 * at each item's upload and a DELETE for the items taken down, in event-time order.
 */
import { ContentEventType, type ContentEvent } from '@cascade/contracts';
import { MAX_ITEM_CATEGORIES, type Catalog } from './catalog';
import { creatorId, itemId } from './ids';
import type { WorldParams } from './params';
import { Rng, hashString } from './random';
import { COUNTRIES, GENERIC_HASHTAGS, LANGUAGES } from './vocabulary';

const HASHTAG_STREAM = hashString('hashtags');
const EMBEDDING_STREAM = hashString('embedding');
/** Relative noise of the content embedding around the projected latent vector. */
export const EMBEDDING_NOISE = 0.35;

export class ContentModel {
  private readonly projection: Float32Array;

  constructor(
    private readonly params: WorldParams,
    private readonly catalog: Catalog,
  ) {
    const D = params.latentDim;
    const E = params.embeddingDim;
    this.projection = new Float32Array(D * E);
    if (E > 0) {
      const rng = Rng.derive(params.seed, 'projection');
      rng.fillNormal(this.projection, 0, D * E, 1 / Math.sqrt(E));
    }
  }

  /** Category names of an item, primary first. */
  categories(item: number): string[] {
    const { items, categories } = this.catalog;
    const out: string[] = [];
    const base = item * MAX_ITEM_CATEGORIES;
    for (let m = 0; m < items.categoryCount[item]!; m++) out.push(categories.names[items.categories[base + m]!]!);
    return out;
  }

  /** 1–4 hashtags (without '#') drawn from the item's categories' vocabularies plus generic tags. */
  hashtags(item: number): string[] {
    const { items, categories } = this.catalog;
    const rng = new Rng(this.params.seed, HASHTAG_STREAM, item);
    const base = item * MAX_ITEM_CATEGORIES;
    const primary = categories.hashtags[items.categories[base]!]!;
    const tags = [primary[0]!];
    const more = rng.int(3);
    for (let k = 0; k < more; k++) {
      const cat = items.categories[base + rng.int(items.categoryCount[item]!)]!;
      const vocab = categories.hashtags[cat]!;
      const tag = vocab[rng.int(vocab.length)]!;
      if (!tags.includes(tag)) tags.push(tag);
    }
    if (rng.chance(0.35)) {
      const tag = GENERIC_HASHTAGS[rng.int(GENERIC_HASHTAGS.length)]!;
      if (!tags.includes(tag)) tags.push(tag);
    }
    return tags;
  }

  /**
   * Content embedding: a fixed random projection of the item's latent vector plus item-specific
   * noise, unit-normalized and rounded to 6 decimals. Empty when embeddingDim is 0. An upstream
   * "video encoder": it lets a model embed items it never saw engagement for.
   */
  embedding(item: number): number[] {
    const D = this.params.latentDim;
    const E = this.params.embeddingDim;
    if (E === 0) return [];
    const latent = this.catalog.items.latent;
    const rng = new Rng(this.params.seed, EMBEDDING_STREAM, item);
    const v = new Float64Array(E);
    const noise = EMBEDDING_NOISE / Math.sqrt(E);
    let norm = 0;
    for (let e = 0; e < E; e++) {
      let s = 0;
      for (let k = 0; k < D; k++) s += latent[item * D + k]! * this.projection[k * E + e]!;
      s += noise * rng.normal();
      v[e] = s;
      norm += s * s;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const out = new Array<number>(E);
    for (let e = 0; e < E; e++) out[e] = Math.round(v[e]! * inv * 1e6) / 1e6;
    return out;
  }

  upsertEvent(item: number): ContentEvent {
    const { items } = this.catalog;
    const created = items.createdAtMs[item]!;
    const id = itemId(item);
    return {
      eventId: `${this.params.idPrefix}-${id}-upsert`,
      itemId: id,
      creatorId: creatorId(items.creator[item]!),
      type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT,
      createdAtMs: created,
      durationMs: items.durationMs[item]!,
      categories: this.categories(item),
      hashtags: this.hashtags(item),
      language: LANGUAGES[items.language[item]!]!,
      country: COUNTRIES[items.country[item]!]!.code,
      embedding: this.embedding(item),
      eventTimeMs: created,
    };
  }

  deleteEvent(item: number): ContentEvent {
    const { items } = this.catalog;
    const id = itemId(item);
    return {
      eventId: `${this.params.idPrefix}-${id}-delete`,
      itemId: id,
      creatorId: creatorId(items.creator[item]!),
      type: ContentEventType.CONTENT_EVENT_TYPE_DELETE,
      createdAtMs: items.createdAtMs[item]!,
      durationMs: 0,
      categories: [],
      hashtags: [],
      language: '',
      country: '',
      embedding: [],
      eventTimeMs: items.deletedAtMs[item]!,
    };
  }
}

export interface ContentOptions {
  /** Events per yielded batch (default 1000). */
  batchSize?: number;
  /** Stop after this many events. */
  maxEvents?: number;
  /** Only events at or after this time (e.g. the window start, to skip the backfilled catalogue). */
  fromMs?: number;
}

/** Deleted items in delete-time order (ties by item index). */
export function deletionOrder(catalog: Catalog): Uint32Array {
  const deleted = catalog.items.deletedAtMs;
  const list: number[] = [];
  for (let i = 0; i < deleted.length; i++) if (deleted[i]! !== Number.POSITIVE_INFINITY) list.push(i);
  list.sort((a, b) => deleted[a]! - deleted[b]! || a - b);
  return Uint32Array.from(list);
}

export function* contentEvents(model: ContentModel, catalog: Catalog, options: ContentOptions = {}): Generator<ContentEvent[], void, void> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
  const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
  const fromMs = options.fromMs ?? Number.NEGATIVE_INFINITY;
  const { createdAtMs, deletedAtMs, count } = catalog.items;
  const deletes = deletionOrder(catalog);
  let i = 0;
  let d = 0;
  let emitted = 0;
  let out: ContentEvent[] = [];
  while ((i < count || d < deletes.length) && emitted < maxEvents) {
    // An upload comes before a delete at the same millisecond.
    const upsertAt = i < count ? createdAtMs[i]! : Number.POSITIVE_INFINITY;
    const deleteAt = d < deletes.length ? deletedAtMs[deletes[d]!]! : Number.POSITIVE_INFINITY;
    let event: ContentEvent | undefined;
    if (upsertAt <= deleteAt) {
      if (upsertAt >= fromMs) event = model.upsertEvent(i);
      i++;
    } else {
      if (deleteAt >= fromMs) event = model.deleteEvent(deletes[d]!);
      d++;
    }
    if (event === undefined) continue;
    out.push(event);
    emitted++;
    if (out.length >= batchSize) {
      yield out;
      out = [];
    }
  }
  if (out.length > 0) yield out;
}
