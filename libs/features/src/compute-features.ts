import type { FeatureColumn } from '@cascade/contracts';
import type { CrossContext, FeatureDefinition, ItemContext, UserContext } from './feature-definition';
import { counterColumn, featureColumn } from './feature-column';
import { CreatorView, ItemView, UserView } from './entity-views';
import type { EntitySnapshot } from './mutations';
import { featureRegistry, getFeature } from './registry';
import { defaultUserStateLimits } from './engagement-mutations';

export class UnknownFeatureError extends Error {
  constructor(readonly featureName: string) {
    super(`unknown feature "${featureName}"`);
  }
}

/** The registered features to compute: all of them, or the named ones in the given order. */
export function selectFeatures(names: readonly string[] | undefined): FeatureDefinition[] {
  if (!names || names.length === 0) return [...featureRegistry];
  return names.map((name) => {
    const def = getFeature(name);
    if (!def) throw new UnknownFeatureError(name);
    return def;
  });
}

export interface EntitySnapshots {
  user: EntitySnapshot | undefined;
  items: ReadonlyMap<string, EntitySnapshot | undefined>;
  creators: ReadonlyMap<string, EntitySnapshot | undefined>;
}

export interface ComputedFeatures {
  userFeatures: FeatureColumn[];
  itemFeatures: FeatureColumn[];
  crossFeatures: FeatureColumn[];
  userDefaulted: boolean;
}

/** Item and creator views for a request, built once and shared by item and cross features. */
export function itemViews(itemIds: readonly string[], snapshots: EntitySnapshots, nowMs: number): { items: ItemView[]; creators: CreatorView[] } {
  const creatorViews = new Map<string, CreatorView>();
  const items = itemIds.map((id) => new ItemView(id, snapshots.items.get(id), nowMs));
  const creators = items.map((item) => {
    const creatorId = item.creatorId;
    if (creatorId === undefined) return new CreatorView(undefined, undefined, nowMs);
    let view = creatorViews.get(creatorId);
    if (!view) {
      view = new CreatorView(creatorId, snapshots.creators.get(creatorId), nowMs);
      creatorViews.set(creatorId, view);
    }
    return view;
  });
  return { items, creators };
}

/**
 * Computes the requested features for one user and a batch of items from entity snapshots, column
 * by column. The same function serves GetFeatures and builds training rows.
 */
export function computeFeatures(
  userId: string,
  itemIds: readonly string[],
  definitions: readonly FeatureDefinition[],
  snapshots: EntitySnapshots,
  nowMs: number,
  seenTtlMs = defaultUserStateLimits.seenTtlMs,
): ComputedFeatures {
  const user = new UserView(userId, snapshots.user, nowMs, seenTtlMs);
  const needsItems = definitions.some((d) => d.entity !== 'user');
  const { items, creators } = needsItems ? itemViews(itemIds, snapshots, nowMs) : { items: [], creators: [] };
  // One context per row, shared by every feature of the row (features only read them).
  const rows = lazyRows(user, items, creators, nowMs);

  const userFeatures: FeatureColumn[] = [];
  const itemFeatures: FeatureColumn[] = [];
  const crossFeatures: FeatureColumn[] = [];
  for (const def of definitions) {
    if (def.entity === 'user') userFeatures.push(featureColumn(def, rows.user(), user.known));
    else if (def.entity === 'item') itemFeatures.push(itemColumn(def, rows, items, creators));
    // Cross features are meaningful for unknown users too (they are simply zero affinity).
    else crossFeatures.push(featureColumn(def, rows.cross(), true));
  }
  return { userFeatures, itemFeatures, crossFeatures, userDefaulted: !user.known };
}

/** An item feature's column: a counter read straight from the item or creator views, any other computed per row. */
function itemColumn(def: FeatureDefinition, rows: RowContexts, items: readonly ItemView[], creators: readonly CreatorView[]): FeatureColumn {
  const counter = def.counter;
  if (counter?.view === 'item') return counterColumn(def, counter.slot, items, rows.itemsKnown());
  if (counter?.view === 'creator') return counterColumn(def, counter.slot, creators, rows.itemsKnown());
  return featureColumn(def, rows.item(), rows.itemsKnown());
}

type RowContexts = ReturnType<typeof lazyRows>;

/** Row contexts of each entity kind, built on first use. */
function lazyRows(user: UserView, items: readonly ItemView[], creators: readonly CreatorView[], nowMs: number) {
  let userRows: UserContext[] | undefined;
  let itemRows: ItemContext[] | undefined;
  let crossRows: CrossContext[] | undefined;
  let itemsKnown: boolean[] | undefined;
  return {
    user: () => (userRows ??= [{ user, nowMs }]),
    item: () => (itemRows ??= items.map((item, row) => ({ item, creator: creators[row]!, nowMs }))),
    cross: () => (crossRows ??= items.map((item) => ({ user, item, nowMs }))),
    itemsKnown: () => (itemsKnown ??= items.map((item) => item.known)),
  };
}
