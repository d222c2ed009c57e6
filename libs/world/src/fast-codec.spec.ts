import { EngagementEvent, EngagementType, Surface } from '@cascade/contracts';
import { readLengthDelimited } from './export';
import { engagementDelimited } from './fast-codec';
import { createWorld } from './world';

const reference = {
  pb: (events: EngagementEvent[]): Buffer =>
    Buffer.concat(
      events.map((e) => {
        const bytes = EngagementEvent.encode(e).finish();
        const prefix: number[] = [];
        for (let n = bytes.length; ; n = Math.floor(n / 128)) {
          if (n < 128) {
            prefix.push(n);
            break;
          }
          prefix.push((n % 128) | 128);
        }
        return Buffer.concat([Buffer.from(prefix), bytes]);
      }),
    ),
};

const base: EngagementEvent = {
  eventId: 'e1',
  userId: 'u1',
  itemId: 'i1',
  creatorId: 'c1',
  type: EngagementType.ENGAGEMENT_TYPE_VIEW,
  eventTimeMs: 1_735_689_635_434,
  watchMs: 1234,
  itemDurationMs: 15_000,
  surface: Surface.SURFACE_SPOTLIGHT,
  requestId: 'r1',
  sessionId: 's1',
  country: 'BR',
};

describe('engagementDelimited', () => {
  it('matches the generated code byte for byte on a simulated stream', () => {
    const events = [...createWorld({ preset: 'tiny', seed: 21 }).engagementEvents()].flat();
    expect(engagementDelimited(events).equals(reference.pb(events))).toBe(true);
  });

  it('matches it on edge cases: defaults, non-ASCII and long strings, odd numbers and enums', () => {
    const events: EngagementEvent[] = [
      { ...base },
      { ...base, creatorId: '', watchMs: 0, requestId: '', surface: Surface.SURFACE_UNSPECIFIED, type: EngagementType.ENGAGEMENT_TYPE_UNSPECIFIED },
      { ...base, userId: 'ユーザー😀"quoted"\\', country: 'ÅÄ' },
      { ...base, eventId: 'x'.repeat(43), sessionId: 'é'.repeat(200) },
      { ...base, requestId: 'ü'.repeat(5000) },
      { ...base, eventTimeMs: 0, itemDurationMs: 2 ** 40 },
      { ...base, watchMs: -5 },
      { ...base, type: EngagementType.UNRECOGNIZED },
    ];
    const pb = engagementDelimited(events);
    expect(pb.equals(reference.pb(events))).toBe(true);
    // Like the generated code, a fractional int64 cannot be encoded.
    expect(() => engagementDelimited([{ ...base, watchMs: 1.5 }])).toThrow();
    expect([...readLengthDelimited(pb)].map((m) => EngagementEvent.decode(m).requestId)).toEqual(events.map((e) => e.requestId));
  });
});
