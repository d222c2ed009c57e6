import type { UserSignals } from './candidate-source';
import { RecentValuesCache } from './recent-values-cache';

/** Asks for a user's signals; `call` carries what the call needs besides the user (deadline, cancellation). */
export type FetchUserSignals<Call> = (userId: string, call: Call) => Promise<UserSignals>;

export interface UserSignalsCacheOptions {
  /** How long a user's signals are reused after they were fetched; 0 fetches them for every request. */
  ttlMs: number;
  maxUsers: number;
  now(): number;
}

/**
 * The user-signals dependency with a short memory: a user's signals fetched less than `ttlMs` ago are
 * reused instead of asking the feature service again. Only answers are kept, never failures.
 */
export function cachedUserSignals<Call>(fetch: FetchUserSignals<Call>, { ttlMs, maxUsers, now }: UserSignalsCacheOptions): FetchUserSignals<Call> {
  if (ttlMs <= 0) return fetch;
  const cache = new RecentValuesCache<UserSignals>(ttlMs, maxUsers);
  return async (userId, call) => {
    const startedAtMs = now();
    const cached = cache.get(userId, startedAtMs);
    if (cached) return cached;
    const fetched = await fetch(userId, call);
    cache.set(userId, fetched, startedAtMs);
    return fetched;
  };
}
