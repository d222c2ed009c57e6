import { RankingServiceClient, RankRequest, Surface } from '@cascade/contracts';
import { createClient } from '@cascade/service-kit';
import { describeServiceContract } from '@cascade/service-kit/testing';

describeServiceContract('ranking', {
  entry: 'apps/ranking/src/main.ts',
  service: 'cascade.ranking.v1.RankingService',
  malformedCall: async (address) => {
    const client = createClient(RankingServiceClient, address, { defaultTimeoutMs: 5000 });
    try {
      return await client.rank(
        RankRequest.fromPartial({ userId: 'u1', surface: Surface.SURFACE_DISCOVER, candidates: [{ itemId: 'i1' }, { itemId: '' }] }),
      );
    } finally {
      client.close();
    }
  },
  invalidField: 'candidates[1].item_id',
});
