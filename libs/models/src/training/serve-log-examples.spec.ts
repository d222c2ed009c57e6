import { EngagementEvent, EngagementType, ServeEvent } from '@cascade/contracts';
import { ServeLogExampleBuilder } from './serve-log-examples';

const T = Date.UTC(2026, 10, 25);
const serve = (requestId: string, servedAtMs: number, items: [itemId: string, values: number[], propensity?: number][], featureNames = ['a', 'b', 'c']) =>
  ServeEvent.fromPartial({ requestId, userId: 'u1', servedAtMs, featureNames, items: items.map(([itemId, featureValues, propensity = 1], position) => ({ itemId, position, featureValues, propensity })) });
const engage = (itemId: string, type: EngagementType, eventTimeMs: number, extra: Partial<EngagementEvent> = {}) =>
  EngagementEvent.fromPartial({ eventId: `${itemId}-${type}-${eventTimeMs}`, userId: 'u1', itemId, type, eventTimeMs, ...extra });

describe('ServeLogExampleBuilder', () => {
  it('joins served items with the engagement that followed, using the logged feature values', () => {
    const builder = new ServeLogExampleBuilder(['c', 'a']);
    // Outcomes may arrive before the serve event when two topics are replayed side by side.
    builder.addEngagement(engage('x', EngagementType.ENGAGEMENT_TYPE_LIKE, T + 1000));
    builder.addEngagement(engage('x', EngagementType.ENGAGEMENT_TYPE_VIEW, T + 2000, { watchMs: 15_000, itemDurationMs: 10_000 }));
    builder.addEngagement(engage('y', EngagementType.ENGAGEMENT_TYPE_SKIP, T + 1500));
    builder.addEngagement(engage('z', EngagementType.ENGAGEMENT_TYPE_LIKE, T - 5000));
    builder.addServe(serve('r1', T, [['x', [1, 2, 3]], ['y', [4, 5, 6], 0.25], ['z', [7, 8, 9]]]));
    const examples = builder.finish();
    expect(examples.featureNames).toEqual(['c', 'a']);
    expect(Array.from(examples.rows)).toEqual([3, 1, 6, 4, 9, 7]);
    expect(examples.labels[0]).toMatchObject({ like: 1, skip: 0, watch_ratio: 1.5 });
    expect(examples.labels[1]).toMatchObject({ like: 0, skip: 1 });
    // The like on z happened before it was served: not an outcome of this serving.
    expect(examples.labels[2]).toMatchObject({ like: 0 });
    expect(examples.propensities).toEqual([1, 0.25, 1]);
  });

  it('labels only the latest serving before an outcome, within the label window', () => {
    const builder = new ServeLogExampleBuilder(['a'], 60_000);
    builder.addServe(serve('r1', T, [['x', [1, 0, 0]]]));
    builder.addServe(serve('r2', T + 10_000, [['x', [2, 0, 0]]]));
    builder.addEngagement(engage('x', EngagementType.ENGAGEMENT_TYPE_HIDE, T + 20_000));
    builder.addEngagement(engage('x', EngagementType.ENGAGEMENT_TYPE_SHARE, T + 200_000));
    const examples = builder.finish();
    expect(Array.from(examples.rows)).toEqual([1, 2]);
    expect(examples.labels.map((l) => [l.hide, l.share])).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });

  it('skips lists that did not log every wanted feature', () => {
    const builder = new ServeLogExampleBuilder(['a', 'missing']);
    builder.addServe(serve('r1', T, [['x', [1, 2, 3]]]));
    expect(builder.finish()).toMatchObject({ skippedLists: 1, labels: [] });
  });
});
