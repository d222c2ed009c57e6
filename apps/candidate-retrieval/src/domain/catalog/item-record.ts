/** What retrieval knows of an item, from the content topic. */
export interface ItemRecord {
  itemId: string;
  creatorId: string;
  categories: readonly string[];
  createdAtMs: number;
  durationMs: number;
  language: string;
  country: string;
  /** Event time of the content event this record reflects (last writer wins by event time). */
  updatedAtMs: number;
  deleted: boolean;
  /** Content embedding carried by the upsert, when the producer has one. */
  embedding?: Float32Array;
}
