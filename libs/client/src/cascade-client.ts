import type { Channel } from '@grpc/grpc-js';
import { BlendingServiceClient, RecommendRequest, type RecommendResponse, serviceNames } from '@cascade/contracts';
import { createClient } from '@cascade/service-kit';
import { checkHealth, createHealthClient, type HealthResult } from './health-check';
import { retryServiceConfig } from './retry-service-config';

export interface CascadeClientOptions {
  /** host:port of the blending service, the public entry point. */
  address: string;
  /** Deadline of a call given none (default 1000 ms). */
  defaultDeadlineMs?: number;
  /** Retries of idempotent calls (Recommend) on UNAVAILABLE, with backoff and throttling (default 2). */
  retries?: number;
  /** First retry backoff (default 50 ms; doubles up to 1 s). */
  initialBackoffMs?: number;
}

export interface CallOptions {
  /** This call's deadline, overriding the default; it bounds all attempts together. */
  deadlineMs?: number;
  /** Cancels the call when aborted. */
  signal?: AbortSignal;
}

export interface CascadeClient {
  recommend(request: Partial<RecommendRequest>, options?: CallOptions): Promise<RecommendResponse>;
  /** grpc.health.v1 Check of the blending service on the same channel. */
  health(options?: CallOptions): Promise<HealthResult>;
  /** Closes the channel; calls after this fail. */
  close(): void;
}

/**
 * One channel to the blending service, reused by every call until `close()`:
 *
 *   const cascade = createCascadeClient({ address: 'blending:50051', defaultDeadlineMs: 300, retries: 2 });
 *   const { items, degraded } = await cascade.recommend({ userId, surface: Surface.SURFACE_SPOTLIGHT, limit: 10 });
 *
 * Retries are grpc-js's own (service config retryPolicy and retryThrottling), not a loop here.
 * Tracing: a host process that registers @opentelemetry/instrumentation-grpc (as
 * `@cascade/service-kit/instrument` does) gets a client span per call and the trace context
 * propagated in metadata, since calls go through the generated client's own methods.
 */
export function createCascadeClient({ address, defaultDeadlineMs = 1000, retries = 2, initialBackoffMs }: CascadeClientOptions): CascadeClient {
  const blending = createClient(BlendingServiceClient, address, {
    defaultTimeoutMs: defaultDeadlineMs,
    channelOptions: {
      'grpc.enable_retries': 1,
      'grpc.service_config': retryServiceConfig([{ service: serviceNames.blending, method: 'Recommend' }], {
        retries,
        ...(initialBackoffMs === undefined ? {} : { initialBackoffMs }),
      }),
    },
  });
  // getChannel() is typed as grpc-js's internal Channel interface; it is the exported Channel class.
  const health = createHealthClient(address, blending.grpc.getChannel() as Channel);

  return {
    recommend: (request, { deadlineMs = defaultDeadlineMs, signal } = {}) =>
      blending.recommend(RecommendRequest.fromPartial(request), { budgetMs: deadlineMs, ...(signal ? { signal } : {}) }),
    health: ({ deadlineMs = defaultDeadlineMs } = {}) => checkHealth(health, serviceNames.blending, deadlineMs),
    close: () => blending.close(),
  };
}
