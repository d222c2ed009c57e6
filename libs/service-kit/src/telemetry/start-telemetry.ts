import { diag } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { type IMetricReader, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Telemetry } from './active-telemetry';
import type { TelemetrySettings } from './telemetry-settings';

function metricReaders({ metricsPort, otlpEndpoint }: TelemetrySettings): IMetricReader[] {
  const readers: IMetricReader[] = [];
  if (metricsPort > 0) readers.push(new PrometheusExporter({ port: metricsPort }));
  if (otlpEndpoint) readers.push(new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: otlpEndpoint }) }));
  return readers;
}

function spanProcessors({ otlpEndpoint }: TelemetrySettings): SpanProcessor[] {
  // Without a collector spans are still created (and dropped) so trace ids reach logs and downstream calls.
  return [otlpEndpoint ? new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpEndpoint })) : new NoopSpanProcessor()];
}

/**
 * Starts the OpenTelemetry NodeSDK with gRPC and KafkaJS instrumentations. Must run before
 * @grpc/grpc-js or kafkajs is first required, which is why it lives behind its own entry.
 */
export function startTelemetry(settings: TelemetrySettings): Telemetry {
  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    instrumentations: [new GrpcInstrumentation(), new KafkaJsInstrumentation()],
    metricReaders: metricReaders(settings),
    spanProcessors: spanProcessors(settings),
    // Logs go to stdout as JSON; nothing is exported through the OTel logs pipeline.
    logRecordProcessors: [],
  });
  sdk.start();
  let stopped: Promise<void> | undefined;
  return {
    serviceName: settings.serviceName,
    shutdown: () =>
      (stopped ??= sdk.shutdown().catch((error: unknown) => {
        diag.error('OpenTelemetry shutdown failed', error);
      })),
  };
}
