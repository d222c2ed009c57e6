export interface AdaptiveLimitOptions {
  /** Limit before any call has finished. */
  initial: number;
  /** The limit never drops below this, so a service always takes some calls. */
  min: number;
  /** The limit never grows above this. */
  max: number;
  /** Factor applied to the limit when calls miss their deadline (0 < factor < 1). */
  backoff: number;
}

export const defaultAdaptiveLimitOptions: AdaptiveLimitOptions = { initial: 100, min: 2, max: 1000, backoff: 0.8 };

/** A call admitted by the limit: release it exactly once when it ends. */
export interface AdmittedCall {
  /** When the call was admitted (ms, any monotonic clock). */
  readonly startedMs: number;
}

/**
 * A concurrency limit that finds what a server can take by additive increase, multiplicative
 * decrease on missed deadlines, as TCP finds a link's window: every call that ends in time raises
 * the limit by 1/limit (about one per limit's worth of calls), and a missed deadline cuts it by
 * `backoff`, at most once per round trip (only calls admitted after the last cut can cut again,
 * since earlier ones queued under the old limit). Under overload the limit settles where queueing
 * stays within the callers' deadlines and the rest is shed at once, so goodput holds up instead of
 * every call timing out in a growing queue.
 */
export class AdaptiveConcurrencyLimit {
  private current: number;
  private running = 0;
  private lastCutMs = -Infinity;

  constructor(private readonly options: AdaptiveLimitOptions = defaultAdaptiveLimitOptions) {
    const { min, max, initial, backoff } = options;
    if (!(min >= 1 && max >= min)) throw new RangeError(`need 1 ≤ min ≤ max, got min ${min}, max ${max}`);
    if (!(backoff > 0 && backoff < 1)) throw new RangeError(`backoff must be in (0, 1), got ${backoff}`);
    this.current = Math.min(max, Math.max(min, initial));
  }

  /** Calls the limit admits at once now. */
  get limit(): number {
    return Math.floor(this.current);
  }

  get inFlight(): number {
    return this.running;
  }

  /** Admits a call, or returns undefined when `limit` calls are already running. */
  tryAcquire(nowMs: number): AdmittedCall | undefined {
    if (this.running >= this.limit) return undefined;
    this.running += 1;
    return { startedMs: nowMs };
  }

  /** Ends an admitted call; `missedDeadline` when it ended (or was cancelled) past its deadline. */
  release(call: AdmittedCall, missedDeadline: boolean, nowMs: number): void {
    this.running -= 1;
    if (!missedDeadline) {
      this.current = Math.min(this.options.max, this.current + 1 / this.current);
    } else if (call.startedMs > this.lastCutMs) {
      this.current = Math.max(this.options.min, this.current * this.options.backoff);
      this.lastCutMs = nowMs;
    }
  }
}
