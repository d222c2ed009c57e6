import { InteractionDatasetBuilder } from '../data/dataset-builder';
import type { InteractionDataset, InteractionSplit } from '../data/interaction-dataset';
import { evaluateRetrieval, retrievalTestSet } from './retrieval-evaluator';
import type { RetrievalScorer } from './retrieval-scorer';

/**
 * 3 users × 5 items (a…e).
 *   u0: train a+, b−; test c+, d−      → relevant {c}, masked {a, b}
 *   u1: train c+;    valid d+; test e+, d+ (d also in valid) → relevant {e}, masked {c, d}
 *   u2: train a+;    test b− only      → skipped (no positive)
 */
function fixture(): { dataset: InteractionDataset; split: InteractionSplit } {
  const builder = new InteractionDatasetBuilder();
  for (const id of ['a', 'b', 'c', 'd', 'e']) builder.addItem(id);
  const rows = (list: [string, string, number][]) => Int32Array.from(list.map(([user, item, label]) => builder.add({ user, item, label })));
  const train = rows([['u0', 'a', 1], ['u0', 'b', 0], ['u1', 'c', 1], ['u2', 'a', 1]]);
  const valid = rows([['u1', 'd', 1]]);
  const test = rows([['u0', 'c', 1], ['u0', 'd', 0], ['u1', 'e', 1], ['u1', 'd', 1], ['u2', 'b', 0]]);
  return { dataset: builder.build('tiny', 'memory'), split: { train, valid, test, protocol: 'hand-made' } };
}

/** Fixed score rows per user, recording the batches it was asked for. */
function fixedScorer(rows: number[][]): RetrievalScorer & { batches: number[][] } {
  const batches: number[][] = [];
  return {
    name: 'fixed',
    batches,
    scoreUsers(users) {
      batches.push(Array.from(users));
      return Float32Array.from(Array.from(users).flatMap((u) => rows[u]!));
    },
  };
}

describe('retrievalTestSet', () => {
  it('makes test positives relevant, masks train and valid items, skips users with nothing relevant', () => {
    const { dataset, split } = fixture();
    const testSet = retrievalTestSet(dataset, split);
    expect(Array.from(testSet.users)).toEqual([0, 1]);
    expect(Array.from(testSet.relevant.items)).toEqual([2, 4]);
    expect(testSet.usersSkipped).toBe(1);
  });
});

describe('evaluateRetrieval', () => {
  it('computes Recall@K, NDCG@K and coverage by hand on a tiny case, masking known items', async () => {
    const { dataset, split } = fixture();
    // u0 scores a (masked) highest, then c, so c ranks first among the unmasked.
    // u1 scores c and d (both masked) highest, then b, a, e: e ranks third among unmasked.
    const scorer = fixedScorer([
      [9, 8, 7, 1, 0],
      [2, 3, 9, 9, 1],
      [0, 0, 0, 0, 0],
    ]);
    const result = await evaluateRetrieval(dataset, retrievalTestSet(dataset, split), scorer, { ks: [1, 3] });
    expect(result.usersEvaluated).toBe(2);
    expect(result.usersSkipped).toBe(1);
    expect(result.relevantPairs).toBe(2);
    expect(result.meanMaskedPerUser).toBe(2);
    expect(result.metrics['recall@1']).toBeCloseTo((1 + 0) / 2);
    expect(result.metrics['ndcg@1']).toBeCloseTo((1 + 0) / 2);
    expect(result.metrics['recall@3']).toBeCloseTo((1 + 1) / 2);
    expect(result.metrics['ndcg@3']).toBeCloseTo((1 + 1 / Math.log2(4)) / 2);
    // top-1: c (u0), b (u1) → 2 of 5 items; top-3: u0 {c, d, e}, u1 {b, a, e} → all 5.
    expect(result.metrics['coverage@1']).toBeCloseTo(2 / 5);
    expect(result.metrics['coverage@3']).toBeCloseTo(1);
  });

  it('asks the scorer in batches of the given size, covering every evaluated user once', async () => {
    const { dataset, split } = fixture();
    const scorer = fixedScorer([[1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]]);
    const progress: number[] = [];
    await evaluateRetrieval(dataset, retrievalTestSet(dataset, split), scorer, { batchSize: 1, onProgress: (done) => progress.push(done) });
    expect(scorer.batches).toEqual([[0], [1]]);
    expect(progress).toEqual([1, 2]);
  });

  it('rejects a scorer that returns the wrong number of scores', async () => {
    const { dataset, split } = fixture();
    const broken: RetrievalScorer = { name: 'broken', scoreUsers: (users) => new Float32Array(users.length * 4) };
    await expect(evaluateRetrieval(dataset, retrievalTestSet(dataset, split), broken)).rejects.toThrow('broken.scoreUsers returned');
  });
});
