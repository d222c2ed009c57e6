export { createCascadeClient, type CallOptions, type CascadeClient, type CascadeClientOptions } from './cascade-client';
export { checkHealth, createHealthClient, probeHealth, type HealthResult, type HealthState } from './health-check';
export { retryServiceConfig, type RetryOptions } from './retry-service-config';
export { addressEnv, defaultPorts, serviceAddresses } from './service-addresses';
