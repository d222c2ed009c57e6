import { FeatureServiceClient, GetFeaturesRequest } from '@cascade/contracts';
import { credentials, status, type ServiceError } from '@grpc/grpc-js';
import { callUnary, type RunningService, startService } from '../src/index';
import { featureServiceOptions } from './support/feature-test-service';
import { logCapture } from './support/log-capture';

/** A plain grpc-js client: no kit defaults, so calls may arrive without a deadline. */
function rawCall(client: FeatureServiceClient, request: Partial<GetFeaturesRequest>, deadline?: Date) {
  return callUnary(client.getFeatures.bind(client), GetFeaturesRequest.fromPartial(request), deadline ? { deadline } : {});
}

describe('unary() handlers over a real server', () => {
  const logs = logCapture();
  let service: RunningService<unknown>;
  let client: FeatureServiceClient;

  beforeAll(async () => {
    service = await startService(featureServiceOptions({ GRPC_DEFAULT_DEADLINE_MS: '300' }), { logDestination: logs.destination });
    await service.serving;
    client = new FeatureServiceClient(`127.0.0.1:${service.port}`, credentials.createInsecure());
  });

  afterAll(async () => {
    client.close();
    await service.shutdown();
  });

  it('answers a valid request', async () => {
    const response = await rawCall(client, { userId: 'u1', itemIds: ['a', 'b'] }, new Date(Date.now() + 5000));
    expect(response.itemIds).toEqual(['a', 'b']);
  });

  it('answers INVALID_ARGUMENT naming the field for a malformed request', async () => {
    await expect(rawCall(client, { userId: '', itemIds: ['a'] })).rejects.toMatchObject<Partial<ServiceError>>({
      code: status.INVALID_ARGUMENT,
      details: 'user_id: is required',
    });
    await expect(rawCall(client, { userId: 'u1', itemIds: ['a', ''] })).rejects.toMatchObject<Partial<ServiceError>>({
      code: status.INVALID_ARGUMENT,
      details: 'item_ids[1]: is required',
    });
    await expect(rawCall(client, { userId: 'u1', asOfMs: -5 })).rejects.toMatchObject<Partial<ServiceError>>({
      code: status.INVALID_ARGUMENT,
      details: 'as_of_ms: must be at least 0, got -5',
    });
  });

  it('answers RESOURCE_EXHAUSTED for an oversize list', async () => {
    const itemIds = Array.from({ length: 5000 }, (_, index) => `item-${index}`);
    await expect(rawCall(client, { userId: 'u1', itemIds })).rejects.toMatchObject<Partial<ServiceError>>({
      code: status.RESOURCE_EXHAUSTED,
      details: 'item_ids: at most 2000 items, got 5000',
    });
  });

  it('answers a bare INTERNAL for an unexpected error and logs it with its stack', async () => {
    const error = await rawCall(client, { userId: 'boom' }).then(
      () => undefined,
      (thrown: ServiceError) => thrown,
    );

    expect(error).toMatchObject({ code: status.INTERNAL, details: 'internal error' });
    expect(JSON.stringify(error?.metadata.getMap() ?? {})).not.toContain('secret');
    const logged = logs.lines.find((line) => line.msg === 'handler failed');
    expect(logged).toMatchObject({ level: 'error', service: 'feature-test', rpc: '/cascade.feature.v1.FeatureService/GetFeatures' });
    expect(JSON.stringify(logged)).toContain('secret internal detail');
    expect((logged?.['err'] as { stack?: string }).stack).toContain('feature-test-service');
  });

  it('exposes the caller deadline to the handler', async () => {
    const anHourAway = new Date(Date.now() + 3_600_000);
    const response = await rawCall(client, { userId: 'u1' }, anHourAway);
    // grpc-timeout travels as a relative duration, so the server's copy is off by transit time: far below a minute,
    // and an hour away from the 300 ms default it would otherwise get.
    expect(Math.abs(Number(response.registryVersion) - anHourAway.getTime())).toBeLessThan(60_000);
  });

  it('applies GRPC_DEFAULT_DEADLINE_MS to calls that arrive without a deadline', async () => {
    await expect(rawCall(client, { userId: 'slow:60000' })).rejects.toMatchObject<Partial<ServiceError>>({ code: status.DEADLINE_EXCEEDED });
  });

  it('answers DEADLINE_EXCEEDED when the caller deadline passes mid-handler', async () => {
    await expect(rawCall(client, { userId: 'slow:60000' }, new Date(Date.now() + 200))).rejects.toMatchObject<Partial<ServiceError>>({
      code: status.DEADLINE_EXCEEDED,
    });
  });

  it('logs each handled call with the service name, pid and method', async () => {
    await rawCall(client, { userId: 'log-me' }, new Date(Date.now() + 5000));
    const line = logs.lines.find((candidate) => candidate.msg === 'handling GetFeatures' && candidate['userId'] === 'log-me');
    expect(line).toMatchObject({ level: 'info', service: 'feature-test', pid: process.pid, rpc: '/cascade.feature.v1.FeatureService/GetFeatures' });
    expect(typeof line?.['time']).toBe('string');
  });
});

describe('several kit services in one process', () => {
  it('keep their own logger and default deadline', async () => {
    const first = logCapture();
    const second = logCapture();
    const services = [
      await startService({ ...featureServiceOptions({ GRPC_DEFAULT_DEADLINE_MS: '300' }), name: 'first' }, { logDestination: first.destination }),
      await startService({ ...featureServiceOptions({ GRPC_DEFAULT_DEADLINE_MS: '600000' }), name: 'second' }, { logDestination: second.destination }),
    ];
    const clients = services.map((service) => new FeatureServiceClient(`127.0.0.1:${service.port}`, credentials.createInsecure()));
    try {
      const [firstDeadline, secondDeadline] = await Promise.all(
        clients.map(async (client) => Number((await rawCall(client, { userId: 'u1' })).registryVersion) - Date.now()),
      );

      expect(first.lines.find((line) => line.msg === 'handling GetFeatures')).toMatchObject({ service: 'first' });
      expect(second.lines.find((line) => line.msg === 'handling GetFeatures')).toMatchObject({ service: 'second' });
      expect(firstDeadline).toBeLessThanOrEqual(300);
      expect(secondDeadline).toBeGreaterThan(300_000);
    } finally {
      clients.forEach((client) => client.close());
      await Promise.all(services.map((service) => service.shutdown()));
    }
  });
});
