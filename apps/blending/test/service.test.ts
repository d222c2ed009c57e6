import { BlendingServiceClient, RecommendRequest, Surface } from '@cascade/contracts';
import { createClient } from '@cascade/service-kit';
import { describeServiceContract } from '@cascade/service-kit/testing';

describeServiceContract('blending', {
  entry: 'apps/blending/src/main.ts',
  service: 'cascade.blending.v1.BlendingService',
  malformedCall: async (address) => {
    const client = createClient(BlendingServiceClient, address, { defaultTimeoutMs: 5000 });
    try {
      return await client.recommend(RecommendRequest.fromPartial({ userId: 'u1', surface: Surface.SURFACE_SPOTLIGHT, limit: 0 }));
    } finally {
      client.close();
    }
  },
  invalidField: 'limit',
});
