/**
 * Anything that can rank the whole catalogue for a user: baselines (popularity, item-kNN) and
 * trained models (two-tower) alike, so the evaluator compares them on exactly the same protocol.
 */
export interface RetrievalScorer {
  /** Shown in reports, e.g. "popularity", "item-knn", "two-tower". */
  readonly name: string;
  /**
   * Scores of every item (dataset.itemIds order) for each user index given, row-major
   * (users.length × itemCount). Higher is better; the evaluator masks training items itself.
   */
  scoreUsers(users: Int32Array): Float32Array | Promise<Float32Array>;
}
