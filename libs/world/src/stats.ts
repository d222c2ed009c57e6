/** Aggregate statistics of an engagement stream, for sanity checks, the CLI report and tests. */
import { EngagementType, engagementTypeToJSON, type EngagementEvent } from '@cascade/contracts';

export interface EngagementSummary {
  events: number;
  impressions: number;
  byType: Record<string, number>;
  /** Per impression. */
  skipRate: number;
  viewRate: number;
  completeRate: number;
  likeRate: number;
  shareRate: number;
  commentRate: number;
  followRate: number;
  hideRate: number;
  /** Mean watch_ms / item_duration_ms over SKIP and VIEW events. */
  meanWatchRatio: number;
  users: number;
  items: number;
  sessions: number;
  /** Share of impressions that went to the most-shown 1% of shown items. */
  top1PercentItemShare: number;
  firstEventMs: number;
  lastEventMs: number;
}

export class EngagementStats {
  /** Events per type, indexed by the enum value (types are small non-negative integers). */
  private readonly counts: number[] = new Array<number>(32).fill(0);
  private readonly impressionsByItem = new Map<string, number>();
  /** Last session id seen per user: a user's sessions never overlap, so a change is a new session. */
  private readonly lastSession = new Map<string, string>();
  private sessions = 0;
  private events = 0;
  private watchRatioSum = 0;
  private watchRatioCount = 0;
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;

  /**
   * @param trackEntities count distinct users, sessions and per-item impressions (memory grows with
   *   users and items, not with events)
   */
  constructor(private readonly trackEntities = true) {}

  add(events: readonly EngagementEvent[]): void {
    for (const e of events) {
      this.events++;
      const type = e.type >= 0 && e.type < 32 ? e.type : EngagementType.ENGAGEMENT_TYPE_UNSPECIFIED;
      this.counts[type]!++;
      if (e.eventTimeMs < this.first) this.first = e.eventTimeMs;
      if (e.eventTimeMs > this.last) this.last = e.eventTimeMs;
      if (
        (e.type === EngagementType.ENGAGEMENT_TYPE_SKIP || e.type === EngagementType.ENGAGEMENT_TYPE_VIEW) &&
        e.itemDurationMs > 0
      ) {
        this.watchRatioSum += e.watchMs / e.itemDurationMs;
        this.watchRatioCount++;
      }
      // Every session starts with an impression: looking at impressions is enough.
      if (this.trackEntities && type === EngagementType.ENGAGEMENT_TYPE_IMPRESSION) {
        if (this.lastSession.get(e.userId) !== e.sessionId) {
          this.lastSession.set(e.userId, e.sessionId);
          this.sessions++;
        }
        this.impressionsByItem.set(e.itemId, (this.impressionsByItem.get(e.itemId) ?? 0) + 1);
      }
    }
  }

  count(type: EngagementType): number {
    return this.counts[type] ?? 0;
  }

  summary(): EngagementSummary {
    const imp = this.count(EngagementType.ENGAGEMENT_TYPE_IMPRESSION);
    const rate = (t: EngagementType): number => (imp > 0 ? this.count(t) / imp : 0);
    const byType: Record<string, number> = {};
    this.counts.forEach((n, t) => {
      if (n > 0) byType[engagementTypeToJSON(t).replace('ENGAGEMENT_TYPE_', '')] = n;
    });
    const perItem = [...this.impressionsByItem.values()].sort((a, b) => b - a);
    const top = Math.max(1, Math.ceil(perItem.length / 100));
    const topShare = imp > 0 && perItem.length > 0 ? perItem.slice(0, top).reduce((a, b) => a + b, 0) / imp : 0;
    return {
      events: this.events,
      impressions: imp,
      byType,
      skipRate: rate(EngagementType.ENGAGEMENT_TYPE_SKIP),
      viewRate: rate(EngagementType.ENGAGEMENT_TYPE_VIEW),
      completeRate: rate(EngagementType.ENGAGEMENT_TYPE_COMPLETE),
      likeRate: rate(EngagementType.ENGAGEMENT_TYPE_LIKE),
      shareRate: rate(EngagementType.ENGAGEMENT_TYPE_SHARE),
      commentRate: rate(EngagementType.ENGAGEMENT_TYPE_COMMENT),
      followRate: rate(EngagementType.ENGAGEMENT_TYPE_FOLLOW),
      hideRate: rate(EngagementType.ENGAGEMENT_TYPE_HIDE),
      meanWatchRatio: this.watchRatioCount > 0 ? this.watchRatioSum / this.watchRatioCount : 0,
      users: this.lastSession.size,
      items: this.impressionsByItem.size,
      sessions: this.sessions,
      top1PercentItemShare: topShare,
      firstEventMs: this.first,
      lastEventMs: this.last,
    };
  }
}
