import { effectiveDeadline } from './call-unary';

const now = 1_700_000_000_000;

describe('effectiveDeadline', () => {
  it('is undefined with nothing to bound the call', () => {
    expect(effectiveDeadline({}, now)).toBeUndefined();
    expect(effectiveDeadline({ parent: { getDeadline: () => Number.POSITIVE_INFINITY } as never }, now)).toBeUndefined();
  });

  it('uses an explicit deadline over the budget', () => {
    expect(effectiveDeadline({ deadline: now + 10, budgetMs: 50 }, now)).toBe(now + 10);
    expect(effectiveDeadline({ deadline: new Date(now + 90), budgetMs: 50 }, now)).toBe(now + 90);
    expect(effectiveDeadline({ budgetMs: 50 }, now)).toBe(now + 50);
  });

  it("caps the call at the parent's deadline less the reserve", () => {
    const parent = { getDeadline: () => now + 40 } as never;
    expect(effectiveDeadline({ parent, budgetMs: 100, reserveMs: 10 }, now)).toBe(now + 30);
    expect(effectiveDeadline({ parent, budgetMs: 20, reserveMs: 10 }, now)).toBe(now + 20);
    expect(effectiveDeadline({ parent }, now)).toBe(now + 40);
  });
});
