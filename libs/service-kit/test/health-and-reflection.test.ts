import { status, type ServiceError } from '@grpc/grpc-js';
import { type RunningService, startService } from '../src/index';
import { featureServiceOptions } from './support/feature-test-service';
import { useCleanup } from './support/cleanup';
import { gate } from './support/gate';
import { HealthProbe, ReflectionProbe } from '../src/testing';

const featureService = 'cascade.feature.v1.FeatureService';
const quiet = { LOG_LEVEL: 'silent' };

describe('health', () => {
  let service: RunningService<unknown>;
  let probe: HealthProbe;
  const warmUp = gate();

  beforeAll(async () => {
    service = await startService(featureServiceOptions(quiet, { ready: () => warmUp.opened }));
    probe = new HealthProbe(`127.0.0.1:${service.port}`);
  });

  afterAll(async () => {
    probe.close();
    await service.shutdown();
  });

  it('answers NOT_SERVING for the server and each service until ready() resolves, then SERVING', async () => {
    expect(await probe.check('')).toBe('NOT_SERVING');
    expect(await probe.check(featureService)).toBe('NOT_SERVING');

    warmUp.open();
    await service.serving;

    expect(await probe.check('')).toBe('SERVING');
    expect(await probe.check(featureService)).toBe('SERVING');
  });

  it('answers NOT_FOUND for a service it does not serve', async () => {
    await expect(probe.check('cascade.ranking.v1.RankingService')).rejects.toMatchObject({ code: status.NOT_FOUND });
  });
});

describe('health at shutdown', () => {
  const track = useCleanup();

  it('tells watchers NOT_SERVING, then ends their streams so draining does not wait for them', async () => {
    const service = await startService(featureServiceOptions({ ...quiet, SHUTDOWN_GRACE_MS: '600000' }));
    await service.serving;
    const probe = track(new HealthProbe(`127.0.0.1:${service.port}`));
    const watch = probe.watch(featureService);
    expect(await probe.check(featureService)).toBe('SERVING');

    // Bounded by the test timeout, far below the 10-minute grace period.
    await service.shutdown();
    const end = await watch.ended;

    expect(end.code).toBe(status.OK);
    expect(watch.statuses).toEqual(['SERVING', 'NOT_SERVING']);
  }, 15_000);
});

describe('reflection', () => {
  const track = useCleanup();

  it('lists the registered services, health and reflection (v1 and v1alpha), not other contracts', async () => {
    const service = track(await startService(featureServiceOptions(quiet)));
    const expected = [
      featureService,
      'grpc.health.v1.Health',
      'grpc.reflection.v1.ServerReflection',
      'grpc.reflection.v1alpha.ServerReflection',
    ];
    for (const version of ['v1', 'v1alpha'] as const) {
      const reflection = track(new ReflectionProbe(`127.0.0.1:${service.port}`, version));
      expect(await reflection.listServices()).toEqual(expected);
    }
  });

  it('returns the descriptor of a service and its messages', async () => {
    const service = track(await startService(featureServiceOptions(quiet)));
    const reflection = track(new ReflectionProbe(`127.0.0.1:${service.port}`));

    const response = await reflection.ask({ fileContainingSymbol: featureService });
    const descriptors = Buffer.concat(response.fileDescriptorResponse?.fileDescriptorProto ?? []).toString('latin1');

    expect(descriptors).toContain('FeatureService');
    expect(descriptors).toContain('GetFeaturesRequest');
  });

  it('is off when GRPC_REFLECTION=false', async () => {
    const service = track(await startService(featureServiceOptions({ ...quiet, GRPC_REFLECTION: 'false' })));
    const reflection = track(new ReflectionProbe(`127.0.0.1:${service.port}`));

    await expect(reflection.listServices()).rejects.toMatchObject<Partial<ServiceError>>({ code: status.UNIMPLEMENTED });
  });
});
