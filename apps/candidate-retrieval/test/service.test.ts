import { RetrievalServiceClient, RetrieveRequest, Surface } from '@cascade/contracts';
import { requireBrokers } from '@cascade/events/testing';
import { createClient } from '@cascade/service-kit';
import { describeServiceContract } from '@cascade/service-kit/testing';
import { randomUUID } from 'node:crypto';

describeServiceContract('candidate-retrieval', {
  entry: 'apps/candidate-retrieval/src/main.ts',
  service: 'cascade.retrieval.v1.RetrievalService',
  env: () => {
    const run = randomUUID().slice(0, 8);
    return { KAFKA_BROKERS: requireBrokers().join(','), ENGAGEMENT_TOPIC: `contract-engagement-${run}`, CONTENT_TOPIC: `contract-content-${run}` };
  },
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
