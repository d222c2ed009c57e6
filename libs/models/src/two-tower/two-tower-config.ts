/** Shape of a two-tower model; saved with its weights, so a loaded model rebuilds exactly. */
export interface TwoTowerConfig {
  /** Width of the L2-normalised user and item vectors. */
  dim: number;
  /** Width of every embedding table. */
  embeddingDim: number;
  /** Hidden layer widths of each tower's MLP. */
  hidden: number[];
  /** Rows of each hashed table (each key occupies two rows, see hashedRows). */
  userIdBuckets: number;
  itemIdBuckets: number;
  historyBuckets: number;
  userTokenBuckets: number;
  itemTokenBuckets: number;
  /** Width of ItemAttributes.embedding; 0 when the training data had none. */
  contentDim: number;
  /** How many of the user's most recent positive items the user tower pools. */
  historyLength: number;
  /** Recency weighting of the history: the weight halves every this many items; null = plain mean. */
  historyHalfLife: number | null;
  /** Pool the history from the item tower's id embeddings instead of a table of its own (fewer weights, shared signal). */
  historyUsesItemIds: boolean;
}

export const defaultTwoTowerShape = {
  dim: 64,
  embeddingDim: 32,
  hidden: [128],
  historyLength: 50,
  historyHalfLife: 10,
  historyUsesItemIds: false,
} satisfies Partial<TwoTowerConfig>;

/** Slots of the user tower's input, in order; each is one pooled embedding. */
export const userSlots = ['userId', 'history', 'userAttributes', 'context'] as const;
/** Dense user inputs after the slots: log(1 + history length). */
export const USER_DENSE = 1;

/** Slots of the item tower's input, in order. */
export const itemSlots = ['itemId', 'creator', 'categories', 'itemAttributes'] as const;

export function userInputWidth(config: TwoTowerConfig): number {
  return userSlots.length * config.embeddingDim + USER_DENSE;
}

/** Item slots, then the content embedding and a 0/1 "has content" flag. */
export function itemInputWidth(config: TwoTowerConfig): number {
  return itemSlots.length * config.embeddingDim + config.contentDim + 1;
}
