import { FeatureColumn, GetFeaturesResponse } from '@cascade/contracts';
import {
  computeFeatures,
  creator,
  creatorIdOf,
  defaultUserStateLimits,
  EntitySnapshot,
  FeatureDefinition,
  item,
  registryVersion,
  StateStore,
  user,
} from '@cascade/features';
import { packNumberColumns } from './pack-number-columns';

export interface FeatureQuery {
  userId: string;
  itemIds: readonly string[];
  definitions: readonly FeatureDefinition[];
  nowMs: number;
  /** Number columns in `numberBytes` rather than `numbers`. */
  numbersAsBytes?: boolean;
}

/**
 * Reads the state a query needs in at most two batched store reads (user and items, then the
 * items' creators) and computes the features.
 */
export class FeatureReader {
  constructor(
    private readonly store: StateStore,
    private readonly seenTtlMs = defaultUserStateLimits.seenTtlMs,
  ) {}

  async read(query: FeatureQuery): Promise<GetFeaturesResponse> {
    const needsItems = query.definitions.some((d) => d.entity !== 'user');
    const needsCreators = query.definitions.some((d) => d.entity === 'item' && d.name.startsWith('creator_'));
    const itemIds = needsItems ? query.itemIds : [];
    const [userSnapshot, ...itemSnapshots] = await this.store.read([user(query.userId), ...itemIds.map(item)]);
    const items = new Map<string, EntitySnapshot | undefined>();
    itemIds.forEach((id, i) => items.set(id, itemSnapshots[i]));

    const creators = new Map<string, EntitySnapshot | undefined>();
    if (needsCreators) {
      const creatorIds = [...new Set(itemIds.map((id) => creatorIdOf(items.get(id))).filter((c): c is string => !!c))];
      const creatorSnapshots = await this.store.read(creatorIds.map(creator));
      creatorIds.forEach((id, i) => creators.set(id, creatorSnapshots[i]));
    }

    const computed = computeFeatures(query.userId, itemIds, query.definitions, { user: userSnapshot, items, creators }, query.nowMs, this.seenTtlMs);
    const pack = query.numbersAsBytes ? packNumberColumns : (columns: FeatureColumn[]) => columns;
    return {
      userFeatures: pack(computed.userFeatures),
      itemIds: [...query.itemIds],
      itemFeatures: pack(computed.itemFeatures),
      crossFeatures: pack(computed.crossFeatures),
      userDefaulted: computed.userDefaulted,
      registryVersion,
    };
  }
}
