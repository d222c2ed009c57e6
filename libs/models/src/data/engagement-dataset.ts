import { ContentEventType, EngagementType, type ContentEvent, type EngagementEvent } from '@cascade/contracts';
import { IdIndex } from './dataset-builder';
import type { InteractionDataset, ItemAttributes, UserAttributes } from './interaction-dataset';

export interface EngagementLabelRule {
  /** A view watched to at least this share of the video is a positive (default 0.8). */
  positiveWatchRatio?: number;
}

export const DEFAULT_POSITIVE_WATCH_RATIO = 0.8;

export function engagementPositiveRule(rule: EngagementLabelRule = {}): string {
  const ratio = rule.positiveWatchRatio ?? DEFAULT_POSITIVE_WATCH_RATIO;
  return (
    `one row per (user, item) pair: positive (1) when any of its events is LIKE, SHARE, COMMENT, FOLLOW or COMPLETE or a watch ratio >= ${ratio}; ` +
    'negative (0) when shown without that (IMPRESSION only, SKIP, shorter views) and always when HIDE or REPORT; time = the first event of the pair'
  );
}

const POSITIVE_TYPES = new Set([
  EngagementType.ENGAGEMENT_TYPE_LIKE,
  EngagementType.ENGAGEMENT_TYPE_SHARE,
  EngagementType.ENGAGEMENT_TYPE_COMMENT,
  EngagementType.ENGAGEMENT_TYPE_FOLLOW,
  EngagementType.ENGAGEMENT_TYPE_COMPLETE,
]);
const VETO_TYPES = new Set([EngagementType.ENGAGEMENT_TYPE_HIDE, EngagementType.ENGAGEMENT_TYPE_REPORT]);

const POSITIVE = 1;
const VETOED = 2;
/** Pair keys user × 2^26 + item stay exact below 2^53 for up to 2^27 users and 2^26 items. */
const ITEM_KEY_SPAN = 2 ** 26;

/**
 * Folds engagement and content events into an InteractionDataset, one row per (user, item) pair
 * (see engagementPositiveRule). The result does not depend on the order the events arrive in.
 * Content events give item attributes (the latest UPSERT by event time wins; a DELETE sets
 * deletedAtMs); items known only from engagement take creator and duration from it.
 */
export class EngagementDatasetBuilder {
  readonly users = new IdIndex();
  readonly items = new IdIndex();
  private readonly itemAttributes: ItemAttributes[] = [];
  private readonly upsertTime: number[] = [];
  private readonly userAttributes: UserAttributes[] = [];
  private readonly pairByKey = new Map<number, number>();
  private readonly pairUser: number[] = [];
  private readonly pairItem: number[] = [];
  private readonly pairTime: number[] = [];
  private readonly pairWatch: number[] = [];
  private readonly pairFlags: number[] = [];
  private readonly positiveWatchRatio: number;
  engagementEvents = 0;
  contentEvents = 0;

  constructor(readonly rule: EngagementLabelRule = {}) {
    this.positiveWatchRatio = rule.positiveWatchRatio ?? DEFAULT_POSITIVE_WATCH_RATIO;
  }

  /** Declares a user (e.g. every user of a world, so that index = row) with what is known of them. */
  addUser(id: string, attributes: UserAttributes = {}): number {
    const u = this.users.intern(id);
    this.userAttributes[u] = { ...attributes, ...this.userAttributes[u] };
    return u;
  }

  addContent(event: ContentEvent): void {
    this.contentEvents++;
    const i = this.item(event.itemId);
    const attributes = this.itemAttributes[i]!;
    if (event.type === ContentEventType.CONTENT_EVENT_TYPE_DELETE) {
      attributes.deletedAtMs = Math.min(attributes.deletedAtMs ?? Number.POSITIVE_INFINITY, event.eventTimeMs);
      return;
    }
    if (event.type !== ContentEventType.CONTENT_EVENT_TYPE_UPSERT || event.eventTimeMs < (this.upsertTime[i] ?? Number.NEGATIVE_INFINITY)) return;
    this.upsertTime[i] = event.eventTimeMs;
    const fresh: ItemAttributes = {
      creatorId: event.creatorId,
      categories: [...event.categories],
      durationMs: event.durationMs,
      createdAtMs: event.createdAtMs,
      language: event.language,
      country: event.country,
    };
    if (event.embedding.length > 0) fresh.embedding = Float32Array.from(event.embedding);
    if (attributes.deletedAtMs !== undefined) fresh.deletedAtMs = attributes.deletedAtMs;
    this.itemAttributes[i] = fresh;
  }

  addEngagement(event: EngagementEvent): void {
    this.engagementEvents++;
    const u = this.users.intern(event.userId);
    if (this.userAttributes[u] === undefined) this.userAttributes[u] = event.country ? { country: event.country } : {};
    const i = this.item(event.itemId);
    const attributes = this.itemAttributes[i]!;
    if (attributes.creatorId === undefined && event.creatorId) attributes.creatorId = event.creatorId;
    if (attributes.durationMs === undefined && event.itemDurationMs > 0) attributes.durationMs = event.itemDurationMs;

    const key = u * ITEM_KEY_SPAN + i;
    let pair = this.pairByKey.get(key);
    if (pair === undefined) {
      pair = this.pairUser.length;
      this.pairByKey.set(key, pair);
      this.pairUser.push(u);
      this.pairItem.push(i);
      this.pairTime.push(event.eventTimeMs);
      this.pairWatch.push(0);
      this.pairFlags.push(0);
    }
    this.pairTime[pair] = Math.min(this.pairTime[pair]!, event.eventTimeMs);
    const ratio = event.itemDurationMs > 0 ? event.watchMs / event.itemDurationMs : 0;
    this.pairWatch[pair] = Math.max(this.pairWatch[pair]!, ratio);
    let flags = this.pairFlags[pair]!;
    if (POSITIVE_TYPES.has(event.type) || ratio >= this.positiveWatchRatio) flags |= POSITIVE;
    if (VETO_TYPES.has(event.type)) flags |= VETOED;
    this.pairFlags[pair] = flags;
  }

  get pairCount(): number {
    return this.pairUser.length;
  }

  build(name: string, source: string): InteractionDataset {
    const n = this.pairUser.length;
    const label = Float32Array.from(this.pairFlags, (flags) => (flags === POSITIVE ? 1 : 0));
    return {
      name,
      source,
      userIds: this.users.ids,
      itemIds: this.items.ids,
      items: Array.from({ length: this.items.size }, (_, i) => this.itemAttributes[i] ?? {}),
      users: Array.from({ length: this.users.size }, (_, u) => this.userAttributes[u] ?? {}),
      interactions: {
        user: Int32Array.from(this.pairUser),
        item: Int32Array.from(this.pairItem),
        label,
        timeMs: n > 0 ? Float64Array.from(this.pairTime) : new Float64Array(0),
        watchRatio: Float32Array.from(this.pairWatch),
      },
    };
  }

  private item(id: string): number {
    const i = this.items.intern(id);
    this.itemAttributes[i] ??= {};
    return i;
  }
}

export interface EventStreams {
  content?: Iterable<readonly ContentEvent[]>;
  engagement?: Iterable<readonly EngagementEvent[]>;
}

/** Pure fold of batched content and engagement streams into a dataset (see EngagementDatasetBuilder). */
export function datasetFromEvents(name: string, source: string, streams: EventStreams, rule: EngagementLabelRule = {}): InteractionDataset {
  const builder = new EngagementDatasetBuilder(rule);
  for (const batch of streams.content ?? []) for (const event of batch) builder.addContent(event);
  for (const batch of streams.engagement ?? []) for (const event of batch) builder.addEngagement(event);
  return builder.build(name, source);
}
