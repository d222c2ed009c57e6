import { ContentEvent, EngagementEvent, EngagementType } from '@cascade/contracts';
import { engagement, HOUR, T0, upsert } from './events';

/** Small deterministic PRNG (mulberry32), so a failing run can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const types: [EngagementType, number][] = [
  [EngagementType.ENGAGEMENT_TYPE_IMPRESSION, 40],
  [EngagementType.ENGAGEMENT_TYPE_VIEW, 25],
  [EngagementType.ENGAGEMENT_TYPE_SKIP, 10],
  [EngagementType.ENGAGEMENT_TYPE_COMPLETE, 8],
  [EngagementType.ENGAGEMENT_TYPE_LIKE, 7],
  [EngagementType.ENGAGEMENT_TYPE_SHARE, 2],
  [EngagementType.ENGAGEMENT_TYPE_COMMENT, 2],
  [EngagementType.ENGAGEMENT_TYPE_FOLLOW, 2],
  [EngagementType.ENGAGEMENT_TYPE_UNFOLLOW, 1],
  [EngagementType.ENGAGEMENT_TYPE_HIDE, 2],
  [EngagementType.ENGAGEMENT_TYPE_REPORT, 1],
];
const totalWeight = types.reduce((s, [, w]) => s + w, 0);

export interface World {
  users: string[];
  items: string[];
  content: ContentEvent[];
  /** In produce order, with some events repeated (same event_id) and some out of event-time order. */
  engagements: EngagementEvent[];
}

/**
 * Users engaging with power-law popular items over a day of event time, arriving roughly in time
 * order with some stragglers (up to 8 h late) and some exact copies sent again shortly after.
 */
export function syntheticWorld(prefix: string, { users = 40, items = 60, creators = 12, events = 3000, copies = 0.03, seed = 7 } = {}): World {
  const rand = random(seed);
  const userIds = Array.from({ length: users }, (_, i) => `${prefix}-u${i}`);
  const itemIds = Array.from({ length: items }, (_, i) => `${prefix}-i${i}`);
  const categories = ['dance', 'food', 'pets', 'music', 'sport', 'travel', 'comedy', 'diy'];
  const creatorOf = (i: number) => `${prefix}-cr${i % creators}`;
  const durationOf = (i: number) => 10_000 + (i % 7) * 5_000;
  const content = itemIds.map((itemId, i) =>
    upsert({
      eventId: `${prefix}-c${i}`,
      itemId,
      creatorId: creatorOf(i),
      createdAtMs: T0 - (i % 24) * HOUR,
      durationMs: durationOf(i),
      categories: [categories[i % categories.length]!, ...(i % 3 === 0 ? [categories[(i + 3) % categories.length]!] : [])],
      language: i % 2 ? 'en' : 'pt',
    }),
  );
  const engagements: EngagementEvent[] = [];
  for (let n = 0; n < events; n++) {
    if (n > 10 && rand() < copies) {
      // Redelivered by the source (a producer retry), soon after the first copy.
      engagements.push(engagements[engagements.length - 1 - Math.floor(rand() * Math.min(50, engagements.length))]!);
      continue;
    }
    const item = Math.min(items - 1, Math.floor(items * rand() ** 2.5)); // power law: low indexes are popular
    let pick = rand() * totalWeight;
    const type = types.find(([, w]) => (pick -= w) < 0)?.[0] ?? EngagementType.ENGAGEMENT_TYPE_IMPRESSION;
    const late = rand() < 0.05 ? rand() * 8 * HOUR : 0;
    const watched = type === EngagementType.ENGAGEMENT_TYPE_VIEW || type === EngagementType.ENGAGEMENT_TYPE_COMPLETE;
    engagements.push(
      engagement({
        eventId: `${prefix}-e${n}`,
        userId: userIds[Math.floor(rand() * users)]!,
        itemId: itemIds[item]!,
        creatorId: creatorOf(item),
        type,
        eventTimeMs: Math.round(T0 + (n / events) * 24 * HOUR - late),
        watchMs: watched ? Math.round(rand() * 2 * durationOf(item)) : 0,
        itemDurationMs: watched ? durationOf(item) : 0,
      }),
    );
  }
  return { users: userIds, items: itemIds, content, engagements };
}
