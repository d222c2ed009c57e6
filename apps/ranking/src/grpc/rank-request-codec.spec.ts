import { Candidate, RankRequest, Source, Surface } from '@cascade/contracts';
import { ValidationError } from '@cascade/service-kit';
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { status } from '@grpc/grpc-js';
import { validateRankRequest } from './rank-handler';
import { decodeRankRequest } from './rank-request-codec';

const candidates = ['a', 'café-b', '日本-c'].map((itemId, i) =>
  Candidate.fromPartial({
    itemId,
    creatorId: i === 1 ? '' : `creator-${i}`,
    categories: ['dance', 'music'],
    createdAtMs: 1_790_000_000_000 + i,
    durationMs: 15_000,
    language: 'pt',
    country: 'BR',
    sources: [{ source: Source.SOURCE_TRENDING, score: 0.5, rank: i }],
    retrievalScore: i === 2 ? -0.125 : 1 / (i + 3),
    taskScores: { like: 0.25 },
  }),
);
const request = RankRequest.fromPartial({ userId: 'u1', surface: Surface.SURFACE_SPOTLIGHT, context: { country: 'BR', sessionId: 's1' }, candidates, requestId: 'r1', modelVersion: 'v2' });
const encoded = (message: RankRequest) => Buffer.from(RankRequest.encode(message).finish());
const scoredFields = (c: Candidate) => Candidate.fromPartial({ itemId: c.itemId, creatorId: c.creatorId, retrievalScore: c.retrievalScore });

describe('decodeRankRequest', () => {
  it('decodes a request without scores_only exactly as the generated decoder does', () => {
    expect(decodeRankRequest(encoded(request))).toEqual(RankRequest.decode(encoded(request)));
  });

  it('reads only item_id, creator_id and retrieval_score of a scores_only request’s candidates, and every other field whole', () => {
    const flagged = { ...request, scoresOnly: true };
    expect(decodeRankRequest(encoded(flagged))).toEqual({ ...RankRequest.decode(encoded(flagged)), candidates: candidates.map(scoredFields) });
  });

  it('reads a flag that precedes the candidates, later values winning and unknown fields skipped, as the generated decoder does', () => {
    const candidate = new BinaryWriter().uint32(10).string('first').uint32(10).string('x').uint32((40 << 3) | 2).string('future').uint32(73).double(0.5).uint32(18).string('c').finish();
    const bytes = Buffer.from(
      new BinaryWriter().uint32(10).string('u1').uint32(56).bool(false).uint32(56).bool(true).uint32(34).bytes(candidate).uint32((41 << 3) | 0).uint64(7).uint32(42).string('r2').finish(),
    );
    const generated = RankRequest.decode(bytes);
    expect(generated.scoresOnly).toBe(true);
    expect(decodeRankRequest(bytes)).toEqual({ ...generated, candidates: generated.candidates.map(scoredFields) });
    expect(decodeRankRequest(bytes).candidates).toEqual([Candidate.fromPartial({ itemId: 'x', creatorId: 'c', retrievalScore: 0.5 })]);
  });

  it('keeps validation: a scores_only candidate without item_id is INVALID_ARGUMENT naming the field', () => {
    const flagged = { ...request, scoresOnly: true, candidates: [candidates[0]!, { ...candidates[1]!, itemId: '' }] };
    const decoded = decodeRankRequest(encoded(flagged));
    let error: unknown;
    try {
      validateRankRequest(decoded, { maxCandidates: 10 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'candidates[1].item_id', code: status.INVALID_ARGUMENT });
    expect(() => validateRankRequest(decodeRankRequest(encoded({ ...request, scoresOnly: true })), { maxCandidates: 2 })).toThrow('candidates');
  });

  it('leaves malformed input to the generated decoder, which rejects it', () => {
    const truncated = encoded({ ...request, scoresOnly: true }).subarray(0, 60);
    expect(() => RankRequest.decode(truncated)).toThrow();
    expect(() => decodeRankRequest(truncated)).toThrow();
  });
});
