export { runService } from './service/run-service';
export { startService, type RunningService, type StartOptions } from './service/start-service';
export type { ClientRegistry, ServiceHooks, ServiceOptions, SetupContext } from './service/service-options';

export { baseConfigSchema, logLevels, type BaseConfig } from './config/base-config';
export { env } from './config/env';
export { parseJsonSetting } from './config/json-setting';
export { ConfigError, loadConfig, type ConfigProblem, type Env } from './config/load-config';

export { createLogger, type Logger, type LoggerOptions } from './logging/create-logger';

export { unary, type UnaryContext, type UnaryHandler, type UnaryOptions } from './handlers/unary';
export { GrpcError, ValidationError } from './handlers/grpc-error';
export { field } from './validation/field';

export { deadlineFrom, deadlineMs, type DeadlineSource, type DownstreamBudget } from './deadlines/deadline';
export { callUnary, type UnaryCallOptions, type UnaryMethod } from './client/call-unary';
export { createClient, type ClientConstructor, type CreateClientOptions, type PromiseMethods, type ServiceClient } from './client/create-client';

export { HealthReporter, type ServingStatus } from './server/health-reporter';
export type { HandlerFor, ImplementationOf, ServiceRegistrar } from './server/service-registrar';
export { activeTelemetry, type MetricsEndpoint, type Telemetry } from './telemetry/active-telemetry';

export { status } from '@grpc/grpc-js';
