import { RetrievalServiceClient, RetrieveRequest, Surface } from '@cascade/contracts';
import { createClient } from '@cascade/service-kit';
import { describeServiceContract } from '@cascade/service-kit/testing';

describeServiceContract('candidate-retrieval', {
  entry: 'apps/candidate-retrieval/src/main.ts',
  service: 'cascade.retrieval.v1.RetrievalService',
  malformedCall: async (address) => {
    const client = createClient(RetrievalServiceClient, address, { defaultTimeoutMs: 5000 });
    try {
      return await client.retrieve(RetrieveRequest.fromPartial({ userId: 'u1', surface: Surface.SURFACE_UNSPECIFIED, k: 100 }));
    } finally {
      client.close();
    }
  },
  invalidField: 'surface',
});
