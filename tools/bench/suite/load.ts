// Request loops for the stage benchmarks: one at a time, or a fixed number in flight.
import { LatencySummary, summarizeLatencies } from './stats';

export interface LoadResult extends LatencySummary {
  concurrency: number;
  seconds: number;
  requestsPerSecond: number;
}

/**
 * Sends `requests` calls of `call(i)` with `concurrency` in flight (1 = sequential), timing each
 * call in milliseconds, after `warmup` untimed calls.
 */
export async function closedLoop(call: (i: number) => Promise<unknown>, options: { requests: number; concurrency: number; warmup?: number }): Promise<LoadResult> {
  for (let i = 0; i < (options.warmup ?? 20); i++) await call(i);
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.requests) {
      const i = next++;
      const started = performance.now();
      await call(i);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { ...summarizeLatencies(latencies), concurrency: options.concurrency, seconds, requestsPerSecond: latencies.length / seconds };
}
