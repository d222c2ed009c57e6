import { budgetStep, cpuBudget, cpuBudgetTable, cpuMsPerRequest } from './cpu-budget';
import type { RateStep } from './report';

const step = (rate: number, cores: Record<string, number>, answered = 1): RateStep => {
  const offered = rate * 10;
  return {
    load: { ratePerSecond: rate, offered, latenciesMs: [], ok: Math.round(offered * answered), degraded: 0, degradedStages: {}, errors: {}, errorLatenciesMs: {}, maxSendLagMs: 0, seconds: 10 },
    eventsPerSecond: 10_000,
    cores,
  };
};

const idle = { feature: 0.5, 'candidate-retrieval': 0.3, ranking: 0.01, blending: 0.02, kafka: 0.1, producer: 0.4 };

describe('cpuMsPerRequest', () => {
  it('charges each process the cores it used beyond its idle cores, per request', () => {
    const ms = cpuMsPerRequest(idle, step(50, { feature: 1.0, 'candidate-retrieval': 0.3, ranking: 0.26, producer: 0.39, 'load generator': 0.1 }));
    expect(ms['feature']).toBeCloseTo(10);
    expect(ms['candidate-retrieval']).toBeCloseTo(0);
    expect(ms['ranking']).toBeCloseTo(5);
    // Below its idle cores (noise) counts as nothing, not as negative work.
    expect(ms['producer']).toBe(0);
    // A process with no idle reading (the load generator only runs during steps) is charged in full.
    expect(ms['load generator']).toBeCloseTo(2);
  });
});

describe('budgetStep', () => {
  it('reads the highest rate that answered at least 99% of its requests', () => {
    const steps = [step(10, {}), step(50, {}, 0.995), step(100, {}, 0.7)];
    expect(budgetStep(steps)?.load.ratePerSecond).toBe(50);
  });

  it('falls back to the lowest rate when none was answered', () => {
    expect(budgetStep([step(100, {}, 0.5), step(25, {}, 0.6)])?.load.ratePerSecond).toBe(25);
    expect(budgetStep([])).toBeUndefined();
  });
});

describe('cpuBudget', () => {
  it('adds up the system and all processes, and finds the rate at which the cores run out', () => {
    const busy = { feature: 0.7, 'candidate-retrieval': 0.5, ranking: 0.11, blending: 0.22, kafka: 0.1, producer: 0.4, 'load generator': 0.05 };
    const budget = cpuBudget(idle, [step(10, busy)], 2)!;
    // 20 + 20 + 10 + 20 + 0 ms per request in the system; the load generator adds 5.
    expect(budget.systemMs).toBeCloseTo(70);
    expect(budget.allMs).toBeCloseTo(75);
    expect(budget.idleCores).toBeCloseTo(1.33);
    expect(budget.cpuBoundRate).toBeCloseTo((0.67 * 1000) / 75);
  });

  it('is 0 req/s when the stream alone takes every core', () => {
    const budget = cpuBudget({ feature: 1.5, producer: 0.6 }, [step(10, { feature: 1.6 })], 2)!;
    expect(budget.cpuBoundRate).toBe(0);
  });
});

describe('cpuBudgetTable', () => {
  it('has a row per process with its idle cores and ms per request at each rate, then the bound', () => {
    const text = cpuBudgetTable(idle, [step(10, { feature: 0.7 }), step(20, { feature: 0.9 })], ['feature', 'kafka'], 2);
    const lines = text.split('\n');
    expect(lines[0]).toBe('| process | cores with no requests | ms per request at 10 req/s | ms per request at 20 req/s |');
    expect(lines[2]).toBe('| feature | 0.50 | 20.0 | 20.0 |');
    expect(lines[3]).toBe('| kafka | 0.10 | – | – |');
    expect(text).toContain('At 20 req/s a Recommend cost 20.0 ms of CPU');
  });
});
