import { Candidate, encodeFloat64Matrix, RankResponse, Source } from '@cascade/contracts';
import { rankedCandidatesOf } from './ranked-candidates';

const sent: Candidate[] = ['a', 'b', 'c'].map((itemId, i) =>
  Candidate.fromPartial({ itemId, creatorId: `c-${itemId}`, categories: ['dance'], sources: [{ source: Source.SOURCE_TRENDING, score: 1 - i }], retrievalScore: 1 - i, createdAtMs: 1_790_000_000_000 }),
);
const taskNames = ['complete', 'like', 'watch_ratio'];
const scores = Float64Array.from([0.1, 0.2, 1.5, 1 / 3, 0.7 * Math.exp(0.25), 0, 0.9, Number.MIN_VALUE, 2]);

describe('rankedCandidatesOf', () => {
  it('gives each sent candidate, in order, its row of a scores-only answer, in a copy', () => {
    const before = structuredClone(sent);
    const ranked = rankedCandidatesOf(sent, RankResponse.fromPartial({ taskNames, taskScoreMatrix: encodeFloat64Matrix(scores) }));
    expect(ranked).toEqual(sent.map((c, i) => ({ ...c, taskScores: { complete: scores[i * 3], like: scores[i * 3 + 1], watch_ratio: scores[i * 3 + 2] } })));
    expect(ranked.map((c) => Object.keys(c.taskScores))).toEqual([taskNames, taskNames, taskNames]);
    // The sent objects (which may be the shared popular list) are left as they were.
    ranked.forEach((c, i) => expect(c).not.toBe(sent[i]));
    expect(sent).toEqual(before);
  });

  it('takes an answer that echoes candidates (a ranking without scores_only) as it comes', () => {
    const echoed = sent.map((c) => ({ ...c, taskScores: { like: 0.5 } }));
    const response = RankResponse.fromPartial({ candidates: echoed });
    expect(rankedCandidatesOf(sent, response)).toBe(response.candidates);
    // Echoed candidates win over a matrix, should an answer carry both.
    const both = RankResponse.fromPartial({ candidates: echoed, taskNames, taskScoreMatrix: encodeFloat64Matrix(scores) });
    expect(rankedCandidatesOf(sent, both)).toBe(both.candidates);
  });

  it('refuses a matrix without one row per sent candidate', () => {
    const short = RankResponse.fromPartial({ taskNames, taskScoreMatrix: encodeFloat64Matrix(scores.subarray(0, 6)) });
    expect(() => rankedCandidatesOf(sent, short)).toThrow('rank answer has 6 task scores for 3 candidates × 3 tasks');
  });
});
