import type { Meter } from '@opentelemetry/api';
import type { z } from 'zod';
import type { ClientConstructor, CreateClientOptions, ServiceClient } from '../client/create-client';
import type { BaseConfig, baseConfigSchema } from '../config/base-config';
import type { Env } from '../config/load-config';
import type { Logger } from '../logging/create-logger';
import type { HealthReporter } from '../server/health-reporter';
import type { ServiceRegistrar } from '../server/service-registrar';
import type { Client } from '@grpc/grpc-js';

export interface ClientRegistry {
  /** createClient, closed for you at shutdown once in-flight calls have drained. */
  create<Ctor extends ClientConstructor<Client>>(ClientCtor: Ctor, address: string, options: CreateClientOptions): ServiceClient<Ctor>;
}

export interface SetupContext<Config> {
  config: Config;
  logger: Logger;
  /** Register gRPC services here; each starts NOT_SERVING in health and is listed by reflection. */
  server: ServiceRegistrar;
  health: HealthReporter;
  clients: ClientRegistry;
  /** For the service's own metrics; a no-op meter unless the instrument entry started OpenTelemetry. */
  meter: Meter;
}

export interface ServiceHooks {
  /** Runs once the server listens (health answers NOT_SERVING meanwhile); SERVING when it resolves. */
  ready?: () => Promise<void> | void;
  /** Runs at shutdown after in-flight calls drained and clients closed: release what setup acquired. */
  close?: () => Promise<void> | void;
}

export interface ServiceOptions<Schema extends z.ZodType<BaseConfig> = typeof baseConfigSchema> {
  /** Service name for logs, telemetry and health; SERVICE_NAME overrides it. */
  name: string;
  /** Env schema, usually baseConfigSchema.extend({...}); baseConfigSchema when omitted. */
  configSchema?: Schema;
  /** Variables to read; process.env when omitted. */
  env?: Env;
  setup(context: SetupContext<z.output<Schema>>): Promise<ServiceHooks | void> | ServiceHooks | void;
}
