import { RankingServiceClient, RankingServiceService, RetrievalServiceClient, RetrievalServiceService, serviceNames } from '@cascade/contracts';
import { makeGenericClientConstructor } from '@grpc/grpc-js';
import { decodeRankResponse, decodeRetrieveResponse, encodeRankRequest } from './wire/stage-codecs';

/** The retrieval client, decoding Retrieve's candidates with the hand-written reader. */
export const RetrievalStageClient = makeGenericClientConstructor(
  { ...RetrievalServiceService, retrieve: { ...RetrievalServiceService.retrieve, responseDeserialize: decodeRetrieveResponse } },
  serviceNames.retrieval,
) as unknown as typeof RetrievalServiceClient;

/** The ranking client, forwarding retrieval's candidate bytes and decoding Rank's candidates by hand. */
export const RankingStageClient = makeGenericClientConstructor(
  { ...RankingServiceService, rank: { ...RankingServiceService.rank, requestSerialize: encodeRankRequest, responseDeserialize: decodeRankResponse } },
  serviceNames.ranking,
) as unknown as typeof RankingServiceClient;
