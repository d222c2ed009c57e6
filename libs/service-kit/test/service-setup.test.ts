import { FeatureServiceClient, FeatureServiceService, GetFeaturesResponse } from '@cascade/contracts';
import { baseConfigSchema, ConfigError, createClient, env, startService, unary } from '../src/index';
import { useCleanup } from './support/cleanup';
import { gate } from './support/gate';

const local = { GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: 'silent' };

describe('startService setup', () => {
  const track = useCleanup();

  it("hands setup the validated config of the service's own schema", async () => {
    const configSchema = baseConfigSchema.extend({ FEATURE_ADDR: env.string(), RANKER_BATCH: env.int({ min: 1, max: 512 }).default(64) });
    let seen: { address: string; batch: number } | undefined;
    track(
      await startService({
        name: 'configured',
        configSchema,
        env: { ...local, FEATURE_ADDR: 'feature:50052' },
        setup({ config }) {
          seen = { address: config.FEATURE_ADDR, batch: config.RANKER_BATCH };
        },
      }),
    );
    expect(seen).toEqual({ address: 'feature:50052', batch: 64 });
  });

  it('rejects with a ConfigError before setup runs', async () => {
    const setup = jest.fn();
    await expect(startService({ name: 'misconfigured', env: { ...local, SHUTDOWN_GRACE_MS: 'soon' }, setup })).rejects.toThrow(ConfigError);
    expect(setup).not.toHaveBeenCalled();
  });

  it('rejects with the error setup throws', async () => {
    await expect(
      startService({
        name: 'broken',
        env: local,
        setup() {
          throw new Error('model registry unreachable');
        },
      }),
    ).rejects.toThrow('model registry unreachable');
  });

  it('runs close() only after in-flight calls finished', async () => {
    const events: string[] = [];
    const release = gate();
    const entered = gate();
    const service = await startService({
      name: 'closing',
      env: local,
      setup({ server }) {
        server.addService(FeatureServiceService, {
          getFeatures: unary(async () => {
            entered.open();
            await release.opened;
            events.push('call finished');
            return GetFeaturesResponse.fromPartial({});
          }),
        });
        return { close: () => void events.push('close') };
      },
    });
    const features = track(createClient(FeatureServiceClient, `127.0.0.1:${service.port}`, { defaultTimeoutMs: 30_000 }));
    const call = features.getFeatures({ userId: 'u', itemIds: [], featureNames: [], asOfMs: 0, numbersAsBytes: false });
    await entered.opened;

    const stopped = service.shutdown();
    release.open();
    await Promise.all([call, stopped]);

    expect(events).toEqual(['call finished', 'close']);
  });
});
