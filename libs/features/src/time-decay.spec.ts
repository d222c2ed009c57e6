import { decayedAt, epochLengthMs, halfLives, scaledIncrement } from './time-decay';

describe('epoch-scaled decayed counters', () => {
  it('reads back w·2^(-Δt/h) for a single contribution', () => {
    const t = 1_700_000_000_000;
    const { epoch, amount } = scaledIncrement(3, t, '1d');
    expect(decayedAt(amount, epoch, '1d', t)).toBeCloseTo(3, 10);
    expect(decayedAt(amount, epoch, '1d', t + halfLives['1d'])).toBeCloseTo(1.5, 10);
    expect(decayedAt(amount, epoch, '1d', t + 3 * halfLives['1d'])).toBeCloseTo(3 / 8, 10);
  });

  it('sums contributions across an epoch boundary as plain exponential decay', () => {
    const boundary = epochLengthMs('1h') * 1000;
    const times = [boundary - 1_800_000, boundary + 900_000];
    const now = boundary + 3_600_000;
    let total = 0;
    for (const t of times) {
      const { epoch, amount } = scaledIncrement(1, t, '1h');
      total += decayedAt(amount, epoch, '1h', now);
    }
    const expected = times.reduce((s, t) => s + 2 ** (-(now - t) / halfLives['1h']), 0);
    expect(total).toBeCloseTo(expected, 10);
  });
});
