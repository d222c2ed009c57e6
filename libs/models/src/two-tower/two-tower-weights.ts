import { createEmbeddingTable, EmbeddingTable } from './embedding-table';
import { SeededRandom } from './seeded-random';
import { itemInputWidth, TwoTowerConfig, userInputWidth } from './two-tower-config';

export const tableNames = ['userId', 'history', 'userTokens', 'itemId', 'itemTokens'] as const;
export type TableName = (typeof tableNames)[number];

export interface DenseLayer {
  inputs: number;
  units: number;
  /** Row-major inputs × units. */
  kernel: Float32Array;
  bias: Float32Array;
}

/** Every trainable number of a two-tower model. */
export interface TwoTowerWeights {
  tables: Record<TableName, EmbeddingTable>;
  userTower: DenseLayer[];
  itemTower: DenseLayer[];
}

function glorotLayer(inputs: number, units: number, random: SeededRandom): DenseLayer {
  const limit = Math.sqrt(6 / (inputs + units));
  const kernel = new Float32Array(inputs * units);
  for (let i = 0; i < kernel.length; i++) kernel[i] = (random.next() * 2 - 1) * limit;
  return { inputs, units, kernel, bias: new Float32Array(units) };
}

function mlp(inputs: number, config: TwoTowerConfig, random: SeededRandom): DenseLayer[] {
  const widths = [inputs, ...config.hidden, config.dim];
  return widths.slice(1).map((units, k) => glorotLayer(widths[k]!, units, random));
}

export function createTwoTowerWeights(config: TwoTowerConfig, seed: number): TwoTowerWeights {
  const random = new SeededRandom(seed);
  const e = config.embeddingDim;
  const buckets: Record<TableName, number> = {
    userId: config.userIdBuckets,
    history: config.historyBuckets,
    userTokens: config.userTokenBuckets,
    itemId: config.itemIdBuckets,
    itemTokens: config.itemTokenBuckets,
  };
  const tables = Object.fromEntries(tableNames.map((name) => [name, createEmbeddingTable(name, buckets[name], e, random.fork())])) as Record<TableName, EmbeddingTable>;
  return { tables, userTower: mlp(userInputWidth(config), config, random.fork()), itemTower: mlp(itemInputWidth(config), config, random.fork()) };
}

export interface NamedArray {
  name: string;
  shape: number[];
  data: Float32Array | Int32Array;
}

function towerArrays(prefix: string, layers: DenseLayer[]): NamedArray[] {
  return layers.flatMap((layer, k) => [
    { name: `${prefix}/${k}/kernel`, shape: [layer.inputs, layer.units], data: layer.kernel },
    { name: `${prefix}/${k}/bias`, shape: [layer.units], data: layer.bias },
  ]);
}

/** Every array under a stable name, for saving. */
export function weightArrays(weights: TwoTowerWeights): NamedArray[] {
  const tables = tableNames.flatMap((name) => {
    const table = weights.tables[name];
    return [
      { name: `tables/${name}/weights`, shape: [table.rows, table.dim], data: table.weights },
      { name: `tables/${name}/trained`, shape: [table.rows], data: Int32Array.from(table.trained) },
    ];
  });
  return [...tables, ...towerArrays('userTower', weights.userTower), ...towerArrays('itemTower', weights.itemTower)];
}

/** Rebuilds the weights from the arrays weightArrays named; throws when one is missing. */
export function weightsFromArrays(config: TwoTowerConfig, arrays: ReadonlyMap<string, Float32Array | Int32Array>): TwoTowerWeights {
  const get = (name: string): Float32Array | Int32Array => {
    const array = arrays.get(name);
    if (!array) throw new Error(`two-tower weights: "${name}" is missing`);
    return array;
  };
  const float = (name: string) => Float32Array.from(get(name));
  const template = createTwoTowerWeights({ ...config, userIdBuckets: 1, historyBuckets: 1, userTokenBuckets: 1, itemIdBuckets: 1, itemTokenBuckets: 1 }, 0);
  const tables = Object.fromEntries(
    tableNames.map((name) => {
      const weights = float(`tables/${name}/weights`);
      const trained = Uint8Array.from(get(`tables/${name}/trained`));
      return [name, { name, rows: trained.length, dim: config.embeddingDim, weights, trained }];
    }),
  ) as Record<TableName, EmbeddingTable>;
  const tower = (prefix: string, layers: DenseLayer[]) =>
    layers.map((layer, k) => ({ ...layer, kernel: float(`${prefix}/${k}/kernel`), bias: float(`${prefix}/${k}/bias`) }));
  return { tables, userTower: tower('userTower', template.userTower), itemTower: tower('itemTower', template.itemTower) };
}
