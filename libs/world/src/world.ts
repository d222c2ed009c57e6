/** The world facade: `createWorld(options)` builds the static tables; event streams are generated on demand. */
import type { ContentEvent, EngagementEvent } from '@cascade/contracts';
import { MAX_USER_INTERESTS, NO_CATEGORY, buildCatalog, type Catalog, type CategoryTable, type CreatorTable, type ItemTable, type UserTable } from './catalog';
import { ContentModel, contentEvents, type ContentOptions } from './content';
import { creatorId, itemId, userId } from './ids';
import { resolveParams, windowOf, type WorldOptions, type WorldParams } from './params';
import { buildPolicyIndex, type PolicyIndex } from './policy';
import { simulateEngagement, type EngagementOptions } from './simulation';
import { GroundTruth } from './truth';
import { COUNTRIES, DEVICES, LANGUAGES } from './vocabulary';

export interface ItemAttributes {
  itemId: string;
  index: number;
  creatorId: string;
  /** Category names, primary first. */
  categories: string[];
  hashtags: string[];
  durationMs: number;
  createdAtMs: number;
  /** When the item is deleted, null when never (within the world's span). */
  deletedAtMs: number | null;
  language: string;
  country: string;
  /** Content embedding (empty when embeddingDim is 0). */
  embedding: number[];
}

/** Hidden parameters of an item, for evaluation only: a model should not train on them. */
export interface ItemTruth {
  quality: number;
  appeal: number;
  latent: number[];
}

export interface UserAttributes {
  userId: string;
  index: number;
  country: string;
  locale: string;
  language: string;
  device: string;
  /** Creators followed when the window opens. */
  initialFollows: string[];
}

/** Hidden parameters of a user, for evaluation only. */
export interface UserTruth {
  /** Interest mixture, strongest first. */
  interests: { category: string; weight: number }[];
  /** Mean sessions per day. */
  activity: number;
  meanSessionLength: number;
  patience: number;
  likePropensity: number;
  followPropensity: number;
  latent: number[];
}

export interface CreatorAttributes {
  creatorId: string;
  index: number;
  country: string;
  language: string;
  /** Main categories, primary first. */
  categories: string[];
  joinedAtMs: number;
  /** Upload time of the first item, null when the creator has none. */
  firstUploadMs: number | null;
  itemCount: number;
}

/** A slice of the merged timeline: publish `content` before `engagement`. */
export interface TimelineBatch {
  /**
   * Content events up to the last engagement event of this batch (an upload may be published up to
   * one batch before its time; never after an engagement event that refers to it).
   */
  content: ContentEvent[];
  /** Engagement events, time ordered, continuing the previous batch. */
  engagement: EngagementEvent[];
}

export interface TimelineOptions extends EngagementOptions {
  /** Only content events at or after this time (default: the whole catalogue, backfill included). */
  contentFromMs?: number;
}

export interface World {
  readonly params: Readonly<WorldParams>;
  /** Catalogue span (backfill start), engagement window start and end, epoch ms. */
  readonly window: { readonly catalogStartMs: number; readonly startMs: number; readonly endMs: number };
  readonly categories: CategoryTable;
  readonly creators: CreatorTable;
  readonly items: ItemTable;
  readonly users: UserTable;
  /** Ground truth of the generative model. */
  readonly truth: GroundTruth;

  /** Content events (UPSERT at each upload, DELETE for removed items) in event-time order. */
  contentEvents(options?: ContentOptions): Generator<ContentEvent[], void, void>;
  /** Simulated engagement events in event-time order. Each call replays the same stream from the start. */
  engagementEvents(options?: EngagementOptions): Generator<EngagementEvent[], void, void>;
  /** Content and engagement merged for publishing in order (e.g. the quickstart). */
  timeline(options?: TimelineOptions): Generator<TimelineBatch, void, void>;

  itemAttributes(item: number): ItemAttributes;
  itemTruth(item: number): ItemTruth;
  userAttributes(user: number): UserAttributes;
  userTruth(user: number): UserTruth;
  creatorAttributes(creator: number): CreatorAttributes;
  /** The content embedding of an item (empty when embeddingDim is 0). */
  itemEmbedding(item: number): number[];
  itemHashtags(item: number): string[];
  itemCategories(item: number): string[];
}

class SyntheticWorld implements World {
  readonly window: World['window'];
  readonly categories: CategoryTable;
  readonly creators: CreatorTable;
  readonly items: ItemTable;
  readonly users: UserTable;
  readonly truth: GroundTruth;
  private readonly content: ContentModel;
  private policyIndex: PolicyIndex | undefined;

  constructor(
    readonly params: Readonly<WorldParams>,
    private readonly catalog: Catalog,
  ) {
    this.window = windowOf(params);
    this.categories = catalog.categories;
    this.creators = catalog.creators;
    this.items = catalog.items;
    this.users = catalog.users;
    this.truth = new GroundTruth(params, catalog);
    this.content = new ContentModel(params, catalog);
  }

  contentEvents(options?: ContentOptions): Generator<ContentEvent[], void, void> {
    return contentEvents(this.content, this.catalog, options);
  }

  engagementEvents(options?: EngagementOptions): Generator<EngagementEvent[], void, void> {
    this.policyIndex ??= buildPolicyIndex(this.catalog);
    return simulateEngagement(
      { params: this.params, catalog: this.catalog, truth: this.truth, policyIndex: this.policyIndex },
      options,
    );
  }

  *timeline(options: TimelineOptions = {}): Generator<TimelineBatch, void, void> {
    const { contentFromMs, ...engagementOptions } = options;
    const content = this.contentEvents({ batchSize: 1, ...(contentFromMs !== undefined ? { fromMs: contentFromMs } : {}) });
    let nextContent = content.next();
    const takeContentUpTo = (t: number): ContentEvent[] => {
      const out: ContentEvent[] = [];
      while (!nextContent.done && nextContent.value[0]!.eventTimeMs <= t) {
        out.push(nextContent.value[0]!);
        nextContent = content.next();
      }
      return out;
    };
    for (const engagement of this.engagementEvents(engagementOptions)) {
      const last = engagement[engagement.length - 1]!.eventTimeMs;
      yield { content: takeContentUpTo(last), engagement };
    }
    const rest = takeContentUpTo(Number.POSITIVE_INFINITY);
    if (rest.length > 0) yield { content: rest, engagement: [] };
  }

  itemCategories(item: number): string[] {
    return this.content.categories(item);
  }

  itemHashtags(item: number): string[] {
    return this.content.hashtags(item);
  }

  itemEmbedding(item: number): number[] {
    return this.content.embedding(item);
  }

  itemAttributes(item: number): ItemAttributes {
    const it = this.items;
    this.checkIndex('item', item, it.count);
    const deleted = it.deletedAtMs[item]!;
    return {
      itemId: itemId(item),
      index: item,
      creatorId: creatorId(it.creator[item]!),
      categories: this.content.categories(item),
      hashtags: this.content.hashtags(item),
      durationMs: it.durationMs[item]!,
      createdAtMs: it.createdAtMs[item]!,
      deletedAtMs: deleted === Number.POSITIVE_INFINITY ? null : deleted,
      language: LANGUAGES[it.language[item]!]!,
      country: COUNTRIES[it.country[item]!]!.code,
      embedding: this.content.embedding(item),
    };
  }

  itemTruth(item: number): ItemTruth {
    this.checkIndex('item', item, this.items.count);
    return {
      quality: this.items.quality[item]!,
      appeal: this.items.appeal[item]!,
      latent: Array.from(this.truth.itemLatent(item)),
    };
  }

  userAttributes(user: number): UserAttributes {
    const us = this.users;
    this.checkIndex('user', user, us.count);
    const country = COUNTRIES[us.country[user]!]!;
    return {
      userId: userId(user),
      index: user,
      country: country.code,
      locale: country.locale,
      language: country.language,
      device: DEVICES[us.device[user]!]!,
      initialFollows: Array.from(us.initialFollows.subarray(us.followOffsets[user]!, us.followOffsets[user + 1]!), creatorId),
    };
  }

  userTruth(user: number): UserTruth {
    const us = this.users;
    this.checkIndex('user', user, us.count);
    const interests: UserTruth['interests'] = [];
    for (let m = 0; m < MAX_USER_INTERESTS; m++) {
      const c = us.interests[user * MAX_USER_INTERESTS + m]!;
      if (c === NO_CATEGORY) break;
      interests.push({ category: this.categories.names[c]!, weight: us.interestWeights[user * MAX_USER_INTERESTS + m]! });
    }
    return {
      interests,
      activity: us.activity[user]!,
      meanSessionLength: us.sessionLength[user]!,
      patience: us.patience[user]!,
      likePropensity: us.likePropensity[user]!,
      followPropensity: us.followPropensity[user]!,
      latent: Array.from(this.truth.userLatent(user)),
    };
  }

  creatorAttributes(creator: number): CreatorAttributes {
    const cr = this.creators;
    this.checkIndex('creator', creator, cr.count);
    const cats = [cr.primaryCategory[creator]!];
    if (cr.secondaryCategory[creator]! !== NO_CATEGORY) cats.push(cr.secondaryCategory[creator]!);
    const first = cr.firstUploadMs[creator]!;
    return {
      creatorId: creatorId(creator),
      index: creator,
      country: COUNTRIES[cr.country[creator]!]!.code,
      language: LANGUAGES[cr.language[creator]!]!,
      categories: cats.map((c) => this.categories.names[c]!),
      joinedAtMs: cr.joinedAtMs[creator]!,
      firstUploadMs: first === Number.POSITIVE_INFINITY ? null : first,
      itemCount: cr.itemOffsets[creator + 1]! - cr.itemOffsets[creator]!,
    };
  }

  private checkIndex(what: string, index: number, count: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`${what} index ${index} is outside [0, ${count})`);
    }
  }
}

/**
 * Builds a world: `createWorld({ preset: 'small', seed: 7 })`. Options override the preset, which
 * overrides DEFAULTS. The static tables are built here (about 2 s for 1M items); event streams are
 * generated lazily by the returned world.
 */
export function createWorld(options: WorldOptions = {}): World {
  const params = Object.freeze(resolveParams(options));
  return new SyntheticWorld(params, buildCatalog(params));
}
