import { EngagementEvent, EngagementType } from '@cascade/contracts';
import { MemoryStateStore, user } from '@cascade/features';
import { EventApplier } from './event-applier';

const T0 = Date.UTC(2026, 10, 2);

const likes = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    EngagementEvent.fromPartial({ eventId: `e${i % 700}`, userId: `u${i % 7}`, itemId: `i${i % 50}`, creatorId: `c${i % 5}`, type: EngagementType.ENGAGEMENT_TYPE_LIKE, eventTimeMs: T0 + i }),
  );

describe('EventApplier on a store with a direct engagement path', () => {
  it('hands the event loop back between slices of a large batch, with the same result and state as applying it whole', async () => {
    const events = likes(1000);
    const whole = new MemoryStateStore();
    const expected = await new EventApplier(whole).applyEngagements(events);

    const sliced = new MemoryStateStore();
    const apply = jest.spyOn(sliced, 'applyEngagements');
    let ranDuringBatch = false;
    setImmediate(() => (ranDuringBatch = apply.mock.calls.length > 0 && apply.mock.calls.length < 5));
    const result = await new EventApplier(sliced, undefined, { yieldEveryEvents: 200 }).applyEngagements(events);

    expect(result).toEqual(expected);
    // The last 300 events repeat earlier ids from other slices: their user, item and creator updates are skipped.
    expect(expected.duplicates).toBe(900);
    expect(apply.mock.calls.map(([slice]) => slice.length)).toEqual([200, 200, 200, 200, 200]);
    expect(ranDuringBatch).toBe(true);
    const read = (store: MemoryStateStore) => store.readSync(['u0', 'u3'].map(user)).map((s) => s && { counters: s.counters, timelines: s.timelines });
    expect(read(sliced)).toEqual(read(whole));
  });
});
