/**
 * Exponentially time-decayed sums stored as plain additive counters.
 *
 * A contribution w at event time t is written as w·2^((t − epochStart)/halfLife) into the counter
 * of t's epoch. Additions commute, so late and out-of-order events land exactly where they would
 * have in order, replicas can increment atomically (Redis HINCRBYFLOAT), and a read at time `now`
 * only rescales: Σ counter_e · 2^((epochStart_e − now)/halfLife). Epochs span EPOCH_HALF_LIVES
 * half-lives so the scale factor stays within float precision; counters two epochs old hold
 * less than 2^-EPOCH_HALF_LIVES of their weight and are pruned.
 */
export const EPOCH_HALF_LIVES = 20;

export const halfLives = {
  '1h': 3_600_000,
  '1d': 86_400_000,
  '7d': 604_800_000,
} as const;

export type HalfLife = keyof typeof halfLives;
export const halfLifeNames = Object.keys(halfLives) as HalfLife[];

export function epochLengthMs(halfLife: HalfLife): number {
  return halfLives[halfLife] * EPOCH_HALF_LIVES;
}

export function epochOf(timeMs: number, halfLife: HalfLife): number {
  return Math.floor(timeMs / epochLengthMs(halfLife));
}

/** Scaled amount to add to the counter of `timeMs`'s epoch. */
export function scaledIncrement(weight: number, timeMs: number, halfLife: HalfLife): { epoch: number; amount: number } {
  const epoch = epochOf(timeMs, halfLife);
  const sinceEpochStart = timeMs - epoch * epochLengthMs(halfLife);
  return { epoch, amount: weight * 2 ** (sinceEpochStart / halfLives[halfLife]) };
}

/** Value at `nowMs` of one epoch's scaled counter. */
export function decayedAt(scaled: number, epoch: number, halfLife: HalfLife, nowMs: number): number {
  const epochStart = epoch * epochLengthMs(halfLife);
  return scaled * 2 ** ((epochStart - nowMs) / halfLives[halfLife]);
}

/** Epochs that are old enough to drop once an event of `timeMs` arrives. */
export function prunableEpochs(timeMs: number, halfLife: HalfLife): number[] {
  return epochsToPrune(epochOf(timeMs, halfLife));
}

/** Epochs that are old enough to drop once an event of `epoch` arrives. */
export function epochsToPrune(epoch: number): number[] {
  return [epoch - 2, epoch - 3];
}
