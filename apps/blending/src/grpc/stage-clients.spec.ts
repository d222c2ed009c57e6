import { Candidate, RankingServiceService, RankRequest, RankResponse, RetrievalServiceService, RetrieveRequest, RetrieveResponse, Source } from '@cascade/contracts';
import { createClient } from '@cascade/service-kit';
import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { RankingStageClient, RetrievalStageClient } from './stage-clients';
import { DecodedCandidate } from './wire/candidate-wire';

const candidates = ['a', 'b', 'c'].map((itemId, i) =>
  Candidate.fromPartial({ itemId, creatorId: `creator-${itemId}`, categories: ['dance', 'café'], createdAtMs: 1_790_000_000_000 + i, sources: [{ source: Source.SOURCE_TRENDING, score: 1 - i / 10 }], retrievalScore: 1 - i / 10 }),
);
const retrieveResponse = RetrieveResponse.fromPartial({ candidates, modelVersions: { 'two-tower': 'v1' }, funnel: [{ stage: 'ann', countOut: 3 }] });

describe('stage clients', () => {
  const server = new Server();
  const rankRequests: RankRequest[] = [];
  let address = '';

  beforeAll(async () => {
    server.addService(RetrievalServiceService, {
      retrieve: (_call: ServerUnaryCall<RetrieveRequest, RetrieveResponse>, callback: sendUnaryData<RetrieveResponse>) => callback(null, retrieveResponse),
    });
    server.addService(RankingServiceService, {
      rank: (call: ServerUnaryCall<RankRequest, RankResponse>, callback: sendUnaryData<RankResponse>) => {
        rankRequests.push(call.request);
        callback(null, RankResponse.fromPartial({ candidates: call.request.candidates.map((c) => ({ ...c, taskScores: { like: 0.5 } })), modelVersion: 'r1' }));
      },
    });
    const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
    address = `127.0.0.1:${port}`;
  });

  afterAll(() => server.forceShutdown());

  it('retrieve, then rank what was retrieved: the same messages as the generated clients exchange', async () => {
    const retrieval = createClient(RetrievalStageClient, address, { defaultTimeoutMs: 5_000 });
    const ranking = createClient(RankingStageClient, address, { defaultTimeoutMs: 5_000 });
    try {
      const retrieved = await retrieval.retrieve(RetrieveRequest.fromPartial({ userId: 'u1', k: 3 }));
      expect(retrieved).toEqual(retrieveResponse);
      // Decoded by hand, so that ranking gets the bytes forwarded.
      expect(retrieved.candidates[0]).toBeInstanceOf(DecodedCandidate);
      const request: RankRequest = { ...RankRequest.fromPartial({ userId: 'u1', requestId: 'r1' }), candidates: retrieved.candidates.slice(1) };
      const ranked = await ranking.rank(request);
      expect(rankRequests).toEqual([{ ...request, candidates: candidates.slice(1) }]);
      expect(ranked).toEqual(RankResponse.fromPartial({ candidates: candidates.slice(1).map((c) => ({ ...c, taskScores: { like: 0.5 } })), modelVersion: 'r1' }));
    } finally {
      retrieval.close();
      ranking.close();
    }
  });
});
