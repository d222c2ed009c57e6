import { ContentEvent, ContentEventType, EngagementEvent, EngagementType, Surface } from '@cascade/contracts';

/** Deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Samples ranks 0..n-1 with P(k) ∝ 1/(k+1)^s (Zipf), by binary search over the cumulative weights. */
class Zipf {
  private readonly cdf: Float64Array;
  constructor(n: number, s: number) {
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) this.cdf[k] = sum += 1 / (k + 1) ** s;
    for (let k = 0; k < n; k++) this.cdf[k]! /= sum;
  }
  sample(u: number): number {
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const typeMix: [EngagementType, number][] = [
  [EngagementType.ENGAGEMENT_TYPE_IMPRESSION, 45],
  [EngagementType.ENGAGEMENT_TYPE_VIEW, 25],
  [EngagementType.ENGAGEMENT_TYPE_SKIP, 10],
  [EngagementType.ENGAGEMENT_TYPE_COMPLETE, 8],
  [EngagementType.ENGAGEMENT_TYPE_LIKE, 6],
  [EngagementType.ENGAGEMENT_TYPE_SHARE, 1.5],
  [EngagementType.ENGAGEMENT_TYPE_COMMENT, 1.5],
  [EngagementType.ENGAGEMENT_TYPE_FOLLOW, 1],
  [EngagementType.ENGAGEMENT_TYPE_UNFOLLOW, 0.3],
  [EngagementType.ENGAGEMENT_TYPE_HIDE, 1],
  [EngagementType.ENGAGEMENT_TYPE_REPORT, 0.2],
];
const typeTotal = typeMix.reduce((s, [, w]) => s + w, 0);
const categoryNames = Array.from({ length: 60 }, (_, i) => `cat${i}`);

export interface SyntheticOptions {
  users: number;
  items: number;
  creators: number;
  seed: number;
  /** Event time of the first event. */
  startMs: number;
  /** Event-time spacing: the stream's events per second of event time. */
  eventsPerSecond: number;
  /** Prefix of every id, so runs against a shared store do not collide. */
  prefix: string;
}

export const defaultSyntheticOptions: SyntheticOptions = {
  users: 100_000,
  items: 50_000,
  creators: 5_000,
  seed: 1,
  startMs: Date.UTC(2026, 10, 2),
  eventsPerSecond: 10_000,
  prefix: 'b',
};

/**
 * A short-video engagement stream: Zipf-popular items (s = 1.1) and users (s = 0.8), a realistic
 * mix of engagement types, watch times for views and completes, 2% of events up to 10 min late.
 */
export class SyntheticEvents {
  readonly options: SyntheticOptions;
  private readonly rand: () => number;
  private readonly itemRank: Zipf;
  private readonly userRank: Zipf;
  private next = 0;

  constructor(options: Partial<SyntheticOptions> = {}) {
    this.options = { ...defaultSyntheticOptions, ...options };
    this.rand = random(this.options.seed);
    this.itemRank = new Zipf(this.options.items, 1.1);
    this.userRank = new Zipf(this.options.users, 0.8);
  }

  itemId(i: number): string {
    return `${this.options.prefix}-i${i}`;
  }

  userId(u: number): string {
    return `${this.options.prefix}-u${u}`;
  }

  creatorOf(i: number): string {
    return `${this.options.prefix}-c${(i * 7919) % this.options.creators}`;
  }

  durationOf(i: number): number {
    return 5_000 + ((i * 104_729) % 55_000);
  }

  /** One UPSERT per item, created during the day before the stream starts. */
  content(): ContentEvent[] {
    const { items, startMs } = this.options;
    return Array.from({ length: items }, (_, i) =>
      ContentEvent.fromPartial({
        eventId: `${this.options.prefix}-c${i}`,
        itemId: this.itemId(i),
        creatorId: this.creatorOf(i),
        type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT,
        createdAtMs: startMs - ((i * 31) % 86_400) * 1000,
        eventTimeMs: startMs - ((i * 31) % 86_400) * 1000,
        durationMs: this.durationOf(i),
        categories: i % 4 === 0 ? [categoryNames[i % 60]!, categoryNames[(i * 13) % 60]!] : [categoryNames[i % 60]!],
        hashtags: [`#t${i % 500}`],
        language: i % 3 === 0 ? 'pt' : 'en',
        country: i % 3 === 0 ? 'BR' : 'US',
      }),
    );
  }

  /** The next `n` events of the stream. */
  engagements(n: number): EngagementEvent[] {
    const { startMs, eventsPerSecond } = this.options;
    const out: EngagementEvent[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const seq = this.next++;
      const item = this.itemRank.sample(this.rand());
      const user = this.userRank.sample(this.rand());
      let pick = this.rand() * typeTotal;
      let type = EngagementType.ENGAGEMENT_TYPE_IMPRESSION;
      for (const [t, w] of typeMix) {
        if ((pick -= w) < 0) {
          type = t;
          break;
        }
      }
      const duration = this.durationOf(item);
      const watched = type === EngagementType.ENGAGEMENT_TYPE_VIEW || type === EngagementType.ENGAGEMENT_TYPE_COMPLETE;
      const watchMs = type === EngagementType.ENGAGEMENT_TYPE_COMPLETE ? duration : watched ? Math.round(this.rand() * duration) : 0;
      const late = this.rand() < 0.02 ? this.rand() * 600_000 : 0;
      out[k] = {
        eventId: `${this.options.prefix}-e${seq}`,
        userId: this.userId(user),
        itemId: this.itemId(item),
        creatorId: this.creatorOf(item),
        type,
        eventTimeMs: Math.round(startMs + (seq * 1000) / eventsPerSecond - late),
        watchMs,
        itemDurationMs: watched ? duration : 0,
        surface: Surface.SURFACE_SPOTLIGHT,
        requestId: '',
        sessionId: '',
        country: '',
      };
    }
    return out;
  }
}
