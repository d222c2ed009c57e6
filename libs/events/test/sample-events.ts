import {
  ContentEventType,
  EngagementType,
  Source,
  Surface,
  type ContentEvent,
  type EngagementEvent,
  type ServeEvent,
} from '@cascade/contracts';

/** Valid sample events for tests (of this lib and of its users); override any field. */
export function sampleEngagementEvent(overrides: Partial<EngagementEvent> = {}): EngagementEvent {
  return {
    eventId: 'ev-1',
    userId: 'user-1',
    itemId: 'item-1',
    creatorId: 'creator-1',
    type: EngagementType.ENGAGEMENT_TYPE_VIEW,
    eventTimeMs: 1_760_000_000_000,
    watchMs: 4200,
    itemDurationMs: 15_000,
    surface: Surface.SURFACE_SPOTLIGHT,
    requestId: 'req-1',
    sessionId: 'sess-1',
    country: 'US',
    ...overrides,
  };
}

export function sampleContentEvent(overrides: Partial<ContentEvent> = {}): ContentEvent {
  return {
    eventId: 'ce-1',
    itemId: 'item-1',
    creatorId: 'creator-1',
    type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT,
    createdAtMs: 1_760_000_000_000,
    durationMs: 15_000,
    categories: ['comedy'],
    hashtags: ['fyp'],
    language: 'en',
    country: 'US',
    embedding: [0.25, -0.5],
    eventTimeMs: 1_760_000_000_100,
    ...overrides,
  };
}

export function sampleServeEvent(overrides: Partial<ServeEvent> = {}): ServeEvent {
  return {
    requestId: 'req-1',
    userId: 'user-1',
    surface: Surface.SURFACE_DISCOVER,
    servedAtMs: 1_760_000_000_000,
    experiments: [],
    modelVersions: { ranker: 'v3' },
    items: [
      {
        itemId: 'item-1',
        creatorId: 'creator-1',
        position: 0,
        source: Source.SOURCE_TWO_TOWER,
        sources: [Source.SOURCE_TWO_TOWER],
        score: 0.8,
        taskScores: { like: 0.1 },
        propensity: 1,
        featureValues: [0.5, 1],
      },
    ],
    featureNames: ['ctr', 'age'],
    degraded: false,
    degradedStages: [],
    ...overrides,
  };
}
