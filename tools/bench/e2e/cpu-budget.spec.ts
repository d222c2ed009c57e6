import { cpuBudget, cpuBudgetTable, cpuMsPerRequest } from './cpu-budget';
import type { RateStep } from './report';

const step = (rate: number, cores: Record<string, number>): RateStep => ({
  load: { ratePerSecond: rate, offered: rate * 10, latenciesMs: [], ok: rate * 10, degraded: 0, degradedStages: {}, errors: {}, errorLatenciesMs: {}, maxSendLagMs: 0, seconds: 10 },
  eventsPerSecond: 0,
  cores,
});

describe('cpuMsPerRequest', () => {
  it('charges each process its extra cores per extra request between two rates', () => {
    // feature: 0.3 cores of background (an idle heap being collected) plus 10 ms per request.
    const ms = cpuMsPerRequest(step(10, { feature: 0.4, kafka: 0.05, 'load generator': 0.02 }), step(30, { feature: 0.6, kafka: 0.04, 'load generator': 0.06 }));
    expect(ms['feature']).toBeCloseTo(10);
    // Less at the higher rate (noise) counts as nothing, not as negative work.
    expect(ms['kafka']).toBe(0);
    expect(ms['load generator']).toBeCloseTo(2);
  });

  it('needs a higher second rate', () => {
    expect(() => cpuMsPerRequest(step(30, {}), step(30, {}))).toThrow(RangeError);
  });
});

describe('cpuBudget', () => {
  const low = step(10, { feature: 0.22, 'candidate-retrieval': 0.23, ranking: 0.11, blending: 0.22, kafka: 0.05, 'load generator': 0.05 });
  const high = step(30, { feature: 0.62, 'candidate-retrieval': 0.63, ranking: 0.31, blending: 0.62, kafka: 0.05, 'load generator': 0.15 });
  const streamCores = { feature: 0.7, 'candidate-retrieval': 0.3, ranking: 0.01, blending: 0.02, kafka: 0.1, producer: 0.4 };

  it('adds up a request in the system and in every process, and finds the rate at which the cores run out', () => {
    const budget = cpuBudget({ calibration: [low, high], streamCores, machineCores: 2 });
    // 20 + 20 + 10 + 20 + 0 ms per request in the system; the load generator adds 5.
    expect(budget.systemMs).toBeCloseTo(70);
    expect(budget.allMs).toBeCloseTo(75);
    expect(budget.streamCores).toBeCloseTo(1.53);
    expect(budget.cpuBoundRate).toBeCloseTo((0.47 * 1000) / 75);
  });

  it('is 0 req/s when the stream alone takes every core', () => {
    const budget = cpuBudget({ calibration: [low, high], streamCores: { feature: 1.5, producer: 0.6 }, machineCores: 2 });
    expect(budget.cpuBoundRate).toBe(0);
  });
});

describe('cpuBudgetTable', () => {
  it('has a row per process with its cores at both rates, ms per request and stream cores, then the bound', () => {
    const text = cpuBudgetTable({ calibration: [step(10, { feature: 0.3 }), step(30, { feature: 0.7 })], streamCores: { feature: 0.7 }, machineCores: 2 }, ['feature', 'producer']);
    const lines = text.split('\n');
    expect(lines[0]).toBe('| process | cores at 10 req/s | cores at 30 req/s | ms of CPU per Recommend | cores with the stream alone |');
    expect(lines[2]).toBe('| feature | 0.30 | 0.70 | 20.0 | 0.70 |');
    expect(lines[3]).toBe('| producer | – | – | – | – |');
    expect(text).toContain('A Recommend cost 20.0 ms of CPU in the four services and the broker');
    expect(text).toContain('about **65 req/s**');
  });
});
