import { retryServiceConfig } from './retry-service-config';

const recommend = [{ service: 'cascade.blending.v1.BlendingService', method: 'Recommend' }];

describe('retryServiceConfig', () => {
  it('retries the named methods on UNAVAILABLE with exponential backoff and throttling', () => {
    const config = JSON.parse(retryServiceConfig(recommend, { retries: 2, initialBackoffMs: 20, maxBackoffMs: 500 }));
    expect(config.methodConfig).toEqual([
      {
        name: recommend,
        retryPolicy: { maxAttempts: 3, initialBackoff: '0.020s', maxBackoff: '0.500s', backoffMultiplier: 2, retryableStatusCodes: ['UNAVAILABLE'] },
      },
    ]);
    expect(config.retryThrottling).toEqual({ maxTokens: 10, tokenRatio: 0.1 });
  });

  it('has no retry policy with zero retries (grpc-js needs at least two attempts in one)', () => {
    expect(JSON.parse(retryServiceConfig(recommend, { retries: 0 })).methodConfig).toEqual([]);
  });

  it('rejects a negative or fractional retry count', () => {
    expect(() => retryServiceConfig(recommend, { retries: -1 })).toThrow(/non-negative integer/);
    expect(() => retryServiceConfig(recommend, { retries: 1.5 })).toThrow(/non-negative integer/);
  });
});
