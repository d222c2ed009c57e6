export interface RetryOptions {
  /** Retries after the first attempt (0 disables retrying; grpc-js caps attempts at 5). */
  retries: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

interface MethodName {
  service: string;
  method: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(3)}s`;

/**
 * A gRPC service config (the `grpc.service_config` channel option) that retries the given
 * idempotent methods on UNAVAILABLE with exponential backoff, and throttles retries channel-wide:
 * once failures drain the token bucket below half, calls are no longer retried.
 */
export function retryServiceConfig(methods: MethodName[], { retries, initialBackoffMs = 50, maxBackoffMs = 1000 }: RetryOptions): string {
  if (!Number.isInteger(retries) || retries < 0) throw new Error(`retries must be a non-negative integer, got ${retries}`);
  const methodConfig =
    retries === 0
      ? []
      : [
          {
            name: methods,
            retryPolicy: {
              maxAttempts: retries + 1,
              initialBackoff: seconds(initialBackoffMs),
              maxBackoff: seconds(Math.max(maxBackoffMs, initialBackoffMs)),
              backoffMultiplier: 2,
              retryableStatusCodes: ['UNAVAILABLE'],
            },
          },
        ];
  return JSON.stringify({ methodConfig, retryThrottling: { maxTokens: 10, tokenRatio: 0.1 } });
}
