import { cachedUserSignals } from './cached-user-signals';
import { noUserSignals, UserSignals } from './candidate-source';
import { RecentValuesCache } from './recent-values-cache';

describe('RecentValuesCache', () => {
  it('returns a value until its TTL has passed since the fetch, then forgets it', () => {
    const cache = new RecentValuesCache<string>(1000, 10);
    cache.set('u1', 'a', 5000);
    expect(cache.get('u1', 5999)).toBe('a');
    expect(cache.get('u1', 6000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops the oldest entries beyond its capacity and expired ones as new ones arrive', () => {
    const cache = new RecentValuesCache<number>(1000, 2);
    cache.set('a', 1, 0);
    cache.set('b', 2, 10);
    cache.set('c', 3, 20);
    expect([cache.get('a', 30), cache.get('b', 30), cache.get('c', 30)]).toEqual([undefined, 2, 3]);
    cache.set('d', 4, 1015);
    expect(cache.size).toBe(2);
    expect(cache.get('c', 1015)).toBe(3);
  });

  it('replaces a key’s value and its fetch time', () => {
    const cache = new RecentValuesCache<string>(1000, 10);
    cache.set('u1', 'old', 0);
    cache.set('u1', 'new', 900);
    expect(cache.get('u1', 1500)).toBe('new');
  });

  it('keeps nothing when its TTL is 0', () => {
    const cache = new RecentValuesCache<string>(0, 10);
    cache.set('u1', 'a', 0);
    expect(cache.get('u1', 0)).toBeUndefined();
  });
});

describe('cachedUserSignals', () => {
  const signal = new AbortController().signal;
  const signalsOf = (userId: string, n: number): UserSignals => ({ ...noUserSignals, seenItemIds: [`${userId}-seen-${n}`] });

  function counting(fail = false) {
    const calls: string[] = [];
    const fetch = async (userId: string) => {
      calls.push(userId);
      if (fail) throw new Error('feature service down');
      return signalsOf(userId, calls.length);
    };
    return { calls, fetch };
  }

  it('asks the feature service once per user within the TTL, and again after it', async () => {
    let nowMs = 0;
    const { calls, fetch } = counting();
    const userSignals = cachedUserSignals(fetch, { ttlMs: 1000, maxUsers: 100, now: () => nowMs });
    expect((await userSignals('u1', signal)).seenItemIds).toEqual(['u1-seen-1']);
    nowMs = 999;
    expect((await userSignals('u1', signal)).seenItemIds).toEqual(['u1-seen-1']);
    await userSignals('u2', signal);
    nowMs = 1000;
    expect((await userSignals('u1', signal)).seenItemIds).toEqual(['u1-seen-3']);
    expect(calls).toEqual(['u1', 'u2', 'u1']);
  });

  it('never keeps a failure', async () => {
    const { calls, fetch } = counting(true);
    const userSignals = cachedUserSignals(fetch, { ttlMs: 1000, maxUsers: 100, now: () => 0 });
    await expect(userSignals('u1', signal)).rejects.toThrow('feature service down');
    await expect(userSignals('u1', signal)).rejects.toThrow('feature service down');
    expect(calls).toEqual(['u1', 'u1']);
  });

  it('fetches for every request when disabled', async () => {
    const { calls, fetch } = counting();
    const userSignals = cachedUserSignals(fetch, { ttlMs: 0, maxUsers: 100, now: () => 0 });
    await userSignals('u1', signal);
    await userSignals('u1', signal);
    expect(calls).toEqual(['u1', 'u1']);
  });
});
