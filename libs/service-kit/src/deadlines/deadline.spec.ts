import { deadlineFrom, deadlineMs } from './deadline';

const now = 1_700_000_000_000;

describe('deadlineMs', () => {
  it('reads dates, numbers, calls and contexts', () => {
    expect(deadlineMs(new Date(now))).toBe(now);
    expect(deadlineMs(now)).toBe(now);
    expect(deadlineMs({ getDeadline: () => now + 5 })).toBe(now + 5);
    expect(deadlineMs({ deadline: new Date(now + 7) })).toBe(now + 7);
  });

  it('is Infinity without a deadline', () => {
    expect(deadlineMs(undefined)).toBe(Number.POSITIVE_INFINITY);
    expect(deadlineMs(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(deadlineMs({ getDeadline: () => Number.POSITIVE_INFINITY })).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('deadlineFrom', () => {
  it('keeps the budget when the parent has more time left', () => {
    expect(deadlineFrom(new Date(now + 100), { budgetMs: 30, reserveMs: 10, now }).getTime()).toBe(now + 30);
  });

  it('keeps the parent deadline minus the reserve when that comes first', () => {
    expect(deadlineFrom(new Date(now + 40), { budgetMs: 50, reserveMs: 15, now }).getTime()).toBe(now + 25);
  });

  it('uses the budget alone when the parent has no deadline', () => {
    expect(deadlineFrom(undefined, { budgetMs: 20, now }).getTime()).toBe(now + 20);
    expect(deadlineFrom({ getDeadline: () => Number.POSITIVE_INFINITY }, { budgetMs: 20, now }).getTime()).toBe(now + 20);
  });

  it('returns a passed deadline when the reserve eats all the time left', () => {
    expect(deadlineFrom(new Date(now + 5), { budgetMs: 50, reserveMs: 10, now }).getTime()).toBe(now - 5);
  });

  it('defaults the reserve to zero and the clock to Date.now()', () => {
    const before = Date.now();
    const deadline = deadlineFrom(undefined, { budgetMs: 1000 }).getTime();
    expect(deadline).toBeGreaterThanOrEqual(before + 1000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 1000);
  });
});
