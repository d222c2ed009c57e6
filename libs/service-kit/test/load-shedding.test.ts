import { FeatureServiceClient, FeatureServiceService, GetFeaturesResponse } from '@cascade/contracts';
import { status } from '@grpc/grpc-js';
import { createClient, startService, unary } from '../src/index';
import { useCleanup } from './support/cleanup';
import { gate } from './support/gate';
import { HealthProbe } from '../src/testing';

describe('load shedding', () => {
  const track = useCleanup();

  it('with a fixed limit, answers RESOURCE_EXHAUSTED beyond it, never sheds health checks, and recovers', async () => {
    const release = gate();
    let entered = 0;
    const bothEntered = gate();
    const service = track(
      await startService({
      name: 'shedding',
      env: { GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: 'silent', GRPC_MAX_IN_FLIGHT: '2', GRPC_ADAPTIVE_LIMIT: 'false' },
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

  it('with the adaptive limit, cuts the limit when calls miss their deadlines, sheds the excess, and grows back', async () => {
    const service = track(
      await startService({
        name: 'adaptive-shedding',
        env: { GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: 'silent', GRPC_MAX_IN_FLIGHT: '20' },
        setup({ server }) {
          server.addService(FeatureServiceService, {
            // item_ids[0] = how long the call takes (ms).
            getFeatures: unary(async (request) => {
              await new Promise((resolve) => setTimeout(resolve, Number(request.itemIds[0] ?? 0)));
              return GetFeaturesResponse.fromPartial({ registryVersion: request.userId });
            }),
          });
        },
      }),
    );
    await service.serving;
    const features = track(createClient(FeatureServiceClient, `127.0.0.1:${service.port}`, { defaultTimeoutMs: 30_000 }));
    const health = track(new HealthProbe(`127.0.0.1:${service.port}`));
    const call = (takesMs: number, timeoutMs: number) =>
      features.getFeatures({ userId: 'u', itemIds: [String(takesMs)], featureNames: [], asOfMs: 0, numbersAsBytes: false }, { budgetMs: timeoutMs }).then(
        () => 'OK',
        (error: { code: status; details: string }) => (error.code === status.RESOURCE_EXHAUSTED ? error.details : status[error.code]),
      );
    const burst = async (size: number, takesMs: number, timeoutMs: number) => {
      const outcomes = await Promise.all(Array.from({ length: size }, () => call(takesMs, timeoutMs)));
      // The server sees the deadlines pass (and releases the calls) as the client does.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return outcomes;
    };

    // 20 calls that each take 4× their deadline: all admitted (the limit starts at its ceiling), all miss.
    expect(await burst(20, 200, 50)).toEqual(Array<string>(20).fill('DEADLINE_EXCEEDED'));
    // One cut for that round trip (× 0.8): 16 are admitted and miss again, 4 are shed at once.
    const second = await burst(20, 200, 50);
    expect(second.filter((o) => o === 'DEADLINE_EXCEEDED')).toHaveLength(16);
    expect(second.filter((o) => o !== 'DEADLINE_EXCEEDED')).toEqual(Array<string>(4).fill('server overloaded: 16 requests in flight (limit 16)'));
    expect(await health.check('')).toBe('SERVING');

    // Calls that end in time grow it back, about one per limit's worth of calls.
    for (let i = 0; i < 400; i++) expect(await call(0, 5_000)).toBe('OK');
    expect(await burst(20, 20, 5_000)).toEqual(Array<string>(20).fill('OK'));
  });
});
