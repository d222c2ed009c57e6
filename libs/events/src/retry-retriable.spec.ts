import { retryRetriable } from './retry-retriable';

const retriable = () => Object.assign(new Error('This is not the correct coordinator for this group'), { retriable: true });

describe('retryRetriable', () => {
  it('retries retriable errors until the operation succeeds', async () => {
    let calls = 0;
    const result = await retryRetriable(
      async () => {
        if (++calls < 3) throw retriable();
        return 'offsets';
      },
      { initialDelayMs: 1 },
    );
    expect(result).toBe('offsets');
    expect(calls).toBe(3);
  });

  it('retries when kafkajs gave up its own retries of a retriable error (the cause is retriable)', async () => {
    let calls = 0;
    const exhausted = () => Object.assign(new Error('This server is not the leader for that topic-partition'), { retriable: false, cause: retriable() });
    const result = await retryRetriable(
      async () => {
        if (++calls < 2) throw exhausted();
        return 'offsets';
      },
      { initialDelayMs: 1 },
    );
    expect(result).toBe('offsets');
    const plainCause = Object.assign(new Error('gave up'), { retriable: false, cause: new Error('bad request') });
    await expect(retryRetriable(() => Promise.reject(plainCause), { initialDelayMs: 1 })).rejects.toThrow('gave up');
  });

  it('throws a non-retriable error at once and the last retriable one after the attempts', async () => {
    let calls = 0;
    await expect(retryRetriable(async () => ((calls++, Promise.reject(new Error('bad topic'))) as Promise<never>), { initialDelayMs: 1 })).rejects.toThrow('bad topic');
    expect(calls).toBe(1);
    await expect(retryRetriable(() => Promise.reject(retriable()), { attempts: 3, initialDelayMs: 1 })).rejects.toThrow(/coordinator/);
  });
});
