import { isTrainedKey, KeyRows, keyRows, RowBags } from './embedding-table';
import { itemInputWidth, itemSlots, TwoTowerConfig, userInputWidth, userSlots } from './two-tower-config';
import { TableName, TwoTowerWeights } from './two-tower-weights';
import {
  categoryKey,
  contextKeys,
  creatorKey,
  ItemTowerInput,
  itemAttributeKeys,
  recencyWeights,
  userAttributeKeys,
  UserTowerInput,
} from './tower-inputs';

interface Slot {
  table: TableName;
  bags: RowBags;
}

/** Sparse gradients of a step: table → row → gradient of that row. */
export type TableGradients = Map<TableName, Map<number, Float32Array>>;

/**
 * A batch of one tower's inputs: pooled embedding slots (one per table lookup) followed by dense
 * columns. The same code builds training and inference batches, so they cannot drift apart.
 */
export class TowerBatch {
  constructor(
    readonly count: number,
    readonly width: number,
    private readonly embeddingDim: number,
    private readonly slots: readonly Slot[],
    /** count × width, dense columns already filled, slot columns zero. */
    private readonly dense: Float32Array,
  ) {}

  /** The row-major count × width input matrix under the current weights. */
  matrix(weights: TwoTowerWeights): Float32Array {
    const out = Float32Array.from(this.dense);
    this.slots.forEach((slot, s) => slot.bags.poolInto(weights.tables[slot.table], out, this.width, s * this.embeddingDim));
    return out;
  }

  /** Adds the gradient of the input matrix to the rows each slot pooled. */
  scatter(weights: TwoTowerWeights, gradient: Float32Array, into: TableGradients): void {
    this.slots.forEach((slot, s) => {
      let rows = into.get(slot.table);
      if (!rows) into.set(slot.table, (rows = new Map()));
      slot.bags.scatterGradient(weights.tables[slot.table], gradient, this.width, s * this.embeddingDim, rows);
    });
  }
}

export interface BatchOptions {
  /** Inference: leave out keys whose rows training never reached (their embeddings are noise). */
  knownOnly: boolean;
}

/** Rows of the keys, without the untrained ones when `knownOnly`. */
function rowsOf(weights: TwoTowerWeights, table: TableName, keys: readonly string[], knownOnly: boolean): KeyRows[] {
  const t = weights.tables[table];
  const rows: KeyRows[] = [];
  for (const key of keys) {
    const r = keyRows(t, key);
    if (!knownOnly || isTrainedKey(t, r)) rows.push(r);
  }
  return rows;
}

export interface UserBatchOptions extends BatchOptions {
  /** Training: examples whose user-id embedding is dropped, so the tower learns to serve from history alone. */
  dropId?: (index: number) => boolean;
}

export function userBatch(weights: TwoTowerWeights, config: TwoTowerConfig, users: readonly UserTowerInput[], options: UserBatchOptions): TowerBatch {
  const width = userInputWidth(config);
  const bags = Object.fromEntries(userSlots.map((slot) => [slot, new RowBags()])) as Record<(typeof userSlots)[number], RowBags>;
  const dense = new Float32Array(users.length * width);
  const allWeights = recencyWeights(config.historyLength, config.historyHalfLife);
  const historyTableName: TableName = config.historyUsesItemIds ? 'itemId' : 'history';
  const historyTable = weights.tables[historyTableName];
  users.forEach((user, i) => {
    bags.userId.push(options.dropId?.(i) ? [] : rowsOf(weights, 'userId', [user.userId], options.knownOnly));
    const history: KeyRows[] = [];
    const historyWeights: number[] = [];
    const recent = Math.min(user.history.length, config.historyLength);
    for (let k = 0; k < recent; k++) {
      const rows = keyRows(historyTable, user.history[k]!);
      if (options.knownOnly && !isTrainedKey(historyTable, rows)) continue;
      history.push(rows);
      historyWeights.push(allWeights[k]!);
    }
    bags.history.push(history, historyWeights);
    bags.userAttributes.push(rowsOf(weights, 'userTokens', userAttributeKeys(user.attributes), options.knownOnly));
    bags.context.push(rowsOf(weights, 'userTokens', contextKeys(user.context), options.knownOnly));
    dense[i * width + width - 1] = Math.log1p(history.length) / 4;
  });
  const tables: Record<(typeof userSlots)[number], TableName> = { userId: 'userId', history: historyTableName, userAttributes: 'userTokens', context: 'userTokens' };
  return new TowerBatch(users.length, width, config.embeddingDim, userSlots.map((slot) => ({ table: tables[slot], bags: bags[slot] })), dense);
}

export interface ItemBatchOptions extends BatchOptions {
  /** Inference: ids whose embeddings were trained (an id outside it is a cold item). */
  trainedItemIds?: ReadonlySet<string>;
  /** Training: examples whose id embedding is dropped, so the tower learns to use attributes alone. */
  dropId?: (index: number) => boolean;
}

export function itemBatch(weights: TwoTowerWeights, config: TwoTowerConfig, items: readonly ItemTowerInput[], options: ItemBatchOptions): TowerBatch {
  const width = itemInputWidth(config);
  const bags = Object.fromEntries(itemSlots.map((slot) => [slot, new RowBags()])) as Record<(typeof itemSlots)[number], RowBags>;
  const dense = new Float32Array(items.length * width);
  const contentOffset = itemSlots.length * config.embeddingDim;
  items.forEach((item, i) => {
    const idKnown = options.knownOnly ? (options.trainedItemIds?.has(item.itemId) ?? false) : !options.dropId?.(i);
    bags.itemId.push(idKnown ? [keyRows(weights.tables.itemId, item.itemId)] : []);
    bags.creator.push(item.creatorId ? rowsOf(weights, 'itemTokens', [creatorKey(item.creatorId)], options.knownOnly) : []);
    bags.categories.push(rowsOf(weights, 'itemTokens', (item.categories ?? []).map(categoryKey), options.knownOnly));
    bags.itemAttributes.push(rowsOf(weights, 'itemTokens', itemAttributeKeys(item), options.knownOnly));
    if (config.contentDim > 0 && item.embedding?.length === config.contentDim) {
      dense.set(item.embedding, i * width + contentOffset);
      dense[i * width + width - 1] = 1;
    }
  });
  const tables: Record<(typeof itemSlots)[number], TableName> = { itemId: 'itemId', creator: 'itemTokens', categories: 'itemTokens', itemAttributes: 'itemTokens' };
  return new TowerBatch(items.length, width, config.embeddingDim, itemSlots.map((slot) => ({ table: tables[slot], bags: bags[slot] })), dense);
}
