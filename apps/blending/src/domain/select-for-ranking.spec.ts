import { Candidate, Source } from '@cascade/contracts';
import { selectForRanking } from './select-for-ranking';

const candidate = (itemId: string, ...sources: Source[]) =>
  Candidate.fromPartial({ itemId, sources: sources.map((source, rank) => ({ source, rank, score: 1 })), retrievalScore: 1 });

describe('selectForRanking', () => {
  const { SOURCE_TWO_TOWER: twoTower, SOURCE_TRENDING: trending, SOURCE_FRESH: fresh } = Source;

  it('keeps everything, in order, when there are no more than k', () => {
    const all = [candidate('a', twoTower), candidate('b', fresh)];
    expect(selectForRanking(all, 2, 1).map((c) => c.itemId)).toEqual(['a', 'b']);
  });

  it('keeps the best k by fused order, each source keeping its own best few, in retrieval order', () => {
    const all = [
      candidate('t1', twoTower),
      candidate('t2', twoTower, trending),
      candidate('t3', twoTower),
      candidate('t4', twoTower),
      candidate('r1', trending),
      candidate('f1', fresh),
      candidate('f2', fresh),
    ];
    // Floors: two-tower t1, trending t2 (its best), fresh f1; then the best remaining: t2 is kept, t3.
    expect(selectForRanking(all, 4, 1).map((c) => c.itemId)).toEqual(['t1', 't2', 't3', 'f1']);
    // Without floors, plain truncation.
    expect(selectForRanking(all, 4, 0).map((c) => c.itemId)).toEqual(['t1', 't2', 't3', 't4']);
  });

  it('never keeps more than k, even when the floors alone would exceed it', () => {
    const all = [candidate('a', twoTower), candidate('b', trending), candidate('c', fresh), candidate('d', twoTower)];
    expect(selectForRanking(all, 2, 5).map((c) => c.itemId)).toEqual(['a', 'b']);
  });

  it('gives a source value it does not know its own floor too', () => {
    const unknown = 1000 as Source;
    const all = [candidate('a', twoTower), candidate('b', twoTower), candidate('u1', unknown), candidate('u2', unknown)];
    expect(selectForRanking(all, 2, 1).map((c) => c.itemId)).toEqual(['a', 'u1']);
  });
});
