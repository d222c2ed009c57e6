import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { Candidate, RankRequest, RankResponse, RetrieveResponse, Source } from '@cascade/contracts';
import { randomFrom } from '../../domain/rerank/seeded-random';
import { decodeRankResponse, decodeRetrieveResponse, encodeRankRequest } from './stage-codecs';

const words = ['en', 'US', 'cat-7', 'café', '日本語', 'x'.repeat(80), '', 'item-0042', 'creator-9'];

function randomCandidate(random: () => number, i: number): Candidate {
  const pick = () => words[Math.floor(random() * words.length)]!;
  return Candidate.fromPartial({
    itemId: `item-${i}-${pick()}`,
    creatorId: random() < 0.1 ? '' : pick(),
    categories: Array.from({ length: Math.floor(random() * 4) }, pick),
    createdAtMs: random() < 0.1 ? -Math.floor(random() * 1e12) : Math.floor(random() * 2e12),
    durationMs: Math.floor(random() * 2 ** 40),
    language: pick(),
    country: pick(),
    sources: Array.from({ length: Math.floor(random() * 3) }, () => ({ source: Math.floor(random() * 7) as Source, score: random() - 0.5, rank: Math.floor(random() * 2000) - 5 })),
    retrievalScore: random(),
    taskScores: random() < 0.3 ? {} : { like: random(), [pick()]: -random(), watch_ratio: random() * 2 },
    score: random() < 0.5 ? 0 : random(),
    position: Math.floor(random() * 100) - 3,
    explanation: random() < 0.5 ? '' : pick(),
    propensity: random(),
  });
}

const candidatesFor = (seed: string, n: number) => {
  const random = randomFrom(seed);
  return Array.from({ length: n }, (_, i) => randomCandidate(random, i));
};

const rankRequestOf = (candidates: Candidate[]): RankRequest => ({ ...RankRequest.fromPartial({ userId: 'u' }), candidates });
const bytes = (writer: BinaryWriter | Uint8Array) => Buffer.from(writer instanceof BinaryWriter ? writer.finish() : writer);

describe('stage codecs', () => {
  it('decodes Retrieve answers exactly as the generated decoder does', () => {
    for (let trial = 0; trial < 20; trial++) {
      const response = RetrieveResponse.fromPartial({
        candidates: candidatesFor(`retrieve-${trial}`, trial * 7),
        degraded: trial % 2 === 0,
        degradedSources: ['trending'],
        sources: [{ source: Source.SOURCE_FRESH, quota: 5, returned: 4, durationMs: 1.5, failed: false, error: '' }],
        removedByFilter: { seen: trial },
        modelVersions: { 'two-tower': `v${trial}` },
        funnel: [{ stage: 'ann', countIn: 10, countOut: 5, durationMs: 2 }],
      });
      const encoded = bytes(RetrieveResponse.encode(response));
      expect(decodeRetrieveResponse(encoded)).toEqual(RetrieveResponse.decode(encoded));
    }
  });

  it('decodes Rank answers exactly, the feature matrix included', () => {
    const response = RankResponse.fromPartial({
      candidates: candidatesFor('rank', 60),
      modelVersion: 'm3',
      degraded: true,
      degradedReason: 'slow',
      featureNames: ['a', 'b'],
      backend: 'wasm',
      featureMatrix: Buffer.from(Uint8Array.from({ length: 60 * 8 }, (_, i) => i % 251)),
    });
    const encoded = bytes(RankResponse.encode(response));
    expect(decodeRankResponse(encoded)).toEqual(RankResponse.decode(encoded));
  });

  it('decodes scores-only Rank answers exactly, and still reads echoed candidates (a ranking without scores_only)', () => {
    const scoresOnly = RankResponse.fromPartial({
      modelVersion: 'm4',
      featureNames: ['a'],
      featureMatrix: Buffer.from([0, 0, 128, 63]),
      backend: 'tensorflow',
      taskNames: ['complete', 'like'],
      taskScoreMatrix: Buffer.from(Float64Array.from([0.1, 0.2, 1 / 3, 0.4]).buffer),
    });
    const encoded = bytes(RankResponse.encode(scoresOnly));
    expect(decodeRankResponse(encoded)).toEqual(RankResponse.decode(encoded));
    expect(decodeRankResponse(encoded)).toEqual(scoresOnly);
    const echoed = RankResponse.fromPartial({ candidates: candidatesFor('echoed', 20), modelVersion: 'm3' });
    const echoedBytes = bytes(RankResponse.encode(echoed));
    expect(decodeRankResponse(echoedBytes)).toEqual(RankResponse.decode(echoedBytes));
    expect(decodeRankResponse(echoedBytes).candidates).toHaveLength(20);
  });

  it('reads fields in any order, repeated scalars last-wins, and skips unknown fields as the generated decoder does', () => {
    const candidate = new BinaryWriter()
      .uint32((20 << 3) | 2).string('unknown')
      .uint32(10).string('first').uint32(10).string('second')
      .uint32(82).fork().uint32(10).string('like').uint32(17).double(0.25).join()
      .uint32((21 << 3) | 0).uint64(12345n)
      .uint32((22 << 3) | 5).fixed32(7)
      .uint32(32).int64(-5n)
      .uint32(26).string('a').uint32(26).string('b')
      .finish();
    const message = new BinaryWriter().uint32(16).bool(true).uint32(10).bytes(candidate).uint32(50).fork().uint32(10).string('k').uint32(18).string('v').join().uint32(10).bytes(candidate).finish();
    const encoded = bytes(message);
    const decoded = decodeRetrieveResponse(encoded);
    expect(decoded).toEqual(RetrieveResponse.decode(encoded));
    expect(decoded.candidates[0]).toMatchObject({ itemId: 'second', createdAtMs: -5, categories: ['a', 'b'], taskScores: { like: 0.25 } });
  });

  it('builds task scores of changing names, orders and repeats as the generated decoder does', () => {
    const entry = (writer: BinaryWriter, key: string, value: number) => writer.uint32(82).fork().uint32(10).string(key).uint32(17).double(value).join();
    const shapes = [['like', 'hide'], ['like', 'hide'], ['hide', 'like'], ['like', 'like', 'hide'], [], ['7', 'like'], ['like', 'hide']];
    const message = new BinaryWriter();
    shapes.forEach((keys, i) => {
      const candidate = new BinaryWriter().uint32(10).string(`item-${i}`);
      keys.forEach((key, k) => entry(candidate, key, i + k / 10));
      message.uint32(10).bytes(candidate.finish());
    });
    const encoded = bytes(message);
    const decoded = decodeRankResponse(encoded);
    const generated = RankResponse.decode(encoded);
    expect(decoded).toEqual(generated);
    expect(decoded.candidates.map((c) => Object.entries(c.taskScores))).toEqual(generated.candidates.map((c) => Object.entries(c.taskScores)));
    expect(decoded.candidates[3]!.taskScores).toEqual({ like: 3.1, hide: 3.2 });
  });

  it('fails on malformed or out-of-range input as the generated decoder does', () => {
    const encoded = bytes(RetrieveResponse.encode(RetrieveResponse.fromPartial({ candidates: candidatesFor('bad', 3) })));
    const truncated = encoded.subarray(0, encoded.length - 3);
    expect(() => decodeRetrieveResponse(truncated)).toThrow();
    expect(() => RetrieveResponse.decode(truncated)).toThrow();
    const tooLarge = bytes(new BinaryWriter().uint32(10).fork().uint32(32).int64(2n ** 60n).join());
    expect(() => decodeRetrieveResponse(tooLarge)).toThrow('Value is larger than Number.MAX_SAFE_INTEGER');
  });

  it('encodes a Rank request byte for byte as the generated encoder does, forwarding decoded candidates', () => {
    const retrieved = decodeRetrieveResponse(bytes(RetrieveResponse.encode(RetrieveResponse.fromPartial({ candidates: candidatesFor('forward', 40) }))));
    const request = RankRequest.fromPartial({ userId: 'u1', surface: 1, context: { country: 'DE', locale: 'de-DE' }, requestId: 'r1', modelVersion: 'v2' });
    request.candidates = [...retrieved.candidates.slice(5, 30), ...candidatesFor('plain', 5)];
    expect(encodeRankRequest(request)).toEqual(Buffer.from(RankRequest.encode(request).finish()));
    const scoresOnly = { ...request, scoresOnly: true };
    expect(encodeRankRequest(scoresOnly)).toEqual(Buffer.from(RankRequest.encode(scoresOnly).finish()));
    expect(RankRequest.decode(encodeRankRequest(scoresOnly)).scoresOnly).toBe(true);
  });

  it('encodes a changed copy of a decoded candidate afresh, not from the bytes it came from', () => {
    const [decoded] = decodeRetrieveResponse(bytes(RetrieveResponse.encode(RetrieveResponse.fromPartial({ candidates: candidatesFor('copy', 1) })))).candidates;
    const changed = { ...decoded!, itemId: 'changed', taskScores: { like: 0.5 } };
    const sent = RankRequest.decode(encodeRankRequest(rankRequestOf([changed])));
    expect(sent.candidates[0]).toEqual(changed);
  });

  it('forwards fields it does not know, as received', () => {
    const candidate = new BinaryWriter().uint32(10).string('a').uint32((30 << 3) | 2).string('future field').finish();
    const [decoded] = decodeRetrieveResponse(bytes(new BinaryWriter().uint32(10).bytes(candidate))).candidates;
    const forwarded = encodeRankRequest(rankRequestOf([decoded!]));
    expect(Buffer.compare(forwarded.subarray(forwarded.length - candidate.length), Buffer.from(candidate))).toBe(0);
  });
});
