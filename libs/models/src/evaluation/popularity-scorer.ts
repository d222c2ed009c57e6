import type { InteractionDataset } from '../data/interaction-dataset';
import { isPositiveLabel } from '../data/interaction-dataset';
import type { RetrievalScorer } from './retrieval-scorer';

/** Most-popular baseline: every user gets the same scores, the count of each item's positive training rows. */
export class PopularityScorer implements RetrievalScorer {
  readonly name = 'popularity';
  readonly counts: Float32Array;

  constructor(dataset: InteractionDataset, trainRows: Int32Array) {
    const { item, label } = dataset.interactions;
    this.counts = new Float32Array(dataset.itemIds.length);
    for (const r of trainRows) if (isPositiveLabel(label[r]!)) this.counts[item[r]!]!++;
  }

  scoreUsers(users: Int32Array): Float32Array {
    const itemCount = this.counts.length;
    const scores = new Float32Array(users.length * itemCount);
    for (let b = 0; b < users.length; b++) scores.set(this.counts, b * itemCount);
    return scores;
  }
}
