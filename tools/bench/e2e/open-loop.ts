// Open-loop load: requests leave at a fixed arrival rate whatever the server does (a closed loop
// would slow down with the server and hide its queueing). Each latency is measured from the
// request's scheduled time, so a generator that falls behind charges the delay to the result
// instead of silently omitting it.

/** `degradedStages`: the stages a degraded answer names (RecommendResponse.degraded_stages). */
export type CallOutcome = { ok: true; degraded: boolean; degradedStages?: readonly string[] } | { ok: false; error: string };

export interface OpenLoopOptions {
  ratePerSecond: number;
  durationMs: number;
  /** Sends request `i`; resolves with its outcome (never rejects). */
  call(i: number): Promise<CallOutcome>;
  now?: () => number;
  /** Waits until about `ms` from now. */
  wait?: (ms: number) => Promise<void>;
}

export interface OpenLoopResult {
  ratePerSecond: number;
  offered: number;
  /** Latency of every answered request (ok, degraded or not), ms from its scheduled time. */
  latenciesMs: number[];
  ok: number;
  degraded: number;
  /** Degraded answers by the stage they name (an answer may name several). */
  degradedStages: Record<string, number>;
  errors: Record<string, number>;
  /** Latency of the failed requests, by status (e.g. how fast shed requests were refused). */
  errorLatenciesMs: Record<string, number[]>;
  /** Largest lag of a send behind its schedule: how well the generator itself kept up. */
  maxSendLagMs: number;
  seconds: number;
}

const realWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runOpenLoop({ ratePerSecond, durationMs, call, now = () => performance.now(), wait = realWait }: OpenLoopOptions): Promise<OpenLoopResult> {
  const offered = Math.floor((ratePerSecond * durationMs) / 1000);
  const interval = 1000 / ratePerSecond;
  const result: OpenLoopResult = { ratePerSecond, offered, latenciesMs: [], ok: 0, degraded: 0, degradedStages: {}, errors: {}, errorLatenciesMs: {}, maxSendLagMs: 0, seconds: 0 };
  const pending: Promise<void>[] = [];
  const start = now();
  for (let i = 0; i < offered; ) {
    const t = now();
    for (; i < offered && start + i * interval <= t; i++) {
      const scheduled = start + i * interval;
      result.maxSendLagMs = Math.max(result.maxSendLagMs, t - scheduled);
      pending.push(
        call(i).then((outcome) => {
          if (outcome.ok) {
            result.latenciesMs.push(now() - scheduled);
            result.ok += 1;
            if (outcome.degraded) result.degraded += 1;
            for (const stage of outcome.degradedStages ?? []) result.degradedStages[stage] = (result.degradedStages[stage] ?? 0) + 1;
          } else {
            result.errors[outcome.error] = (result.errors[outcome.error] ?? 0) + 1;
            (result.errorLatenciesMs[outcome.error] ??= []).push(now() - scheduled);
          }
        }),
      );
    }
    if (i < offered) await wait(Math.max(0, start + i * interval - now()));
  }
  await Promise.all(pending);
  result.seconds = (now() - start) / 1000;
  return result;
}

/** Requests answered, not degraded, within the deadline, per second offered: the useful throughput. */
export function goodput(result: OpenLoopResult): number {
  return (result.ok - result.degraded) / Math.max(1e-9, result.offered / result.ratePerSecond);
}
