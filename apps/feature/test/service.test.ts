import { FeatureServiceClient, GetFeaturesRequest } from '@cascade/contracts';
import { createClient } from '@cascade/service-kit';
import { describeServiceContract } from '@cascade/service-kit/testing';
import { randomUUID } from 'node:crypto';

describeServiceContract('feature', {
  entry: 'apps/feature/src/main.ts',
  service: 'cascade.feature.v1.FeatureService',
  env: () => {
    const brokers = process.env['KAFKA_BROKERS'];
    if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the tests with `npm test` or start a broker with `npm run kafka:start`');
    const run = randomUUID().slice(0, 8);
    return { KAFKA_BROKERS: brokers, ENGAGEMENT_TOPIC: `contract-engagement-${run}`, CONTENT_TOPIC: `contract-content-${run}` };
  },
  malformedCall: async (address) => {
    const client = createClient(FeatureServiceClient, address, { defaultTimeoutMs: 5000 });
    try {
      return await client.getFeatures(GetFeaturesRequest.fromPartial({ userId: 'u1', itemIds: ['i1'], featureNames: ['item_like_1d', 'no_such_feature'] }));
    } finally {
      client.close();
    }
  },
  invalidField: 'feature_names[1]',
});
