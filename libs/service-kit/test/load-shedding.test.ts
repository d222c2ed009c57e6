import { FeatureServiceClient, FeatureServiceService, GetFeaturesResponse } from '@cascade/contracts';
import { status } from '@grpc/grpc-js';
import { createClient, startService, unary } from '../src/index';
import { useCleanup } from './support/cleanup';
import { gate } from './support/gate';
import { HealthProbe } from '../src/testing';

describe('load shedding (GRPC_MAX_IN_FLIGHT)', () => {
  const track = useCleanup();

  it('answers RESOURCE_EXHAUSTED beyond the limit, never sheds health checks, and recovers', async () => {
    const release = gate();
    let entered = 0;
    const bothEntered = gate();
    const service = track(
      await startService({
      name: 'shedding',
      env: { GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: 'silent', GRPC_MAX_IN_FLIGHT: '2' },
      setup({ server }) {
        server.addService(FeatureServiceService, {
          getFeatures: unary(async (request) => {
            if (request.userId === 'hold') {
              entered += 1;
              if (entered === 2) bothEntered.open();
              await release.opened;
            }
            return GetFeaturesResponse.fromPartial({ registryVersion: request.userId });
          }),
        });
      },
      }),
    );
    await service.serving;
    const features = track(createClient(FeatureServiceClient, `127.0.0.1:${service.port}`, { defaultTimeoutMs: 30_000 }));
    const health = track(new HealthProbe(`127.0.0.1:${service.port}`));
    const request = (userId: string) => ({ userId, itemIds: [], featureNames: [], asOfMs: 0, numbersAsBytes: false });

    const held = [features.getFeatures(request('hold')), features.getFeatures(request('hold'))];
    await bothEntered.opened;

    await expect(features.getFeatures(request('third'))).rejects.toMatchObject({
      code: status.RESOURCE_EXHAUSTED,
      details: 'server overloaded: 2 requests in flight (limit 2)',
    });
    expect(await health.check('')).toBe('SERVING');

    release.open();
    expect((await Promise.all(held)).map((response) => response.registryVersion)).toEqual(['hold', 'hold']);
    expect((await features.getFeatures(request('after'))).registryVersion).toBe('after');
  });
});
