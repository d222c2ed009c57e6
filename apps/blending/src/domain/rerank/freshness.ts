/**
 * Value multiplier for an item's age: 1 + boost for a brand-new upload, halving its extra with
 * every half-life (a day-old item with a 12 h half-life keeps a quarter of the boost).
 */
export function freshnessMultiplier(createdAtMs: number, nowMs: number, boost: number, halfLifeMs: number): number {
  if (boost === 0 || !createdAtMs) return 1;
  const ageMs = Math.max(0, nowMs - createdAtMs);
  return 1 + boost * 2 ** (-ageMs / halfLifeMs);
}

/** Scales a value by a multiplier without turning a negative value (a likely hide) less negative. */
export function boostValue(value: number, multiplier: number): number {
  return value >= 0 ? value * multiplier : value / multiplier;
}
