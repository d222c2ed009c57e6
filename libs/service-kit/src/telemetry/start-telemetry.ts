import { diag } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { type IMetricReader, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { MetricsEndpoint, Telemetry } from './active-telemetry';
import type { TelemetrySettings } from './telemetry-settings';

function prometheusEndpoint(port: number): { reader: IMetricReader; endpoint: Promise<MetricsEndpoint> } {
  let reader!: PrometheusExporter;
  // A taken port must not stop the service; runService reports it instead.
  const endpoint = new Promise<MetricsEndpoint>((resolve) => {
    reader = new PrometheusExporter({ port }, (error) => resolve(error ? { error } : { url: `http://0.0.0.0:${port}/metrics` }));
  });
  return { reader, endpoint };
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
  const prometheus = settings.metricsPort > 0 ? prometheusEndpoint(settings.metricsPort) : undefined;
  const metricReaders: IMetricReader[] = prometheus ? [prometheus.reader] : [];
  if (settings.otlpEndpoint) {
    metricReaders.push(new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: settings.otlpEndpoint }) }));
  }
  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    instrumentations: [
      ...(settings.disabledInstrumentations?.includes('grpc') ? [] : [new GrpcInstrumentation()]),
      ...(settings.disabledInstrumentations?.includes('kafkajs') ? [] : [new KafkaJsInstrumentation()]),
    ],
    metricReaders,
    spanProcessors: spanProcessors(settings),
    // Logs go to stdout as JSON; nothing is exported through the OTel logs pipeline.
    logRecordProcessors: [],
  });
  sdk.start();
  let stopped: Promise<void> | undefined;
  return {
    serviceName: settings.serviceName,
    metricsEndpoint: prometheus?.endpoint,
    shutdown: () =>
      (stopped ??= sdk.shutdown().catch((error: unknown) => {
        diag.error('OpenTelemetry shutdown failed', error);
      })),
  };
}
