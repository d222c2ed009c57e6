import { z } from 'zod';
import { env } from './env';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const MiB = 1024 * 1024;

/**
 * Variables every service reads. Extend it with the service's own variables and, where the
 * service has its own default port, override GRPC_PORT:
 * `baseConfigSchema.extend({ GRPC_PORT: env.port().default(50053), FEATURE_ADDR: env.string() })`.
 */
export const baseConfigSchema = z.object({
  /** Overrides the service name given to runService (logs, health, telemetry). */
  SERVICE_NAME: env.string().optional(),
  GRPC_HOST: env.string().default('0.0.0.0'),
  /** 0 binds any free port; the bound port is logged. */
  GRPC_PORT: env.port().default(50051),
  LOG_LEVEL: env.oneOf(logLevels).default('info'),
  GRPC_REFLECTION: env.bool().default(true),
  GRPC_MAX_MESSAGE_BYTES: env.int({ min: 1024, max: 2_147_483_647 }).default(16 * MiB),
  GRPC_MAX_CONCURRENT_STREAMS: env.int({ min: 1, max: 2_147_483_647 }).default(1000),
  GRPC_KEEPALIVE_TIME_MS: env.int({ min: 1000, max: 2_147_483_647 }).default(30_000),
  GRPC_KEEPALIVE_TIMEOUT_MS: env.int({ min: 100, max: 2_147_483_647 }).default(10_000),
  /** Connections are closed gracefully after this age so clients rebalance across replicas; 0 = never. */
  GRPC_MAX_CONNECTION_AGE_MS: env.int({ min: 0, max: 2_147_483_647 }).default(300_000),
  /**
   * Concurrent calls above the limit are shed at once with RESOURCE_EXHAUSTED. Adaptive (default):
   * the limit grows while calls end in time and is cut when they miss their deadlines.
   */
  GRPC_ADAPTIVE_LIMIT: env.bool().default(true),
  /** The most concurrent calls: the adaptive limit's ceiling (0 = 1,000), or a fixed limit with GRPC_ADAPTIVE_LIMIT off (0 = none). */
  GRPC_MAX_IN_FLIGHT: env.int({ min: 0, max: 1_000_000 }).default(0),
  /** Deadline applied by unary() handlers to calls that arrive without one. */
  GRPC_DEFAULT_DEADLINE_MS: env.int({ min: 1, max: 3_600_000 }).default(5_000),
  /** Time to drain in-flight calls at shutdown before they are cancelled. */
  SHUTDOWN_GRACE_MS: env.int({ min: 0, max: 3_600_000 }).default(10_000),
  /** Prometheus scrape port (read by the instrument entry); 0 disables the endpoint. */
  METRICS_PORT: env.port().default(9464),
  /** OTLP/gRPC collector, e.g. http://otel-collector:4317; traces and metrics are exported only when set. */
  OTEL_EXPORTER_OTLP_ENDPOINT: env.url().optional(),
  /** When set, SIGUSR2 starts a CPU profile and the next SIGUSR2 writes it here as a .cpuprofile. */
  CPU_PROFILE_DIR: env.string().optional(),
});

export type BaseConfig = z.output<typeof baseConfigSchema>;
