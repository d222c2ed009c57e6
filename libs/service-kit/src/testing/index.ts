/** Test helpers for services built with the kit: real processes and real protocol probes. */
export { HealthProbe, ReflectionProbe, type HealthStatus } from './probe-clients';
export { freePort, ServiceProcess, type LogLine, type ServiceProcessOptions } from './service-process';
export { describeServiceContract, type ServiceContractOptions } from './service-contract';
