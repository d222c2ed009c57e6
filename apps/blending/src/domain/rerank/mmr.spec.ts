import { MmrCandidate, MmrOptions, selectByMmr } from './mmr';
import { randomFrom } from './seeded-random';
import { itemSimilarity } from './similarity';

/** MMR as defined: every open candidate scored at every position, ties to the lower index. */
function referenceMmr(candidates: readonly MmrCandidate[], options: MmrOptions): { order: number[]; cappedOut: number } {
  const values = candidates.map((c) => c.value);
  const min = Math.min(...values);
  const span = Math.max(...values) - min || 1;
  const open = new Set(candidates.keys());
  const order: number[] = [];
  let cappedOut = 0;
  while (order.length < options.limit && open.size > 0) {
    let best = -1;
    let bestScore = -Infinity;
    for (const i of open) {
      const similarity = Math.max(0, ...order.map((p) => itemSimilarity(candidates[i]!, candidates[p]!)));
      const score = (1 - options.diversity) * ((candidates[i]!.value - min) / span) - options.diversity * similarity;
      if (score > bestScore) [best, bestScore] = [i, score];
    }
    open.delete(best);
    order.push(best);
    const creatorId = candidates[best]!.creatorId;
    if (creatorId && order.filter((p) => candidates[p]!.creatorId === creatorId).length >= options.creatorCap) {
      for (const i of open) {
        if (candidates[i]!.creatorId === creatorId) {
          open.delete(i);
          cappedOut++;
        }
      }
    }
  }
  return { order, cappedOut };
}

function randomCandidates(seed: string, n: number): MmrCandidate[] {
  const random = randomFrom(seed);
  // Coarse values make ties common, so the tie-break is exercised too.
  const coarse = random() < 0.5;
  return Array.from({ length: n }, () => ({
    creatorId: random() < 0.05 ? '' : `creator-${Math.floor(random() ** 2 * n * 0.3)}`,
    categories: Array.from({ length: Math.floor(random() * 4) }, () => `cat-${Math.floor(random() * 12)}`),
    value: coarse ? Math.round(random() * 5) : random() * 3 - 1,
  }));
}

describe('selectByMmr', () => {
  it('picks exactly what scoring every candidate at every position picks', () => {
    for (let trial = 0; trial < 300; trial++) {
      const random = randomFrom(`options-${trial}`);
      const candidates = randomCandidates(`candidates-${trial}`, 1 + Math.floor(random() * 120));
      const options = { limit: 1 + Math.floor(random() * 30), diversity: [0, 0.1, 0.3, 0.5, 0.9, 1][trial % 6]!, creatorCap: 1 + Math.floor(random() * 3) };
      expect(selectByMmr(candidates, options)).toEqual(referenceMmr(candidates, options));
    }
  });

  it('never picks a candidate whose value is not a number', () => {
    const candidates = [
      { creatorId: 'a', categories: [], value: Number.NaN },
      { creatorId: 'b', categories: [], value: 1 },
      { creatorId: 'c', categories: [], value: 2 },
    ];
    expect(selectByMmr(candidates, { limit: 3, diversity: 0.3, creatorCap: 2 }).order).toEqual([2, 1]);
  });
});
