/** What retrieval knows of an item, from the content topic. */
export interface ItemRecord {
  itemId: string;
  /**
   * The item's slot in the catalogue: a dense integer, fixed for the catalogue's lifetime (a
   * deleted item keeps its slot as a tombstone, and slots are never reused), so that an integer
   * handed out for the item (an ANN label's key) always resolves to this item.
   */
  slot: number;
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
