import { FeatureServiceClient } from '@cascade/contracts';
import { metrics } from '@opentelemetry/api';
import { type DataPoint, type Histogram, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { status } from '@grpc/grpc-js';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, startService } from '../src/index';
import { useCleanup } from './support/cleanup';
import { featureServiceOptions } from './support/feature-test-service';

/** Metrics are read on demand with collect(): nothing to flush or stop. */
class PullReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

describe('per-RPC server metrics', () => {
  const reader = new PullReader();
  const track = useCleanup();

  beforeAll(() => {
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  });

  async function durationPoints(): Promise<DataPoint<Histogram>[]> {
    const { resourceMetrics } = await reader.collect();
    const metric = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).find((each) => each.descriptor.name === 'rpc.server.duration');
    return (metric?.dataPoints ?? []) as DataPoint<Histogram>[];
  }

  async function callsRecorded(code: status): Promise<number> {
    return (await durationPoints())
      .filter((point) => point.attributes['rpc.method'] === 'GetFeatures' && point.attributes['rpc.grpc.status_code'] === code)
      .reduce((sum, point) => sum + point.value.count, 0);
  }

  it('records rpc.server.duration by service, method and status code', async () => {
    const service = track(await startService(featureServiceOptions({ LOG_LEVEL: 'silent' })));
    await service.serving;
    const features = track(createClient(FeatureServiceClient, `127.0.0.1:${service.port}`, { defaultTimeoutMs: 5000 }));
    const request = { itemIds: [], featureNames: [], asOfMs: 0, numbersAsBytes: false };

    await features.getFeatures({ ...request, userId: 'u1' });
    await features.getFeatures({ ...request, userId: 'u2' });
    await features.getFeatures({ ...request, userId: '' }).catch(() => undefined);
    await features.getFeatures({ ...request, userId: 'slow:60000' }, { budgetMs: 100 }).catch(() => undefined);

    expect((await durationPoints()).find((point) => point.attributes['rpc.method'] === 'GetFeatures')?.attributes).toMatchObject({
      'rpc.system': 'grpc',
      'rpc.service': 'cascade.feature.v1.FeatureService',
    });
    expect(await callsRecorded(status.OK)).toBe(2);
    expect(await callsRecorded(status.INVALID_ARGUMENT)).toBe(1);
    // The client's copy of the deadline can fire before the server's: wait for the server to end the call.
    while ((await callsRecorded(status.DEADLINE_EXCEEDED)) === 0) await sleep(20);
    expect(await callsRecorded(status.DEADLINE_EXCEEDED)).toBe(1);
  });
});
