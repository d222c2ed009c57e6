export interface RetryOptions {
  attempts?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** Retriable itself, or kafkajs giving up its own retries of a retriable error (the cause says so). */
function isRetriable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { retriable, cause } = error as { retriable?: unknown; cause?: unknown };
  return retriable === true || (cause !== undefined && cause !== error && isRetriable(cause));
}

/**
 * Calls `operation` again while it fails with an error Kafka marks retriable (e.g. "not the
 * correct coordinator" while a fresh broker is still loading its group metadata), with
 * exponential backoff; any other error, or the last attempt's, is thrown.
 */
export async function retryRetriable<T>(operation: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 10;
  let delayMs = options.initialDelayMs ?? 100;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts || !isRetriable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, options.maxDelayMs ?? 2_000);
    }
  }
}
