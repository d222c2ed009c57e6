import { AdaptiveConcurrencyLimit } from './adaptive-concurrency-limit';

const options = { initial: 10, min: 2, max: 40, backoff: 0.5 };

function fill(limit: AdaptiveConcurrencyLimit, now: number) {
  const calls = [];
  for (let call = limit.tryAcquire(now); call; call = limit.tryAcquire(now)) calls.push(call);
  return calls;
}

describe('AdaptiveConcurrencyLimit', () => {
  it('admits up to the limit and sheds the rest until a call ends', () => {
    const limit = new AdaptiveConcurrencyLimit(options);
    const calls = fill(limit, 0);
    expect(calls).toHaveLength(10);
    expect(limit.tryAcquire(0)).toBeUndefined();
    limit.release(calls[0]!, false, 1);
    expect(limit.tryAcquire(1)).toBeDefined();
  });

  it('cuts by the backoff once per round trip when calls miss their deadlines', () => {
    const limit = new AdaptiveConcurrencyLimit(options);
    const calls = fill(limit, 0);
    // Every call queued under the old limit misses: only the first cut counts.
    for (const call of calls) limit.release(call, true, 100);
    expect(limit.limit).toBe(5);
    // Calls admitted after the cut that miss cut again.
    const next = fill(limit, 101);
    for (const call of next) limit.release(call, true, 200);
    expect(limit.limit).toBe(2);
    // Never below min.
    for (const call of fill(limit, 201)) limit.release(call, true, 300);
    expect(limit.limit).toBe(2);
  });

  it('grows by about one per limit of calls that end in time, up to max', () => {
    const limit = new AdaptiveConcurrencyLimit(options);
    for (let i = 0; i < 10; i++) limit.release(limit.tryAcquire(i)!, false, i);
    expect(limit.limit).toBe(10);
    for (let i = 0; i < 12; i++) limit.release(limit.tryAcquire(i)!, false, i);
    expect(limit.limit).toBe(12);
    for (let i = 0; i < 10_000; i++) limit.release(limit.tryAcquire(i)!, false, i);
    expect(limit.limit).toBe(40);
  });

  it('settles near what a server can finish in time (a simulated queue)', () => {
    // A server finishing `capacity` calls per tick, with callers giving up after `deadlineTicks`:
    // a call admitted behind too long a queue misses its deadline.
    const capacity = 5;
    const deadlineTicks = 4;
    const limit = new AdaptiveConcurrencyLimit({ initial: 200, min: 1, max: 1000, backoff: 0.8 });
    const queue: { call: NonNullable<ReturnType<AdaptiveConcurrencyLimit['tryAcquire']>>; admittedAt: number }[] = [];
    const limits: number[] = [];
    for (let tick = 0; tick < 2000; tick++) {
      for (let i = 0; i < 50; i++) {
        const call = limit.tryAcquire(tick);
        if (call) queue.push({ call, admittedAt: tick });
      }
      for (const { call, admittedAt } of queue.splice(0, capacity)) limit.release(call, tick - admittedAt > deadlineTicks, tick);
      if (tick >= 1000) limits.push(limit.limit);
    }
    const mean = limits.reduce((a, b) => a + b, 0) / limits.length;
    // Little's law: capacity × deadline calls can be in flight and still finish in time.
    expect(mean).toBeGreaterThan(capacity * deadlineTicks * 0.6);
    expect(mean).toBeLessThan(capacity * deadlineTicks * 1.5);
  });

  it('rejects settings that cannot work', () => {
    expect(() => new AdaptiveConcurrencyLimit({ ...options, min: 0 })).toThrow(RangeError);
    expect(() => new AdaptiveConcurrencyLimit({ ...options, max: 1 })).toThrow(RangeError);
    expect(() => new AdaptiveConcurrencyLimit({ ...options, backoff: 1 })).toThrow(RangeError);
  });
});

describe('a fixed limit (min = max)', () => {
  it('admits exactly its limit whatever the outcomes', () => {
    const limit = new AdaptiveConcurrencyLimit({ initial: 2, min: 2, max: 2, backoff: 0.8 });
    const first = limit.tryAcquire(0)!;
    limit.tryAcquire(0);
    expect(limit.tryAcquire(0)).toBeUndefined();
    limit.release(first, true, 1);
    expect(limit.limit).toBe(2);
    const next = limit.tryAcquire(2)!;
    limit.release(next, false, 3);
    expect(limit.limit).toBe(2);
  });
});
