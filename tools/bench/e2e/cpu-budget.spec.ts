import { cpuBudget, cpuBudgetTable, cpuMsPerRequest } from './cpu-budget';
import type { RateStep } from './report';

const step = (rate: number, cores: Record<string, number>): RateStep => ({
  load: { ratePerSecond: rate, offered: rate * 10, latenciesMs: [], ok: rate * 10, degraded: 0, degradedStages: {}, errors: {}, errorLatenciesMs: {}, maxSendLagMs: 0, seconds: 10 },
  eventsPerSecond: 0,
  cores,
});

const quiet = { feature: 0.02, 'candidate-retrieval': 0.03, ranking: 0.01, blending: 0.02, kafka: 0.05, producer: Number.NaN };

describe('cpuMsPerRequest', () => {
  it('charges each process the cores it used beyond its idle cores, per request', () => {
    const ms = cpuMsPerRequest(quiet, step(50, { feature: 0.52, 'candidate-retrieval': 0.03, kafka: 0.04, 'load generator': 0.1 }));
    expect(ms['feature']).toBeCloseTo(10);
    expect(ms['candidate-retrieval']).toBeCloseTo(0);
    // Below its idle cores (noise) counts as nothing, not as negative work.
    expect(ms['kafka']).toBe(0);
    // A process with no idle reading (the load generator only runs during steps) is charged in full.
    expect(ms['load generator']).toBeCloseTo(2);
  });
});

describe('cpuBudget', () => {
  const calibration = step(20, { feature: 0.42, 'candidate-retrieval': 0.43, ranking: 0.21, blending: 0.42, kafka: 0.05, 'load generator': 0.1 });
  const streamCores = { feature: 0.7, 'candidate-retrieval': 0.3, ranking: 0.01, blending: 0.02, kafka: 0.1, producer: 0.4 };

  it('adds up a request in the system and in every process, and finds the rate at which the cores run out', () => {
    const budget = cpuBudget({ quietCores: quiet, calibration, streamCores, machineCores: 2 });
    // 20 + 20 + 10 + 20 + 0 ms per request in the system; the load generator adds 5.
    expect(budget.systemMs).toBeCloseTo(70);
    expect(budget.allMs).toBeCloseTo(75);
    expect(budget.streamCores).toBeCloseTo(1.53);
    expect(budget.cpuBoundRate).toBeCloseTo((0.47 * 1000) / 75);
  });

  it('is 0 req/s when the stream alone takes every core', () => {
    const budget = cpuBudget({ quietCores: quiet, calibration, streamCores: { feature: 1.5, producer: 0.6 }, machineCores: 2 });
    expect(budget.cpuBoundRate).toBe(0);
  });
});

describe('cpuBudgetTable', () => {
  it('has a row per process with its quiet cores, ms per request and stream cores, then the bound', () => {
    const text = cpuBudgetTable({ quietCores: quiet, calibration: step(10, { feature: 0.22 }), streamCores: { feature: 0.7 }, machineCores: 2 }, ['feature', 'producer']);
    const lines = text.split('\n');
    expect(lines[0]).toBe('| process | cores, nothing running | ms of CPU per Recommend (10 req/s, no stream) | cores with the stream alone |');
    expect(lines[2]).toBe('| feature | 0.02 | 20.0 | 0.70 |');
    expect(lines[3]).toBe('| producer | – | – | – |');
    expect(text).toContain('A Recommend cost 20.0 ms of CPU in the four services and the broker');
    expect(text).toContain('about **65 req/s**');
  });
});
