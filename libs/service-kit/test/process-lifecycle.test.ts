import { FeatureServiceClient, GetFeaturesRequest } from '@cascade/contracts';
import { createServer, type AddressInfo } from 'node:net';
import { Metadata, status } from '@grpc/grpc-js';
import { createClient } from '../src/index';
import { useCleanup } from './support/cleanup';
import { startFakeCollector } from './support/fake-otlp-collector';
import { freePort, ServiceProcess } from '../src/testing';
import { join } from 'node:path';

const startFixture = (env: Record<string, string> = {}) =>
  new ServiceProcess({ entry: join(__dirname, 'fixtures', 'feature-service-main.ts'), env: { SERVICE_NAME: 'feature-fixture', ...env } });

const request = (userId: string) => GetFeaturesRequest.fromPartial({ userId });

describe('a service process', () => {
  const track = useCleanup();

  async function started(env: Record<string, string> = {}) {
    const service = track(startFixture(env));
    const port = await service.port();
    await service.waitForLog((line) => line.msg === 'ready');
    const features = track(createClient(FeatureServiceClient, `127.0.0.1:${port}`, { defaultTimeoutMs: 60_000 }));
    return { service, features };
  }

  it('finishes the in-flight call on SIGTERM, then exits 0', async () => {
    const { service, features } = await started();
    const slowCall = features.getFeatures(request('slow:1500'));
    await service.waitForLog((line) => line.msg === 'handling GetFeatures');

    service.signal('SIGTERM');

    await expect(slowCall).resolves.toBeDefined();
    expect(await service.exited).toEqual({ code: 0, signal: null });
    const messages = service.lines.map((line) => line.msg);
    expect(messages).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    expect(service.lines.find((line) => line.msg === 'shutting down')).toMatchObject({ reason: 'SIGTERM' });
  }, 30_000);

  it('cancels calls still running after SHUTDOWN_GRACE_MS and still exits 0', async () => {
    const { service, features } = await started({ SHUTDOWN_GRACE_MS: '300' });
    const stuckCall = features.getFeatures(request('slow:600000'));
    await service.waitForLog((line) => line.msg === 'handling GetFeatures');

    service.signal('SIGTERM');

    await expect(stuckCall).rejects.toMatchObject({ code: expect.any(Number) });
    expect(await service.exited).toEqual({ code: 0, signal: null });
    expect(service.lines.map((line) => line.msg)).toContain('in-flight calls cancelled after the shutdown grace period');
  }, 30_000);

  it('exits at once on a second signal', async () => {
    const { service, features } = await started({ SHUTDOWN_GRACE_MS: '600000' });
    void features.getFeatures(request('slow:600000')).catch(() => undefined);
    await service.waitForLog((line) => line.msg === 'handling GetFeatures');

    service.signal('SIGTERM');
    await service.waitForLog((line) => line.msg === 'shutting down');
    service.signal('SIGINT');

    // Bounded by the test timeout, far below the 10-minute grace period.
    expect(await service.exited).toEqual({ code: 130, signal: null });
    expect(service.lines.map((line) => line.msg)).toContain('second signal: exiting now');
  }, 30_000);

  it('exits 1 naming every invalid variable', async () => {
    const service = track(startFixture({ GRPC_PORT: 'abc', GRPC_REFLECTION: 'perhaps' }));

    expect(await service.exited).toEqual({ code: 1, signal: null });
    expect(service.lines).toEqual([
      expect.objectContaining({
        level: 'fatal',
        msg: 'Invalid configuration: GRPC_PORT: expected a number between 0 and 65535, got "abc"; GRPC_REFLECTION: expected true or false, got "perhaps"',
      }),
    ]);
  }, 30_000);

  it('exits 1 when ready() fails', async () => {
    const service = track(startFixture({ FIXTURE_READY_FAILS: 'model artifact missing' }));

    expect(await service.exited).toEqual({ code: 1, signal: null });
    expect(service.lines.find((line) => line.level === 'fatal')).toMatchObject({ msg: 'ready() failed: model artifact missing' });
  }, 30_000);

  it('continues the caller trace in its logs and serves RPC metrics to Prometheus', async () => {
    const metricsPort = await freePort();
    const { service, features } = await started({ METRICS_PORT: String(metricsPort) });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const metadata = new Metadata();
    metadata.set('traceparent', `00-${traceId}-00f067aa0ba902b7-01`);

    await features.getFeatures(request('traced'), { metadata });

    const handled = await service.waitForLog((line) => line.msg === 'handling GetFeatures' && line['userId'] === 'traced');
    expect(handled).toMatchObject({ trace_id: traceId, span_id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const scrape = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(scrape).toMatch(/rpc_server_duration\w*_count\{[^}]*rpc_method="GetFeatures"/);
    expect(scrape).toContain(`rpc_grpc_status_code="${status.OK}"`);
    expect(service.lines.find((line) => line.msg === 'metrics endpoint listening')).toMatchObject({ url: expect.stringContaining(`:${metricsPort}/metrics`) });

    service.signal('SIGTERM');
    expect(await service.exited).toEqual({ code: 0, signal: null });
  }, 30_000);

  it('keeps serving, with a warning, when the metrics port is taken', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, resolve));
    track({ close: () => squatter.close() });
    const takenPort = (squatter.address() as AddressInfo).port;

    const { service, features } = await started({ METRICS_PORT: String(takenPort) });

    expect(await service.waitForLog((line) => line.msg.startsWith('metrics endpoint unavailable'))).toMatchObject({ level: 'warn' });
    await expect(features.getFeatures(request('still-serving'))).resolves.toBeDefined();
  }, 30_000);

  it('exports traces and metrics over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, flushing them at exit', async () => {
    const collector = track(await startFakeCollector());
    const { service, features } = await started({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint });

    await features.getFeatures(request('exported'));
    service.signal('SIGTERM');
    expect(await service.exited).toEqual({ code: 0, signal: null });

    const traces = Buffer.concat(collector.traces).toString('latin1');
    expect(traces).toContain('cascade.feature.v1.FeatureService/GetFeatures');
    expect(traces).toContain('feature-fixture');
    expect(Buffer.concat(collector.metrics).toString('latin1')).toContain('rpc.server.duration');
  }, 30_000);
});
