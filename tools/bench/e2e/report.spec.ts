import type { OpenLoopResult } from './open-loop';
import { highestRateWithinBar, rateTable, type RateStep } from './report';

const step = (rate: number, latencies: number[], extra: Partial<OpenLoopResult> = {}): RateStep => ({
  load: { ratePerSecond: rate, offered: latencies.length, latenciesMs: latencies, ok: latencies.length, degraded: 0, degradedStages: {}, errors: {}, errorLatenciesMs: {}, maxSendLagMs: 0, seconds: 1, ...extra },
  eventsPerSecond: 10_000,
  cores: { feature: 0.8, blending: 0.3 },
});

describe('highestRateWithinBar', () => {
  const fast = Array.from({ length: 100 }, (_, i) => 5 + i / 10);
  it('takes the highest rate whose p99 is within the bar', () => {
    expect(highestRateWithinBar([step(50, fast), step(100, fast), step(200, [...fast.slice(0, 98), 40, 50])])).toBe(100);
  });
  it('does not count a rate that answered degraded or failed some requests, however fast', () => {
    expect(highestRateWithinBar([step(50, fast), step(100, fast, { degraded: 3 }), step(200, fast.slice(1), { offered: 100, ok: 99, errors: { DEADLINE_EXCEEDED: 1 } })])).toBe(50);
  });
  it('is 0 when no rate met it', () => {
    expect(highestRateWithinBar([step(10, [31, 32, 33])])).toBe(0);
  });
});

describe('rateTable', () => {
  it('has one row per rate with latencies, outcomes and the cores of each process', () => {
    const table = rateTable([step(100, [1, 2, 3, 4, 100], { errors: { UNAVAILABLE: 2 }, offered: 7 })], ['feature', 'blending']).split('\n');
    expect(table).toHaveLength(3);
    expect(table[0]).toContain('feature cores');
    expect(table[2]).toBe('| 100 | 3.0 / 100 / 100 / 100 | 5/7 | 0 | UNAVAILABLE 2 | 71.4 | 10,000 | 0.80 | 0.30 |');
  });

  it('names the stages degraded answers gave, most frequent first', () => {
    const table = rateTable([step(10, [1, 2, 3], { degraded: 3, degradedStages: { retrieval: 1, ranking: 3 } })], []).split('\n');
    expect(table[2]).toContain('| 3 (ranking 3, retrieval 1) |');
  });
});
