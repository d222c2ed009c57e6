import { ContentEvent, ContentEventType, EngagementEvent, EngagementType, Surface } from '@cascade/contracts';
import { readLengthDelimited } from './export';
import { contentDelimited, engagementDelimited } from './fast-codec';
import { createWorld } from './world';

const delimited = (messages: Uint8Array[]): Buffer =>
  Buffer.concat(
    messages.map((bytes) => {
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
  );
const reference = {
  pb: (events: EngagementEvent[]): Buffer => delimited(events.map((e) => EngagementEvent.encode(e).finish())),
  content: (events: ContentEvent[]): Buffer => delimited(events.map((e) => ContentEvent.encode(e).finish())),
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

const content: ContentEvent = {
  eventId: 'e1',
  itemId: 'i1',
  creatorId: 'c1',
  type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT,
  createdAtMs: 1_735_689_635_434,
  durationMs: 15_000,
  categories: ['comedy', 'dance'],
  hashtags: ['fyp'],
  language: 'en',
  country: 'US',
  embedding: [0.25, -0.5, 0.123456],
  eventTimeMs: 1_735_689_635_434,
};

describe('contentDelimited', () => {
  it('matches the generated code byte for byte on a simulated stream', () => {
    const events = [...createWorld({ preset: 'tiny', seed: 22, deleteFraction: 0.1 }).contentEvents()].flat();
    expect(contentDelimited(events).equals(reference.content(events))).toBe(true);
  });

  it('matches it on edge cases: empty elements, long embeddings, special floats, odd numbers', () => {
    const events: ContentEvent[] = [
      { ...content },
      { ...content, categories: ['', 'ñandú'], hashtags: [], embedding: [], language: '', type: ContentEventType.CONTENT_EVENT_TYPE_DELETE },
      { ...content, embedding: Array.from({ length: 300 }, (_, k) => Math.sin(k)), hashtags: ['x'.repeat(1000)] },
      { ...content, embedding: [Number.NaN, Number.POSITIVE_INFINITY, -0, 1e-50, 3.4e38] },
      { ...content, embedding: [1e39] },
      { ...content, durationMs: -1 },
    ];
    const ok = events.slice(0, 4);
    expect(contentDelimited(ok).equals(reference.content(ok))).toBe(true);
    // Like the generated code, a finite value beyond float32 cannot be encoded; negatives fall back.
    expect(() => contentDelimited([events[4]!])).toThrow();
    expect(contentDelimited([events[5]!]).equals(reference.content([events[5]!]))).toBe(true);
  });
});
