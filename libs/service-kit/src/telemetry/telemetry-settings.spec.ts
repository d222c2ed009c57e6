import { join } from 'node:path';
import { telemetrySettingsFromEnv } from './telemetry-settings';

const entryInThisPackage = join(__dirname, 'some-main.ts');

describe('telemetrySettingsFromEnv', () => {
  it('defaults to the Prometheus port, no collector, and the entry package name without scope', () => {
    expect(telemetrySettingsFromEnv({}, entryInThisPackage)).toEqual({ serviceName: 'service-kit', metricsPort: 9464, otlpEndpoint: undefined });
  });

  it('prefers SERVICE_NAME, then OTEL_SERVICE_NAME', () => {
    expect(telemetrySettingsFromEnv({ SERVICE_NAME: 'ranking', OTEL_SERVICE_NAME: 'other' }, entryInThisPackage)?.serviceName).toBe('ranking');
    expect(telemetrySettingsFromEnv({ OTEL_SERVICE_NAME: 'other' }, entryInThisPackage)?.serviceName).toBe('other');
    expect(telemetrySettingsFromEnv({}, '/nowhere/main.js')?.serviceName).toBe('unknown_service');
  });

  it('does not take the monorepo root for a service', () => {
    expect(telemetrySettingsFromEnv({}, join(__dirname, '../../../../some-script.mjs'))?.serviceName).toBe('unknown_service');
  });

  it('reads the scrape port and collector endpoint', () => {
    expect(telemetrySettingsFromEnv({ METRICS_PORT: '0', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317' }, entryInThisPackage)).toMatchObject({
      metricsPort: 0,
      otlpEndpoint: 'http://collector:4317',
    });
  });

  it('reads the instrumentations to leave off from OTEL_NODE_DISABLED_INSTRUMENTATIONS', () => {
    expect(telemetrySettingsFromEnv({ OTEL_NODE_DISABLED_INSTRUMENTATIONS: ' kafkajs, grpc ,' }, entryInThisPackage)?.disabledInstrumentations).toEqual(['kafkajs', 'grpc']);
    expect(telemetrySettingsFromEnv({}, entryInThisPackage)?.disabledInstrumentations).toBeUndefined();
  });

  it('gives up on invalid values, leaving the report to the service config', () => {
    expect(telemetrySettingsFromEnv({ METRICS_PORT: 'abc' }, entryInThisPackage)).toBeUndefined();
  });
});
