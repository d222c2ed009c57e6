import { type CallOutcome, goodput, runOpenLoop } from './open-loop';

/** A virtual clock: waiting advances it, so a schedule is checked without real time. */
function virtualClock() {
  let t = 0;
  const wait = async (ms: number) => {
    await null; // answers already in hand are taken at the current time, as a real timer would
    t += Math.max(ms, 0.001);
  };
  return { now: () => t, wait, advance: (ms: number) => void (t += ms) };
}

describe('runOpenLoop', () => {
  it('offers rate × duration requests whatever the server does, and counts each outcome', async () => {
    const clock = virtualClock();
    const outcomes: CallOutcome[] = [{ ok: true, degraded: false }, { ok: true, degraded: true, degradedStages: ['ranking'] }, { ok: false, error: 'DEADLINE_EXCEEDED' }];
    const result = await runOpenLoop({ ratePerSecond: 300, durationMs: 1000, call: async (i) => outcomes[i % 3]!, ...clock });
    expect(result.offered).toBe(300);
    expect(result.ok).toBe(200);
    expect(result.degraded).toBe(100);
    expect(result.degradedStages).toEqual({ ranking: 100 });
    expect(result.errors).toEqual({ DEADLINE_EXCEEDED: 100 });
    expect(result.errorLatenciesMs['DEADLINE_EXCEEDED']).toHaveLength(100);
    expect(goodput(result)).toBeCloseTo(100);
  });

  it('charges a request the time it waited behind its schedule, not just its own round trip', async () => {
    const clock = virtualClock();
    const answered: number[] = [];
    const result = await runOpenLoop({
      ratePerSecond: 10,
      durationMs: 500,
      call: async (i) => {
        // The generator is stalled 250 ms when it sends request 1: requests 1–3 leave late.
        if (i === 0) clock.advance(250);
        answered.push(i);
        return { ok: true, degraded: false };
      },
      ...clock,
    });
    expect(answered).toEqual([0, 1, 2, 3, 4]);
    // Request 0 took 250 ms; requests 1, 2 were sent at 250 ms though due at 100 and 200 ms.
    expect(result.latenciesMs.slice(0, 3).map(Math.round)).toEqual([250, 150, 50]);
    expect(Math.round(result.maxSendLagMs)).toBe(150);
  });
});
