import { Server } from '@grpc/grpc-js';
import { metrics } from '@opentelemetry/api';
import type { DestinationStream } from 'pino';
import type { z } from 'zod';
import { createClient } from '../client/create-client';
import { type BaseConfig, baseConfigSchema } from '../config/base-config';
import { loadConfig } from '../config/load-config';
import { createLogger, type Logger } from '../logging/create-logger';
import { bindServer } from '../server/bind-server';
import { concurrencyLimitFrom } from '../server/concurrency-limit-from';
import { HealthReporter } from '../server/health-reporter';
import { loadSheddingInterceptor } from '../server/load-shedding-interceptor';
import { addReflection } from '../server/reflection';
import { rpcMetricsInterceptor } from '../server/rpc-metrics-interceptor';
import { serverOptionsFrom } from '../server/server-options';
import { createServiceRegistrar } from '../server/service-registrar';
import { shutdownServer } from '../server/shutdown-server';
import type { ClientRegistry, ServiceOptions } from './service-options';

export interface RunningService<Config> {
  readonly name: string;
  readonly config: Config;
  readonly logger: Logger;
  /** The port actually bound (GRPC_PORT=0 picks a free one). */
  readonly port: number;
  readonly health: HealthReporter;
  /** Resolves once ready() resolved and health says SERVING; rejects when ready() fails. */
  readonly serving: Promise<void>;
  /** Graceful stop: NOT_SERVING, drain (bounded by SHUTDOWN_GRACE_MS), close clients, close(). Idempotent. */
  shutdown(reason?: string): Promise<void>;
}

export interface StartOptions {
  /** Where logs go; stdout when omitted. */
  logDestination?: DestinationStream;
}

function trackedClients(): ClientRegistry & { closeAll(): void } {
  const open: { close(): void }[] = [];
  return {
    create(ClientCtor, address, options) {
      const client = createClient(ClientCtor, address, options);
      open.push(client);
      return client;
    },
    closeAll: () => open.splice(0).forEach((client) => client.close()),
  };
}

/**
 * Starts a service in this process without touching process signals or exit codes
 * (runService adds those). Rejects with a ConfigError on invalid configuration.
 */
export async function startService<Schema extends z.ZodType<BaseConfig> = typeof baseConfigSchema>(
  options: ServiceOptions<Schema>,
  { logDestination }: StartOptions = {},
): Promise<RunningService<z.output<Schema>>> {
  const config: z.output<Schema> = loadConfig((options.configSchema ?? baseConfigSchema) as Schema, options.env);
  const name = config.SERVICE_NAME ?? options.name;
  const logger = createLogger({ service: name, level: config.LOG_LEVEL, destination: logDestination });

  const kitMeter = metrics.getMeter('@cascade/service-kit');
  const interceptors = [rpcMetricsInterceptor(kitMeter)];
  const limit = concurrencyLimitFrom(config, kitMeter);
  if (limit) interceptors.push(loadSheddingInterceptor(limit, config.GRPC_DEFAULT_DEADLINE_MS));
  const server = new Server({ ...serverOptionsFrom(config), interceptors });
  const health = new HealthReporter();
  health.addToServer(server);
  const registrar = createServiceRegistrar(server, { logger, defaultDeadlineMs: config.GRPC_DEFAULT_DEADLINE_MS });
  const clients = trackedClients();

  let hooks;
  let port;
  try {
    hooks = (await options.setup({ config, logger, server: registrar, health, clients, meter: metrics.getMeter(name) })) ?? {};
    for (const service of registrar.serviceNames) health.setStatus(service, 'NOT_SERVING');
    if (config.GRPC_REFLECTION) addReflection(server, registrar.serviceNames);
    port = await bindServer(server, config.GRPC_HOST, config.GRPC_PORT);
  } catch (error) {
    server.forceShutdown();
    clients.closeAll();
    throw error;
  }
  logger.info({ host: config.GRPC_HOST, port, services: registrar.serviceNames, reflection: config.GRPC_REFLECTION }, 'listening');

  let stopping = false;
  const serving = (async () => {
    await hooks.ready?.();
    if (stopping) return;
    health.setAll('SERVING');
    logger.info('ready');
  })();
  serving.catch(() => undefined); // the caller decides what a failed ready() means

  let stopped: Promise<void> | undefined;
  const stop = async (reason: string) => {
    stopping = true;
    logger.info({ reason }, 'shutting down');
    health.setAll('NOT_SERVING');
    const draining = shutdownServer(server, config.SHUTDOWN_GRACE_MS);
    health.endWatches();
    const { drained } = await draining;
    if (!drained) logger.warn({ graceMs: config.SHUTDOWN_GRACE_MS }, 'in-flight calls cancelled after the shutdown grace period');
    clients.closeAll();
    await hooks.close?.();
    logger.info('stopped');
  };

  return {
    name,
    config,
    logger,
    port,
    health,
    serving,
    shutdown: (reason = 'shutdown requested') => (stopped ??= stop(reason)),
  };
}
