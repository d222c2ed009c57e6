import { constants } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { BaseConfig, baseConfigSchema } from '../config/base-config';
import { ConfigError } from '../config/load-config';
import { createLogger, type Logger } from '../logging/create-logger';
import { activeTelemetry } from '../telemetry/active-telemetry';
import { CpuProfiler } from './cpu-profiler';
import type { ServiceOptions } from './service-options';
import { type RunningService, startService } from './start-service';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const shutdownSignals = ['SIGTERM', 'SIGINT'] as const;

/** An unreachable collector must not hold the exit for the exporters' own timeouts. */
const telemetryFlushLimitMs = 5_000;

async function exit(code: number): Promise<never> {
  const telemetry = activeTelemetry();
  if (telemetry) await Promise.race([telemetry.shutdown(), sleep(telemetryFlushLimitMs, undefined, { ref: false })]);
  process.exit(code);
}

/**
 * Runs a service as the process: starts it, answers SIGTERM/SIGINT with a graceful shutdown
 * and exit 0 (a second signal exits at once), and exits 1 with a fatal log line on invalid
 * configuration, a failed setup or ready(), or an uncaught error.
 */
export async function runService<Schema extends z.ZodType<BaseConfig> = typeof baseConfigSchema>(options: ServiceOptions<Schema>): Promise<void> {
  let logger: Logger = createLogger({ service: options.name });
  let service: RunningService<z.output<Schema>> | undefined;
  let stopping = false;

  const fail = async (error: unknown, message: string): Promise<never> => {
    // A config problem is the operator's, not the code's: the variables matter, a stack does not.
    logger.fatal(error instanceof ConfigError ? { problems: error.problems } : { err: error }, message);
    if (service && !stopping) {
      stopping = true;
      await service.shutdown('fatal error').catch(() => undefined);
    }
    return exit(1);
  };

  process.on('uncaughtException', (error) => void fail(error, 'uncaught exception'));
  process.on('unhandledRejection', (reason) => void fail(reason, 'unhandled rejection'));
  for (const signal of shutdownSignals) {
    process.on(signal, () => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting now');
        process.exit(128 + constants.signals[signal]);
      }
      stopping = true;
      if (!service) process.exit(128 + constants.signals[signal]); // nothing is served yet
      service.shutdown(signal).then(
        () => exit(0),
        (error: unknown) => fail(error, 'shutdown failed'),
      );
    });
  }

  try {
    service = await startService(options);
  } catch (error) {
    // A ConfigError's message already says everything: "Invalid configuration: GRPC_PORT: …".
    return fail(error, error instanceof ConfigError ? error.message : `startup failed: ${messageOf(error)}`);
  }
  logger = service.logger;
  const telemetry = activeTelemetry();
  if (telemetry && telemetry.serviceName !== service.name) {
    logger.warn({ telemetryServiceName: telemetry.serviceName }, 'telemetry runs under another service name: set SERVICE_NAME');
  }
  void telemetry?.metricsEndpoint?.then((endpoint) =>
    'url' in endpoint
      ? logger.info({ url: endpoint.url }, 'metrics endpoint listening')
      : logger.warn({ err: endpoint.error }, 'metrics endpoint unavailable: set a free METRICS_PORT, or 0 to disable it'),
  );
  service.serving.catch((error: unknown) => fail(error, `ready() failed: ${messageOf(error)}`));
  if (service.config.CPU_PROFILE_DIR) profileOnSignal(new CpuProfiler(service.config.CPU_PROFILE_DIR, service.name), logger);
}

/** SIGUSR2 toggles a CPU profile (SIGUSR1 is the inspector's own signal). */
function profileOnSignal(profiler: CpuProfiler, logger: Logger): void {
  process.on('SIGUSR2', () => {
    const toggled = profiler.running ? profiler.stop().then((path) => logger.info({ path }, 'cpu profile written')) : profiler.start().then(() => logger.info('cpu profile started'));
    toggled.catch((error: unknown) => logger.error({ err: error }, 'cpu profiling failed'));
  });
}
