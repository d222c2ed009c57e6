import { ContentEventType, EngagementType, Source, Surface } from '@cascade/contracts';
import { sampleContentEvent, sampleEngagementEvent, sampleServeEvent } from '../test/sample-events';
import { validateContentEvent } from './validate-content-event';
import { validateEngagementEvent } from './validate-engagement-event';
import { validateServeEvent } from './validate-serve-event';

const fields = (issues: { field: string }[]) => issues.map((i) => i.field);

describe('validateEngagementEvent', () => {
  it('accepts a complete event and one with only the required fields', () => {
    expect(validateEngagementEvent(sampleEngagementEvent())).toEqual([]);
    const minimal = sampleEngagementEvent({ creatorId: '', watchMs: 0, itemDurationMs: 0, surface: 0, requestId: '', sessionId: '', country: '' });
    expect(validateEngagementEvent(minimal)).toEqual([]);
  });

  it.each([
    ['event_id', { eventId: '' }],
    ['event_id', { eventId: '   ' }],
    ['user_id', { userId: '' }],
    ['item_id', { itemId: '' }],
    ['type', { type: EngagementType.ENGAGEMENT_TYPE_UNSPECIFIED }],
    ['type', { type: EngagementType.UNRECOGNIZED }],
    ['event_time_ms', { eventTimeMs: 0 }],
    ['event_time_ms', { eventTimeMs: -5 }],
    ['event_time_ms', { eventTimeMs: Number.NaN }],
    ['event_time_ms', { eventTimeMs: 1.5 }],
    ['watch_ms', { watchMs: -1 }],
    ['item_duration_ms', { itemDurationMs: -1 }],
    ['surface', { surface: Surface.UNRECOGNIZED }],
    ['event_id', { eventId: 'x'.repeat(257) }],
  ])('names %s when it is wrong (%j)', (field, override) => {
    expect(fields(validateEngagementEvent(sampleEngagementEvent(override)))).toEqual([field]);
  });

  it('accepts every known engagement type', () => {
    for (const type of [EngagementType.ENGAGEMENT_TYPE_IMPRESSION, EngagementType.ENGAGEMENT_TYPE_REPORT, EngagementType.ENGAGEMENT_TYPE_FOLLOW]) {
      expect(validateEngagementEvent(sampleEngagementEvent({ type }))).toEqual([]);
    }
  });

  it('says what it got', () => {
    const [issue] = validateEngagementEvent(sampleEngagementEvent({ type: EngagementType.ENGAGEMENT_TYPE_UNSPECIFIED }));
    expect(issue?.message).toMatch(/must be one of ENGAGEMENT_TYPE_IMPRESSION, .*got ENGAGEMENT_TYPE_UNSPECIFIED/);
  });
});

describe('validateContentEvent', () => {
  it('accepts an upsert and a bare delete', () => {
    expect(validateContentEvent(sampleContentEvent())).toEqual([]);
    const del = sampleContentEvent({ type: ContentEventType.CONTENT_EVENT_TYPE_DELETE, creatorId: '', categories: [], embedding: [] });
    expect(validateContentEvent(del)).toEqual([]);
  });

  it('needs creator_id for an upsert only', () => {
    expect(fields(validateContentEvent(sampleContentEvent({ creatorId: '' })))).toEqual(['creator_id']);
  });

  it.each([
    ['event_id', { eventId: '' }],
    ['item_id', { itemId: '' }],
    ['type', { type: ContentEventType.CONTENT_EVENT_TYPE_UNSPECIFIED }],
    ['created_at_ms', { createdAtMs: -1 }],
    ['duration_ms', { durationMs: Number.NaN }],
    ['categories[1]', { categories: ['ok', ''] }],
    ['embedding[1]', { embedding: [0.1, Number.POSITIVE_INFINITY] }],
  ])('names %s when it is wrong (%j)', (field, override) => {
    expect(fields(validateContentEvent(sampleContentEvent(override)))).toEqual([field]);
  });
});

describe('validateServeEvent', () => {
  it('accepts a served list and an empty one', () => {
    expect(validateServeEvent(sampleServeEvent())).toEqual([]);
    expect(validateServeEvent(sampleServeEvent({ items: [], featureNames: [] }))).toEqual([]);
  });

  it.each([
    ['request_id', { requestId: '' }],
    ['user_id', { userId: '' }],
    ['surface', { surface: Surface.UNRECOGNIZED }],
    ['served_at_ms', { servedAtMs: -1 }],
  ])('names %s when it is wrong (%j)', (field, override) => {
    expect(fields(validateServeEvent(sampleServeEvent(override)))).toEqual([field]);
  });

  it('checks each item, naming its index', () => {
    const [good] = sampleServeEvent().items;
    const event = sampleServeEvent({
      items: [
        good!,
        { ...good!, itemId: '', position: -1, source: Source.UNRECOGNIZED, score: Number.NaN, propensity: 2, featureValues: [1] },
      ],
    });
    expect(fields(validateServeEvent(event))).toEqual([
      'items[1].item_id',
      'items[1].position',
      'items[1].source',
      'items[1].score',
      'items[1].propensity',
      'items[1].feature_values',
    ]);
  });
});
