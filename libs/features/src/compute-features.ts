import { FeatureColumn, FeatureType } from '@cascade/contracts';
import type { FeatureDefinition, FeatureValueType } from './feature-definition';
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

const protoType: Record<FeatureValueType, FeatureType> = {
  number: FeatureType.FEATURE_TYPE_NUMBER,
  id: FeatureType.FEATURE_TYPE_ID,
  id_list: FeatureType.FEATURE_TYPE_ID_LIST,
};

class ColumnBuilder {
  readonly column: FeatureColumn;
  constructor(private readonly def: FeatureDefinition) {
    this.column = { name: def.name, type: protoType[def.type], numbers: [], ids: [], idLists: [], defaultedRows: [] };
  }
  push(row: number, value: unknown, entityKnown: boolean): void {
    let v = value;
    if (v === undefined || !entityKnown) {
      v = this.def.defaultValue;
      this.column.defaultedRows.push(row);
    }
    if (this.def.type === 'number') this.column.numbers.push(Number.isFinite(v as number) ? (v as number) : (this.def.defaultValue as number));
    else if (this.def.type === 'id') this.column.ids.push(v as string);
    else this.column.idLists.push({ ids: v as string[] });
  }
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

  const userFeatures: FeatureColumn[] = [];
  const itemFeatures: FeatureColumn[] = [];
  const crossFeatures: FeatureColumn[] = [];
  for (const def of definitions) {
    const builder = new ColumnBuilder(def);
    if (def.entity === 'user') {
      builder.push(0, (def as FeatureDefinition<'user'>).compute({ user, nowMs }), user.known);
      userFeatures.push(builder.column);
    } else if (def.entity === 'item') {
      const compute = (def as FeatureDefinition<'item'>).compute;
      for (let row = 0; row < items.length; row++) {
        const item = items[row]!;
        builder.push(row, compute({ item, creator: creators[row]!, nowMs }), item.known);
      }
      itemFeatures.push(builder.column);
    } else {
      const compute = (def as FeatureDefinition<'cross'>).compute;
      for (let row = 0; row < items.length; row++) {
        // Cross features are meaningful for unknown users too (they are simply zero affinity).
        builder.push(row, compute({ user, item: items[row]!, nowMs }), true);
      }
      crossFeatures.push(builder.column);
    }
  }
  return { userFeatures, itemFeatures, crossFeatures, userDefaulted: !user.known };
}
