import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { baseConfigSchema } from '../config/base-config';
import { type Env, loadConfig } from '../config/load-config';

export interface TelemetrySettings {
  serviceName: string;
  /** 0: no Prometheus endpoint. */
  metricsPort: number;
  otlpEndpoint: string | undefined;
  /**
   * Instrumentations left off, from OpenTelemetry's OTEL_NODE_DISABLED_INSTRUMENTATIONS ("grpc",
   * "kafkajs"): the KafkaJS one starts a span and records a histogram per consumed message, which a
   * high-rate consumer cannot afford.
   */
  disabledInstrumentations?: string[];
}

const telemetrySchema = baseConfigSchema.pick({ SERVICE_NAME: true, METRICS_PORT: true, OTEL_EXPORTER_OTLP_ENDPOINT: true });

/** Name of the package that holds the entry script, without its scope: apps/ranking/src/main.ts → "ranking". */
function entryPackageName(entryScript: string | undefined): string | undefined {
  if (!entryScript) return undefined;
  for (let directory = dirname(entryScript); ; directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      const { name, workspaces } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; workspaces?: unknown };
      // The monorepo root names no service.
      return workspaces === undefined ? name?.replace(/^@[^/]+\//, '') : undefined;
    }
    if (dirname(directory) === directory) return undefined;
  }
}

/**
 * The instrument entry runs before the service's own config is loaded, so it reads the few
 * variables it needs itself. Returns undefined when they are invalid: runService then fails
 * fast on the same variables with a proper message.
 */
export function telemetrySettingsFromEnv(environment: Env = process.env, entryScript = process.argv[1]): TelemetrySettings | undefined {
  let config;
  try {
    config = loadConfig(telemetrySchema, environment);
  } catch {
    return undefined;
  }
  const serviceName = config.SERVICE_NAME ?? environment['OTEL_SERVICE_NAME'] ?? entryPackageName(entryScript) ?? 'unknown_service';
  const disabled = (environment['OTEL_NODE_DISABLED_INSTRUMENTATIONS'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return {
    serviceName,
    metricsPort: config.METRICS_PORT,
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    ...(disabled.length > 0 ? { disabledInstrumentations: disabled } : {}),
  };
}
