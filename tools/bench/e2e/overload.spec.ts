import type { OpenLoopResult } from './open-loop';
import { capacityOf, overloadBar } from './overload';
import type { RateStep } from './report';

const step = (rate: number, ok: number, degraded = 0, errors: Record<string, number[]> = {}): RateStep => ({
  load: {
    ratePerSecond: rate,
    offered: rate,
    latenciesMs: Array<number>(ok).fill(5),
    ok,
    degraded,
    degradedStages: {},
    errors: Object.fromEntries(Object.entries(errors).map(([code, l]) => [code, l.length])),
    errorLatenciesMs: errors,
    maxSendLagMs: 0,
    seconds: 1,
  } satisfies OpenLoopResult,
  eventsPerSecond: 0,
  cores: {},
});

describe('overload', () => {
  it('takes capacity as the highest rate answered in full, degraded answers included', () => {
    expect(capacityOf([step(10, 10), step(20, 20, 5), step(40, 35)])).toBe(20);
    expect(capacityOf([step(10, 9), step(20, 12)])).toBe(10);
  });

  it('meets the bar with ≥ 90% of capacity goodput, fast sheds and no crash — and not otherwise', () => {
    const steps = [step(20, 20)];
    expect(overloadBar(step(100, 19, 0, { RESOURCE_EXHAUSTED: Array<number>(81).fill(2) }), 20, steps, []).met).toBe(true);
    expect(overloadBar(step(100, 15, 0, { RESOURCE_EXHAUSTED: Array<number>(85).fill(2) }), 20, steps, []).met).toBe(false);
    expect(overloadBar(step(100, 19, 0, { RESOURCE_EXHAUSTED: Array<number>(81).fill(25) }), 20, steps, []).met).toBe(false);
    expect(overloadBar(step(100, 19, 0, { RESOURCE_EXHAUSTED: [1] }), 20, steps, ['ranking']).met).toBe(false);
  });
});
