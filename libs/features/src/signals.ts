import { EngagementType } from '@cascade/contracts';

/** Counted engagement signals; every entity keeps a decayed counter per signal and half-life. */
export const signals = [
  'impression',
  'view',
  'complete',
  'like',
  'share',
  'comment',
  'follow',
  'skip',
  'hide',
  'report',
  /** Events that carried watch time. */
  'watched',
  'watch_seconds',
  /** Sum of watch_ms / item_duration_ms over watched events, capped at 2 (replays). */
  'watch_ratio',
] as const;

export type Signal = (typeof signals)[number];

const countedSignal: Partial<Record<EngagementType, Signal>> = {
  [EngagementType.ENGAGEMENT_TYPE_IMPRESSION]: 'impression',
  [EngagementType.ENGAGEMENT_TYPE_VIEW]: 'view',
  [EngagementType.ENGAGEMENT_TYPE_COMPLETE]: 'complete',
  [EngagementType.ENGAGEMENT_TYPE_LIKE]: 'like',
  [EngagementType.ENGAGEMENT_TYPE_SHARE]: 'share',
  [EngagementType.ENGAGEMENT_TYPE_COMMENT]: 'comment',
  [EngagementType.ENGAGEMENT_TYPE_FOLLOW]: 'follow',
  [EngagementType.ENGAGEMENT_TYPE_SKIP]: 'skip',
  [EngagementType.ENGAGEMENT_TYPE_HIDE]: 'hide',
  [EngagementType.ENGAGEMENT_TYPE_REPORT]: 'report',
};

export const MAX_WATCH_RATIO = 2;

export function watchRatio(watchMs: number, durationMs: number): number {
  if (watchMs <= 0 || durationMs <= 0) return 0;
  return Math.min(watchMs / durationMs, MAX_WATCH_RATIO);
}

/** Signal increments produced by one engagement event. */
export function signalIncrements(type: EngagementType, watchMs: number, durationMs: number): [Signal, number][] {
  const out: [Signal, number][] = [];
  const counted = countedSignal[type];
  if (counted) out.push([counted, 1]);
  if (watchMs > 0) {
    out.push(['watched', 1], ['watch_seconds', watchMs / 1000]);
    if (durationMs > 0) out.push(['watch_ratio', watchRatio(watchMs, durationMs)]);
  }
  return out;
}

/**
 * How much an engagement says about a user's taste for the item's creator and categories.
 * Negative feedback subtracts, so a hidden creator sinks quickly.
 */
const affinityWeight: Partial<Record<EngagementType, number>> = {
  [EngagementType.ENGAGEMENT_TYPE_VIEW]: 0.5,
  [EngagementType.ENGAGEMENT_TYPE_COMPLETE]: 1.5,
  [EngagementType.ENGAGEMENT_TYPE_LIKE]: 3,
  [EngagementType.ENGAGEMENT_TYPE_SHARE]: 4,
  [EngagementType.ENGAGEMENT_TYPE_COMMENT]: 2,
  [EngagementType.ENGAGEMENT_TYPE_FOLLOW]: 5,
  [EngagementType.ENGAGEMENT_TYPE_UNFOLLOW]: -5,
  [EngagementType.ENGAGEMENT_TYPE_SKIP]: -1,
  [EngagementType.ENGAGEMENT_TYPE_HIDE]: -6,
  [EngagementType.ENGAGEMENT_TYPE_REPORT]: -10,
};

export function affinityDelta(type: EngagementType, watchMs: number, durationMs: number): number {
  const base = affinityWeight[type] ?? 0;
  if (base === 0) return 0;
  const watched = type === EngagementType.ENGAGEMENT_TYPE_VIEW ? watchRatio(watchMs, durationMs) : 0;
  return base + Math.min(watched, 1.5);
}

/** Engagements kept in the user's recent history (impressions are not). */
export function isHistoryEngagement(type: EngagementType): boolean {
  return type !== EngagementType.ENGAGEMENT_TYPE_IMPRESSION && type !== EngagementType.ENGAGEMENT_TYPE_UNSPECIFIED;
}

export function engagementTypeName(type: EngagementType): string {
  return (EngagementType[type] ?? 'ENGAGEMENT_TYPE_UNSPECIFIED').replace('ENGAGEMENT_TYPE_', '').toLowerCase();
}
