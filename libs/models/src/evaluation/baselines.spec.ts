import { InteractionDatasetBuilder } from '../data/dataset-builder';
import { ItemKnnScorer, itemNeighbours, truncateNeighbours } from './item-knn-scorer';
import { PopularityScorer } from './popularity-scorer';
import { userItemLists } from '../data/user-item-lists';

/**
 * Train positives (items a, b, c, d):
 *   u0: a b      u1: a b c      u2: c d      u3: a (negative b)
 * |U(a)| = 3, |U(b)| = 2, |U(c)| = 2, |U(d)| = 1
 * co(a,b) = 2, co(a,c) = 1, co(b,c) = 1, co(c,d) = 1
 */
function fixture() {
  const builder = new InteractionDatasetBuilder();
  for (const id of ['a', 'b', 'c', 'd']) builder.addItem(id);
  const pairs: [string, string, number][] = [
    ['u0', 'a', 1], ['u0', 'b', 1], ['u1', 'a', 1], ['u1', 'b', 1], ['u1', 'c', 1], ['u2', 'c', 1], ['u2', 'd', 1], ['u3', 'a', 1], ['u3', 'b', 0],
  ];
  const rows = Int32Array.from(pairs.map(([user, item, label]) => builder.add({ user, item, label })));
  return { dataset: builder.build('tiny', 'memory'), rows };
}

describe('PopularityScorer', () => {
  it('scores every user with the count of positive training rows per item', () => {
    const { dataset, rows } = fixture();
    const scores = new PopularityScorer(dataset, rows).scoreUsers(Int32Array.from([0, 3]));
    expect(Array.from(scores)).toEqual([3, 2, 2, 1, 3, 2, 2, 1]);
  });

  it('counts only the rows it is given', () => {
    const { dataset, rows } = fixture();
    expect(Array.from(new PopularityScorer(dataset, rows.subarray(0, 2)).scoreUsers(Int32Array.from([0])))).toEqual([1, 1, 0, 0]);
  });
});

describe('item-kNN', () => {
  it('computes cosine similarities over co-occurring positives, most similar first', () => {
    const { dataset, rows } = fixture();
    const neighbours = itemNeighbours(userItemLists(dataset, rows, { positivesOnly: true }), 4, 10);
    const of = (i: number) =>
      Array.from(neighbours.items.subarray(neighbours.offsets[i]!, neighbours.offsets[i + 1]!), (j, n) => [j, neighbours.similarities[neighbours.offsets[i]! + n]!]);
    const close = (pairs: number[][]) => pairs.map(([j, s]) => [j, Number(s!.toFixed(6))]);
    expect(close(of(0))).toEqual(close([[1, 2 / Math.sqrt(6)], [2, 1 / Math.sqrt(6)]]));
    expect(close(of(3))).toEqual(close([[2, 1 / Math.sqrt(2)]]));
  });

  it('keeps only the top-N neighbours and damps them with shrinkage', () => {
    const { dataset, rows } = fixture();
    const lists = userItemLists(dataset, rows, { positivesOnly: true });
    const top1 = itemNeighbours(lists, 4, 1);
    expect(Array.from(top1.offsets)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(top1.items)).toEqual([1, 0, 3, 2]);
    expect(truncateNeighbours(itemNeighbours(lists, 4, 10), 1)).toEqual(top1);
    const shrunk = itemNeighbours(lists, 4, 1, 10);
    expect(shrunk.similarities[0]).toBeCloseTo(2 / (Math.sqrt(6) + 10));
  });

  it('scores an item by the summed similarity to the user’s training positives', () => {
    const { dataset, rows } = fixture();
    const scores = new ItemKnnScorer(dataset, rows).scoreUsers(Int32Array.from([2]));
    // u2 liked c and d: a ← sim(c,a); b ← sim(c,b); c ← sim(d,c); d ← sim(c,d)
    const expected = [1 / Math.sqrt(6), 1 / Math.sqrt(4), 1 / Math.sqrt(2), 1 / Math.sqrt(2)];
    Array.from(scores).forEach((s, i) => expect(s).toBeCloseTo(expected[i]!));
    const lists = userItemLists(dataset, rows, { positivesOnly: true });
    const nearestOnly = new ItemKnnScorer(dataset, rows, { precomputed: itemNeighbours(lists, 4, 1) }).scoreUsers(Int32Array.from([2]));
    // only c → d and d → c survive for u2's items
    expect(Array.from(nearestOnly, (s) => Number(s.toFixed(6)))).toEqual([0, 0, 1 / Math.sqrt(2), 1 / Math.sqrt(2)].map((s) => Number(s.toFixed(6))));
  });
});
