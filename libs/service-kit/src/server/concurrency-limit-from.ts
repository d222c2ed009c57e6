import type { Meter } from '@opentelemetry/api';
import type { BaseConfig } from '../config/base-config';
import { AdaptiveConcurrencyLimit, defaultAdaptiveLimitOptions } from './adaptive-concurrency-limit';

type LimitConfig = Pick<BaseConfig, 'GRPC_ADAPTIVE_LIMIT' | 'GRPC_MAX_IN_FLIGHT'>;

/** The server's concurrency limit from configuration (undefined: none), reported as `rpc.server.concurrency_limit`. */
export function concurrencyLimitFrom(config: LimitConfig, meter: Meter): AdaptiveConcurrencyLimit | undefined {
  let limit: AdaptiveConcurrencyLimit | undefined;
  if (config.GRPC_ADAPTIVE_LIMIT) {
    const max = config.GRPC_MAX_IN_FLIGHT || defaultAdaptiveLimitOptions.max;
    limit = new AdaptiveConcurrencyLimit({
      ...defaultAdaptiveLimitOptions,
      max,
      min: Math.min(defaultAdaptiveLimitOptions.min, max),
      initial: Math.min(defaultAdaptiveLimitOptions.initial, max),
    });
  } else if (config.GRPC_MAX_IN_FLIGHT > 0) {
    // Bounds that meet: the limit never moves.
    const fixed = config.GRPC_MAX_IN_FLIGHT;
    limit = new AdaptiveConcurrencyLimit({ ...defaultAdaptiveLimitOptions, initial: fixed, min: fixed, max: fixed });
  }
  if (limit) {
    const observed = limit;
    meter
      .createObservableGauge('rpc.server.concurrency_limit', { description: 'Concurrent calls the server admits before shedding with RESOURCE_EXHAUSTED' })
      .addCallback((result) => result.observe(observed.limit, { adaptive: config.GRPC_ADAPTIVE_LIMIT }));
  }
  return limit;
}
