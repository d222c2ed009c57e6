import { ContentEventType, EngagementType, Surface, type ContentEvent, type EngagementEvent } from '@cascade/contracts';
import { datasetFromEvents, EngagementDatasetBuilder } from './engagement-dataset';

const T = 1_760_000_000_000;

function engagement(userId: string, itemId: string, type: EngagementType, at: number, watchMs = 0): EngagementEvent {
  return {
    eventId: `${userId}-${itemId}-${type}-${at}`,
    userId,
    itemId,
    creatorId: `c-${itemId}`,
    type,
    eventTimeMs: T + at,
    watchMs,
    itemDurationMs: 10_000,
    surface: Surface.SURFACE_SPOTLIGHT,
    requestId: 'r',
    sessionId: 's',
    country: 'FR',
  };
}

function content(itemId: string, overrides: Partial<ContentEvent> = {}): ContentEvent {
  return {
    eventId: `ce-${itemId}`,
    itemId,
    creatorId: 'c9',
    type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT,
    createdAtMs: T - 5,
    durationMs: 12_000,
    categories: ['comedy'],
    hashtags: ['fyp'],
    language: 'fr',
    country: 'FR',
    embedding: [0.5, -0.25],
    eventTimeMs: T - 5,
    ...overrides,
  };
}

const { IMPRESSION, VIEW, SKIP, LIKE, HIDE, COMPLETE } = {
  IMPRESSION: EngagementType.ENGAGEMENT_TYPE_IMPRESSION,
  VIEW: EngagementType.ENGAGEMENT_TYPE_VIEW,
  SKIP: EngagementType.ENGAGEMENT_TYPE_SKIP,
  LIKE: EngagementType.ENGAGEMENT_TYPE_LIKE,
  HIDE: EngagementType.ENGAGEMENT_TYPE_HIDE,
  COMPLETE: EngagementType.ENGAGEMENT_TYPE_COMPLETE,
};

const events = [
  engagement('u1', 'a', IMPRESSION, 10),
  engagement('u1', 'a', LIKE, 12),
  engagement('u1', 'a', SKIP, 13, 1_000),
  engagement('u1', 'b', IMPRESSION, 20),
  engagement('u1', 'b', VIEW, 29, 9_000), // watch ratio 0.9
  engagement('u2', 'a', IMPRESSION, 30),
  engagement('u2', 'a', VIEW, 35, 5_000), // 0.5: not enough
  engagement('u2', 'c', IMPRESSION, 40),
  engagement('u2', 'c', COMPLETE, 49, 10_000),
  engagement('u2', 'c', HIDE, 50),
  engagement('u2', 'b', IMPRESSION, 60),
  engagement('u2', 'b', SKIP, 61, 500),
  engagement('u1', 'a', IMPRESSION, 70), // seen again: same pair
];

describe('EngagementDatasetBuilder', () => {
  it('folds events into one row per user-item pair with the positive rule, first time and best watch ratio', () => {
    const dataset = datasetFromEvents('t', 'memory', { engagement: [events] });
    const rows = Array.from(dataset.interactions.label, (label, r) => ({
      pair: `${dataset.userIds[dataset.interactions.user[r]!]}:${dataset.itemIds[dataset.interactions.item[r]!]}`,
      label,
      time: dataset.interactions.timeMs![r]! - T,
      watch: Number(dataset.interactions.watchRatio![r]!.toFixed(2)),
    }));
    expect(rows).toEqual([
      { pair: 'u1:a', label: 1, time: 10, watch: 0.1 },
      { pair: 'u1:b', label: 1, time: 20, watch: 0.9 },
      { pair: 'u2:a', label: 0, time: 30, watch: 0.5 },
      { pair: 'u2:c', label: 0, time: 40, watch: 1 }, // completed, then hidden: the hide wins
      { pair: 'u2:b', label: 0, time: 60, watch: 0.05 },
    ]);
  });

  it('does not depend on the order events arrive in', () => {
    const forward = datasetFromEvents('t', 'memory', { engagement: [events] });
    const backward = datasetFromEvents('t', 'memory', { engagement: [[...events].reverse()] });
    const pairs = (d: typeof forward) =>
      Array.from(d.interactions.label, (label, r) => `${d.userIds[d.interactions.user[r]!]}:${d.itemIds[d.interactions.item[r]!]}=${label}@${d.interactions.timeMs![r]}`).sort();
    expect(pairs(backward)).toEqual(pairs(forward));
  });

  it('takes the positive watch ratio from the rule', () => {
    const dataset = datasetFromEvents('t', 'memory', { engagement: [events] }, { positiveWatchRatio: 0.5 });
    expect(dataset.interactions.label[2]).toBe(1);
  });

  it('takes item attributes from the latest upsert, marks deletes and falls back to engagement fields', () => {
    const builder = new EngagementDatasetBuilder();
    builder.addContent(content('a', { categories: ['new'], eventTimeMs: T + 100 }));
    builder.addContent(content('a', { categories: ['old'], eventTimeMs: T }));
    builder.addContent(content('a', { type: ContentEventType.CONTENT_EVENT_TYPE_DELETE, eventTimeMs: T + 200 }));
    for (const event of events) builder.addEngagement(event);
    const dataset = builder.build('t', 'memory');
    expect(dataset.itemIds).toEqual(['a', 'b', 'c']);
    const { embedding, ...rest } = dataset.items[0]!;
    expect(rest).toEqual({ creatorId: 'c9', categories: ['new'], durationMs: 12_000, createdAtMs: T - 5, language: 'fr', country: 'FR', deletedAtMs: T + 200 });
    expect(Array.from(embedding!)).toEqual([0.5, -0.25]);
    expect(dataset.items[1]).toEqual({ creatorId: 'c-b', durationMs: 10_000 });
    expect(dataset.users).toEqual([{ country: 'FR' }, { country: 'FR' }]);
    expect(builder.engagementEvents).toBe(events.length);
    expect(builder.contentEvents).toBe(3);
  });
});
