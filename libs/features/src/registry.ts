import { createHash } from 'node:crypto';
import { defineFeature, FeatureDefinition, FeatureEntity } from './feature-definition';
import { counterSlot, DecayedValues } from './decayed-values';
import { signals } from './signals';
import { affinityHalfLives } from './state-layout';
import { halfLifeNames, HalfLife } from './time-decay';

const HOUR_MS = 3_600_000;
const TOP_AFFINITIES = 10;
/** Hours-since-seen reported for items never seen (and the cap for the rest). */
const NEVER_SEEN_HOURS = 24 * 30;

/** Slots of the counters the rate features read. */
const COMPLETE_7D = counterSlot('complete.7d');
const HIDE_7D = counterSlot('hide.7d');
const IMPRESSION_7D = counterSlot('impression.7d');
const LIKE_7D = counterSlot('like.7d');
const REPORT_7D = counterSlot('report.7d');
const SKIP_7D = counterSlot('skip.7d');
const VIEW_7D = counterSlot('view.7d');
const WATCH_RATIO_7D = counterSlot('watch_ratio.7d');
const WATCHED_7D = counterSlot('watched.7d');

/** A decayed counter by its counterSlot (0 when never counted). */
const counter = (values: DecayedValues, slot: number) => values.at(slot);

/** Smoothed ratio with a Beta-style prior: (num + strength·prior) / (den + strength). */
export function smoothedRate(numerator: number, denominator: number, prior: number, strength: number): number {
  return (numerator + strength * prior) / (denominator + strength);
}

function counterFeatures(entity: 'user' | 'item', prefix: 'user' | 'item' | 'creator', halfLives: readonly HalfLife[], view: (ctx: never) => DecayedValues): FeatureDefinition[] {
  return signals.flatMap((signal) =>
    halfLives.map((halfLife) => {
      const slot = counterSlot(`${signal}.${halfLife}`);
      return defineFeature({
        name: `${prefix}_${signal}_${halfLife}`,
        entity,
        type: 'number',
        defaultValue: 0,
        description: `${prefix} ${signal.replace('_', ' ')} count, exponentially decayed with a ${halfLife} half-life`,
        compute: (ctx: never) => counter(view(ctx), slot),
        counter: { view: prefix, slot },
      }) as FeatureDefinition;
    }),
  );
}

function topKeys(affinity: Map<string, Partial<Record<HalfLife, number>>>, halfLife: HalfLife, n: number): string[] {
  return [...affinity.entries()]
    .map(([key, values]) => [key, values[halfLife] ?? 0] as const)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([key]) => key);
}

const userFeatures: FeatureDefinition[] = [
  ...counterFeatures('user', 'user', halfLifeNames, (ctx: { user: { counters: DecayedValues } }) => ctx.user.counters),
  defineFeature({
    name: 'user_follow_count',
    entity: 'user',
    type: 'number',
    defaultValue: 0,
    description: 'creators the user follows now',
    compute: ({ user }) => user.follows.size,
  }),
  defineFeature({
    name: 'user_follows',
    entity: 'user',
    type: 'id_list',
    defaultValue: [],
    description: 'creator ids the user follows now',
    compute: ({ user }) => [...user.follows].sort(),
  }),
  defineFeature({
    name: 'user_history_item_ids',
    entity: 'user',
    type: 'id_list',
    defaultValue: [],
    description: 'items of the user’s recent engagements (impressions excluded), newest first',
    compute: ({ user }) => user.history.map((h) => h.itemId),
  }),
  defineFeature({
    name: 'user_history_creator_ids',
    entity: 'user',
    type: 'id_list',
    defaultValue: [],
    description: 'creators of the user’s recent engagements, newest first, aligned with user_history_item_ids',
    compute: ({ user }) => user.history.map((h) => h.creatorId),
  }),
  defineFeature({
    name: 'user_history_types',
    entity: 'user',
    type: 'id_list',
    defaultValue: [],
    description: 'engagement types of the user’s recent engagements, aligned with user_history_item_ids',
    compute: ({ user }) => user.history.map((h) => h.type),
  }),
  defineFeature({
    name: 'user_positive_item_ids',
    entity: 'user',
    type: 'id_list',
    defaultValue: [],
    description: 'recent items the user completed, liked, shared, commented on or watched past 80%, newest first',
    compute: ({ user }) =>
      user.history
        .filter((h) => ['complete', 'like', 'share', 'comment', 'follow'].includes(h.type) || (h.type === 'view' && h.watchRatio >= 0.8))
        .map((h) => h.itemId)
        .filter((id, i, all) => all.indexOf(id) === i),
  }),
  defineFeature({
    name: 'user_negative_item_ids',
    entity: 'user',
    type: 'id_list',
    defaultValue: [],
    description: 'recent items the user hid or reported, newest first',
    compute: ({ user }) => user.history.filter((h) => h.type === 'hide' || h.type === 'report').map((h) => h.itemId),
  }),
  defineFeature({
    name: 'user_top_creators',
    entity: 'user',
    type: 'id_list',
    defaultValue: [],
    description: `up to ${TOP_AFFINITIES} creators with the highest positive 7d affinity`,
    compute: ({ user }) => topKeys(user.creatorAffinity, '7d', TOP_AFFINITIES),
  }),
  defineFeature({
    name: 'user_top_categories',
    entity: 'user',
    type: 'id_list',
    defaultValue: [],
    description: `up to ${TOP_AFFINITIES} categories with the highest positive 7d affinity`,
    compute: ({ user }) => topKeys(user.categoryAffinity, '7d', TOP_AFFINITIES),
  }),
  defineFeature({
    name: 'user_seen_item_ids',
    entity: 'user',
    type: 'id_list',
    defaultValue: [],
    description: 'items the user was shown within the seen window, most recent first',
    compute: ({ user }) => [...user.seen.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id),
  }),
];

const itemFeatures: FeatureDefinition[] = [
  ...counterFeatures('item', 'item', halfLifeNames, (ctx: { item: { counters: DecayedValues } }) => ctx.item.counters),
  ...counterFeatures('item', 'creator', ['1d', '7d'], (ctx: { creator: { counters: DecayedValues } }) => ctx.creator.counters),
  defineFeature({
    name: 'item_like_rate',
    entity: 'item',
    type: 'number',
    defaultValue: 0.03,
    description: 'likes per impression (7d), smoothed towards 3% with the weight of 20 impressions',
    compute: ({ item }) => smoothedRate(counter(item.counters, LIKE_7D), counter(item.counters, IMPRESSION_7D), 0.03, 20),
  }),
  defineFeature({
    name: 'item_completion_rate',
    entity: 'item',
    type: 'number',
    defaultValue: 0.3,
    description: 'completions per view (7d), smoothed towards 30% with the weight of 10 views',
    compute: ({ item }) => smoothedRate(counter(item.counters, COMPLETE_7D), counter(item.counters, VIEW_7D), 0.3, 10),
  }),
  defineFeature({
    name: 'item_skip_rate',
    entity: 'item',
    type: 'number',
    defaultValue: 0.3,
    description: 'skips per view (7d), smoothed towards 30% with the weight of 10 views',
    compute: ({ item }) => smoothedRate(counter(item.counters, SKIP_7D), counter(item.counters, VIEW_7D), 0.3, 10),
  }),
  defineFeature({
    name: 'item_mean_watch_ratio',
    entity: 'item',
    type: 'number',
    defaultValue: 0.5,
    description: 'mean watched fraction of the video (7d), smoothed towards 0.5 with the weight of 10 watches',
    compute: ({ item }) => smoothedRate(counter(item.counters, WATCH_RATIO_7D), counter(item.counters, WATCHED_7D), 0.5, 10),
  }),
  defineFeature({
    name: 'item_hide_rate',
    entity: 'item',
    type: 'number',
    defaultValue: 0.005,
    description: 'hides and reports per impression (7d), smoothed towards 0.5% with the weight of 50 impressions',
    compute: ({ item }) =>
      smoothedRate(counter(item.counters, HIDE_7D) + counter(item.counters, REPORT_7D), counter(item.counters, IMPRESSION_7D), 0.005, 50),
  }),
  defineFeature({
    name: 'item_age_hours',
    entity: 'item',
    type: 'number',
    defaultValue: 24 * 7,
    description: 'hours since upload',
    compute: ({ item, nowMs }) => (item.createdAtMs === undefined ? undefined : Math.max(0, (nowMs - item.createdAtMs) / HOUR_MS)),
  }),
  defineFeature({
    name: 'item_duration_seconds',
    entity: 'item',
    type: 'number',
    defaultValue: 30,
    description: 'video duration in seconds',
    compute: ({ item }) => (item.durationMs === undefined ? undefined : item.durationMs / 1000),
  }),
  defineFeature({
    name: 'item_deleted',
    entity: 'item',
    type: 'number',
    defaultValue: 0,
    description: '1 when the item was deleted',
    compute: ({ item }) => (item.deleted ? 1 : 0),
  }),
  defineFeature({
    name: 'item_creator_id',
    entity: 'item',
    type: 'id',
    defaultValue: '',
    description: 'creator of the item',
    compute: ({ item }) => item.creatorId,
  }),
  defineFeature({
    name: 'item_categories',
    entity: 'item',
    type: 'id_list',
    defaultValue: [],
    description: 'categories of the item',
    compute: ({ item }) => item.categories,
  }),
  defineFeature({
    name: 'item_hashtags',
    entity: 'item',
    type: 'id_list',
    defaultValue: [],
    description: 'hashtags of the item',
    compute: ({ item }) => item.hashtags,
  }),
  defineFeature({
    name: 'item_language',
    entity: 'item',
    type: 'id',
    defaultValue: '',
    description: 'ISO 639-1 language of the item',
    compute: ({ item }) => item.attribute('language'),
  }),
  defineFeature({
    name: 'item_country',
    entity: 'item',
    type: 'id',
    defaultValue: '',
    description: 'ISO 3166-1 country of the item',
    compute: ({ item }) => item.attribute('country'),
  }),
  defineFeature({
    name: 'creator_followers',
    entity: 'item',
    type: 'number',
    defaultValue: 0,
    description: 'followers of the item’s creator',
    compute: ({ creator }) => (creator.known ? creator.followers : undefined),
  }),
  defineFeature({
    name: 'creator_like_rate',
    entity: 'item',
    type: 'number',
    defaultValue: 0.03,
    description: 'likes per impression of the creator’s items (7d), smoothed towards 3% with the weight of 50 impressions',
    compute: ({ creator }) => smoothedRate(counter(creator.counters, LIKE_7D), counter(creator.counters, IMPRESSION_7D), 0.03, 50),
  }),
];

const crossFeatures: FeatureDefinition[] = [
  ...affinityHalfLives.map((halfLife) =>
    defineFeature({
      name: `cross_creator_affinity_${halfLife}`,
      entity: 'cross',
      type: 'number',
      defaultValue: 0,
      description: `user’s engagement-weighted affinity to the item’s creator, ${halfLife} half-life (negative after hides and skips)`,
      compute: ({ user, item }) => {
        const creatorId = item.creatorId;
        return creatorId === undefined ? undefined : (user.creatorAffinity.get(creatorId)?.[halfLife] ?? 0);
      },
    }),
  ),
  ...affinityHalfLives.map((halfLife) =>
    defineFeature({
      name: `cross_category_affinity_${halfLife}`,
      entity: 'cross',
      type: 'number',
      defaultValue: 0,
      description: `sum of the user’s affinities to the item’s categories, ${halfLife} half-life`,
      compute: ({ user, item }) => {
        const categories = item.categories;
        if (categories === undefined) return undefined;
        let sum = 0;
        for (const c of categories) sum += user.categoryAffinity.get(c)?.[halfLife] ?? 0;
        return sum;
      },
    }),
  ),
  defineFeature({
    name: 'cross_follows_creator',
    entity: 'cross',
    type: 'number',
    defaultValue: 0,
    description: '1 when the user follows the item’s creator',
    compute: ({ user, item }) => {
      const creatorId = item.creatorId;
      return creatorId === undefined ? undefined : user.follows.has(creatorId) ? 1 : 0;
    },
  }),
  defineFeature({
    name: 'cross_seen',
    entity: 'cross',
    type: 'number',
    defaultValue: 0,
    description: '1 when the user was shown the item within the seen window',
    compute: ({ user, item }) => (user.seen.has(item.itemId) ? 1 : 0),
  }),
  defineFeature({
    name: 'cross_hours_since_seen',
    entity: 'cross',
    type: 'number',
    defaultValue: NEVER_SEEN_HOURS,
    description: `hours since the user was last shown the item, capped at ${NEVER_SEEN_HOURS}`,
    compute: ({ user, item, nowMs }) => {
      const seenAt = user.seen.get(item.itemId);
      return seenAt === undefined ? NEVER_SEEN_HOURS : Math.min(NEVER_SEEN_HOURS, Math.max(0, (nowMs - seenAt) / HOUR_MS));
    },
  }),
];

/** Every registered feature, in a stable order. */
export const featureRegistry: readonly FeatureDefinition[] = [...userFeatures, ...itemFeatures, ...crossFeatures];

const byName = new Map(featureRegistry.map((f) => [f.name, f]));
if (byName.size !== featureRegistry.length) throw new Error('duplicate feature names in the registry');

export function getFeature(name: string): FeatureDefinition | undefined {
  return byName.get(name);
}

export function featuresOf(entity: FeatureEntity): FeatureDefinition[] {
  return featureRegistry.filter((f) => f.entity === entity);
}

/** Bump when a feature's computation changes meaning without a change of name, type or default. */
const FEATURE_LOGIC_REVISION = 1;

/** Content hash of names, types, defaults and logic revision: models record it, loaders compare it. */
export const registryVersion = createHash('sha256')
  .update(JSON.stringify([FEATURE_LOGIC_REVISION, featureRegistry.map((f) => [f.name, f.entity, f.type, f.defaultValue])]))
  .digest('hex')
  .slice(0, 12);
