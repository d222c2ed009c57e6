import type { ItemTowerInput, UserTowerInput } from '@cascade/models';

/** What retrieval needs of a two-tower model: batched user and item encoders into one vector space. */
export interface EmbeddingModel {
  readonly dim: number;
  encodeUsers(inputs: readonly UserTowerInput[]): Float32Array;
  encodeItems(items: readonly ItemTowerInput[]): Float32Array;
}
