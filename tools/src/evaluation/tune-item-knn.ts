import {
  evaluateRetrieval,
  ItemKnnScorer,
  itemNeighbours,
  retrievalTestSet,
  truncateNeighbours,
  userItemLists,
  type InteractionDataset,
  type InteractionSplit,
} from '@cascade/models';

export const KNN_NEIGHBOURS_GRID = [20, 50, 100, 200] as const;
export const KNN_SHRINKAGE_GRID = [0, 10, 50, 200] as const;

export interface ItemKnnChoice {
  neighbours: number;
  shrinkage: number;
  /** NDCG@10 on the validation part for every configuration tried, `n=<neighbours>,s=<shrinkage>` → value. */
  validationNdcg10: Record<string, number>;
}

/**
 * Picks item-kNN's neighbours and shrinkage by NDCG@10 on the validation part (fit on train, valid
 * positives relevant, train items masked), never looking at the test part.
 */
export async function tuneItemKnn(dataset: InteractionDataset, split: InteractionSplit, onStep?: (done: number, total: number) => void): Promise<ItemKnnChoice> {
  if (!split.valid || split.valid.length === 0) throw new Error('tuneItemKnn needs a validation part');
  const validation = retrievalTestSet(dataset, { train: split.train, test: split.valid, protocol: 'validation' });
  const positives = userItemLists(dataset, split.train, { positivesOnly: true });
  const maxNeighbours = Math.max(...KNN_NEIGHBOURS_GRID);
  const total = KNN_NEIGHBOURS_GRID.length * KNN_SHRINKAGE_GRID.length;
  const tried: Record<string, number> = {};
  let best = { neighbours: 100, shrinkage: 0, ndcg: Number.NEGATIVE_INFINITY };
  for (const shrinkage of KNN_SHRINKAGE_GRID) {
    const widest = itemNeighbours(positives, dataset.itemIds.length, maxNeighbours, shrinkage);
    for (const neighbours of KNN_NEIGHBOURS_GRID) {
      const scorer = new ItemKnnScorer(dataset, split.train, { precomputed: truncateNeighbours(widest, neighbours) });
      const ndcg = (await evaluateRetrieval(dataset, validation, scorer, { ks: [10] })).metrics['ndcg@10']!;
      tried[`n=${neighbours},s=${shrinkage}`] = ndcg;
      if (ndcg > best.ndcg) best = { neighbours, shrinkage, ndcg };
      onStep?.(Object.keys(tried).length, total);
    }
  }
  return { neighbours: best.neighbours, shrinkage: best.shrinkage, validationNdcg10: tried };
}
