import { RetrievalServiceService, RetrieveResponse } from '@cascade/contracts';
import type { ServiceHooks, SetupContext } from '@cascade/service-kit';
import type { RetrievalConfig } from './config';
import { retrieveHandler } from './grpc/retrieve-handler';

/** Wires the retrieval service. Candidate sources are registered here as they are built. */
export function setupRetrievalService({ config, server }: SetupContext<RetrievalConfig>): ServiceHooks {
  server.addService(RetrievalServiceService, {
    retrieve: retrieveHandler(async () => RetrieveResponse.fromPartial({ candidates: [] }), { maxK: config.RETRIEVAL_MAX_K }),
  });
  return {};
}
