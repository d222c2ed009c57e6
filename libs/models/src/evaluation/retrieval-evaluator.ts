import type { InteractionDataset, InteractionSplit } from '../data/interaction-dataset';
import { itemsOf, mergeUserItemLists, userItemLists, type UserItemLists } from '../data/user-item-lists';
import { rankedNdcgAtK, rankedRecallAtK } from './ranking-metrics';
import type { RetrievalScorer } from './retrieval-scorer';
import { topK } from './top-k';

export const DEFAULT_RETRIEVAL_KS = [10, 20, 50, 100] as const;

export interface RetrievalEvaluationOptions {
  ks?: readonly number[];
  /** Users per scoreUsers call; default keeps one batch of scores near 16M floats (64 MB). */
  batchSize?: number;
  /** Called after each batch with users done and users to evaluate. */
  onProgress?: (done: number, total: number) => void;
}

export interface RetrievalEvaluation {
  scorer: string;
  ks: number[];
  /** `recall@10`, `ndcg@10`, … `coverage@10`: means over evaluated users (coverage: share of the catalogue). */
  metrics: Record<string, number>;
  /** Users with at least one relevant test item, the ones averaged over. */
  usersEvaluated: number;
  /** Users with test rows but no relevant item left (no positive, or all masked). */
  usersSkipped: number;
  itemCount: number;
  /** Relevant (user, item) pairs over evaluated users. */
  relevantPairs: number;
  /** Mean number of masked (known) items per evaluated user. */
  meanMaskedPerUser: number;
  seconds: number;
}

/** What is being evaluated against, independent of any scorer: built once per split. */
export interface RetrievalTestSet {
  users: Int32Array;
  /** Per user: the known (train + valid) items never ranked. */
  masked: UserItemLists;
  /** Per user: test positives not among the masked items. */
  relevant: UserItemLists;
  usersSkipped: number;
}

/**
 * The full-ranking protocol: relevant = the user's positive test items; masked = every item of the
 * user's train and valid rows (positive or negative: already seen), removed from both the ranking
 * and the relevant set. Users with no relevant item left are skipped.
 */
export function retrievalTestSet(dataset: InteractionDataset, split: InteractionSplit): RetrievalTestSet {
  const train = userItemLists(dataset, split.train);
  const masked = split.valid ? mergeUserItemLists(train, userItemLists(dataset, split.valid)) : train;
  const testPositives = userItemLists(dataset, split.test, { positivesOnly: true });
  const testRows = userItemLists(dataset, split.test);
  const userCount = dataset.userIds.length;
  const offsets = new Int32Array(userCount + 1);
  const kept: number[] = [];
  const users: number[] = [];
  let usersSkipped = 0;
  for (let u = 0; u < userCount; u++) {
    const known = new Set(itemsOf(masked, u));
    for (const item of itemsOf(testPositives, u)) if (!known.has(item)) kept.push(item);
    offsets[u + 1] = kept.length;
    if (offsets[u + 1]! > offsets[u]!) users.push(u);
    else if (itemsOf(testRows, u).length > 0) usersSkipped++;
  }
  return { users: Int32Array.from(users), masked, relevant: { offsets, items: Int32Array.from(kept) }, usersSkipped };
}

/**
 * Full-ranking Recall@K, NDCG@K and catalogue coverage@K of one scorer over every item of the
 * catalogue (no sampled negatives), batched over users through scorer.scoreUsers.
 */
export async function evaluateRetrieval(
  dataset: InteractionDataset,
  testSet: RetrievalTestSet,
  scorer: RetrievalScorer,
  options: RetrievalEvaluationOptions = {},
): Promise<RetrievalEvaluation> {
  const started = performance.now();
  const ks = [...(options.ks ?? DEFAULT_RETRIEVAL_KS)].sort((a, b) => a - b);
  const maxK = ks[ks.length - 1] ?? 0;
  const itemCount = dataset.itemIds.length;
  const batchSize = options.batchSize ?? Math.max(1, Math.min(1024, Math.floor(16_777_216 / Math.max(1, itemCount))));
  const sums = new Map<string, number>(ks.flatMap((k) => [[`recall@${k}`, 0], [`ndcg@${k}`, 0]] as [string, number][]));
  const recommended = ks.map(() => new Uint8Array(itemCount));
  const { users } = testSet;
  let maskedTotal = 0;

  for (let start = 0; start < users.length; start += batchSize) {
    const batch = users.subarray(start, Math.min(users.length, start + batchSize));
    const scores = await scorer.scoreUsers(batch);
    if (scores.length !== batch.length * itemCount) {
      throw new Error(`${scorer.name}.scoreUsers returned ${scores.length} scores for ${batch.length} users × ${itemCount} items`);
    }
    for (let b = 0; b < batch.length; b++) {
      const u = batch[b]!;
      const masked = itemsOf(testSet.masked, u);
      maskedTotal += masked.length;
      const ranked = topK(scores.subarray(b * itemCount, (b + 1) * itemCount), maxK, masked);
      const relevant = new Set(itemsOf(testSet.relevant, u));
      for (const [j, k] of ks.entries()) {
        sums.set(`recall@${k}`, sums.get(`recall@${k}`)! + rankedRecallAtK(ranked, relevant, k));
        sums.set(`ndcg@${k}`, sums.get(`ndcg@${k}`)! + rankedNdcgAtK(ranked, relevant, k));
        for (let r = 0; r < Math.min(k, ranked.length); r++) recommended[j]![ranked[r]!] = 1;
      }
    }
    options.onProgress?.(start + batch.length, users.length);
  }

  const n = users.length;
  const metrics: Record<string, number> = {};
  for (const [j, k] of ks.entries()) {
    metrics[`recall@${k}`] = n > 0 ? sums.get(`recall@${k}`)! / n : Number.NaN;
    metrics[`ndcg@${k}`] = n > 0 ? sums.get(`ndcg@${k}`)! / n : Number.NaN;
    metrics[`coverage@${k}`] = itemCount > 0 ? recommended[j]!.reduce((a, b) => a + b, 0) / itemCount : 0;
  }
  return {
    scorer: scorer.name,
    ks,
    metrics,
    usersEvaluated: n,
    usersSkipped: testSet.usersSkipped,
    itemCount,
    relevantPairs: testSet.relevant.items.length,
    meanMaskedPerUser: n > 0 ? maskedTotal / n : 0,
    seconds: (performance.now() - started) / 1000,
  };
}
