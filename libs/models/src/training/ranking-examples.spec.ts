import { ContentEvent, ContentEventType, EngagementEvent, EngagementType } from '@cascade/contracts';
import { RankingExampleBuilder } from './ranking-examples';

const T0 = Date.UTC(2026, 10, 3);
let n = 0;
const engage = (type: EngagementType, over: Partial<EngagementEvent>) =>
  EngagementEvent.fromPartial({ eventId: `e${++n}`, userId: 'u1', itemId: 'i1', creatorId: 'c1', type, itemDurationMs: 10_000, ...over });

describe('RankingExampleBuilder', () => {
  it('reads features as of the impression and labels it with what followed', () => {
    const builder = new RankingExampleBuilder(['item_like_1d', 'cross_seen', 'item_duration_seconds'], 60_000);
    builder.add(
      ContentEvent.fromPartial({ eventId: 'c', itemId: 'i1', creatorId: 'c1', type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT, durationMs: 10_000, eventTimeMs: T0 - 1 }),
    );
    builder.add(engage(EngagementType.ENGAGEMENT_TYPE_IMPRESSION, { eventTimeMs: T0 }));
    builder.add(engage(EngagementType.ENGAGEMENT_TYPE_VIEW, { eventTimeMs: T0 + 1_000, watchMs: 10_000 }));
    builder.add(engage(EngagementType.ENGAGEMENT_TYPE_COMPLETE, { eventTimeMs: T0 + 2_000 }));
    builder.add(engage(EngagementType.ENGAGEMENT_TYPE_LIKE, { eventTimeMs: T0 + 3_000 }));
    // outside the label window: does not label the first impression
    builder.add(engage(EngagementType.ENGAGEMENT_TYPE_SHARE, { eventTimeMs: T0 + 120_000 }));
    builder.add(engage(EngagementType.ENGAGEMENT_TYPE_IMPRESSION, { eventTimeMs: T0 + 200_000 }));
    builder.add(engage(EngagementType.ENGAGEMENT_TYPE_SKIP, { eventTimeMs: T0 + 201_000, watchMs: 500 }));

    const examples = builder.finish();
    expect(examples.timesMs).toEqual([T0, T0 + 200_000]);
    // first impression: nothing known yet about likes or having seen it
    expect(Array.from(examples.rows.slice(0, 3))).toEqual([0, 0, 10]);
    expect(examples.labels[0]).toEqual({ complete: 1, like: 1, share: 0, follow: 0, skip: 0, hide: 0, watch_ratio: 1 });
    // second impression sees the like (decayed 200 s) and that the item was seen
    expect(examples.rows[3]).toBeCloseTo(Math.pow(2, -197_000 / 86_400_000), 6);
    expect(examples.rows[4]).toBe(1);
    expect(examples.labels[1]).toMatchObject({ skip: 1, complete: 0, watch_ratio: 0.05 });
  });

  it('refuses non-numeric features', () => {
    expect(() => new RankingExampleBuilder(['item_categories'])).toThrow('numeric');
  });
});
