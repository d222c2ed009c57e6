import { Rng } from '@cascade/world';
import { topEntries } from './top-entries';

/** The reference: every positive entry, stably sorted by value descending, cut to `count`. */
function reference(scores: ReadonlyMap<string, number>, count: number): [string, number][] {
  return [...scores]
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
}

describe('topEntries', () => {
  it('equals a stable full sort cut to count, ties in insertion order, on random maps', () => {
    const rng = new Rng(5);
    for (let trial = 0; trial < 300; trial++) {
      const scores = new Map<string, number>();
      const size = Math.floor(rng.next() * 400);
      // Few distinct values, so that ties are common; some zero and negative.
      const levels = 1 + Math.floor(rng.next() * 20);
      for (let i = 0; i < size; i++) scores.set(`id${i}`, Math.floor(rng.next() * levels) - 2 + (rng.next() < 0.3 ? rng.next() : 0));
      for (const count of [0, 1, 7, 50, 1000]) expect(topEntries(scores, count)).toEqual(reference(scores, count));
    }
  });

  it('keeps positive values only', () => {
    const scores = new Map([['a', -1], ['b', 0], ['c', 2], ['d', Number.NaN], ['e', 1]]);
    expect(topEntries(scores, 10)).toEqual([['c', 2], ['e', 1]]);
  });
});
