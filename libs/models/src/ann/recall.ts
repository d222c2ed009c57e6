import type { AnnIndex, AnnSearchResult } from './ann-index';
import { checkItemVectors, ItemVectors } from './ann-params';
import { exactTopK, ExactTopK } from './exact-top-k';

/**
 * Mean recall@k of approximate results against exact ones: the share of each query's true top-k
 * (or all items, when fewer) that the approximate top-k found.
 */
export function recallAtK(exact: ExactTopK, itemIds: readonly string[], approx: readonly AnnSearchResult[]): number {
  const queryCount = exact.rows.length / exact.k;
  if (approx.length !== queryCount) throw new Error(`${approx.length} approximate results for ${queryCount} queries`);
  if (queryCount === 0) return 1;
  let total = 0;
  for (let q = 0; q < queryCount; q++) {
    const found = new Set(approx[q]!.ids.slice(0, exact.k));
    let relevant = 0;
    let hits = 0;
    for (let i = 0; i < exact.k; i++) {
      const row = exact.rows[q * exact.k + i]!;
      if (row < 0) break;
      relevant++;
      if (found.has(itemIds[row]!)) hits++;
    }
    total += relevant === 0 ? 1 : hits / relevant;
  }
  return total / queryCount;
}

/**
 * Recall@k of `index` on `queries` (n × dim) against brute-force search over `items`, the vectors
 * the index was built from. Pass `exact` to reuse ground truth computed earlier.
 */
export function measureRecall(
  index: AnnIndex,
  items: ItemVectors,
  queries: Float32Array,
  k: number,
  options: { ef?: number; exact?: ExactTopK } = {},
): number {
  checkItemVectors(items);
  const exact = options.exact ?? exactTopK(items.vectors, queries, items.dim, k);
  if (exact.k !== k) throw new Error(`ground truth is top-${exact.k}, asked for recall@${k}`);
  return recallAtK(exact, items.ids, index.searchBatch(queries, k, options.ef === undefined ? {} : { ef: options.ef }));
}
