import * as protoLoader from '@grpc/proto-loader';
import {
  ContentEvent,
  ContentEventType,
  descriptorSetBase64,
  EngagementEvent,
  EngagementType,
  RecommendRequest,
  serviceNames,
  services,
  Surface,
} from '../src';

describe('generated contracts', () => {
  it('round-trips an engagement event through protobuf binary and JSON', () => {
    const event = EngagementEvent.fromPartial({
      eventId: 'e-1',
      userId: 'u-1',
      itemId: 'i-1',
      creatorId: 'c-1',
      type: EngagementType.ENGAGEMENT_TYPE_COMPLETE,
      eventTimeMs: 1_764_000_000_123,
      watchMs: 14_500,
      itemDurationMs: 15_000,
      surface: Surface.SURFACE_SPOTLIGHT,
    });
    expect(EngagementEvent.decode(EngagementEvent.encode(event).finish())).toEqual(event);
    const json = EngagementEvent.toJSON(event) as Record<string, unknown>;
    expect(json['type']).toBe('ENGAGEMENT_TYPE_COMPLETE');
    expect(EngagementEvent.fromJSON(JSON.parse(JSON.stringify(json)))).toEqual(event);
  });

  it('keeps content embeddings as packed floats', () => {
    const event = ContentEvent.fromPartial({
      eventId: 'c-1',
      itemId: 'i-9',
      type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT,
      embedding: [0.5, -0.25, 1],
    });
    expect(ContentEvent.decode(ContentEvent.encode(event).finish()).embedding).toEqual([0.5, -0.25, 1]);
  });

  it('accepts snake_case JSON as written by streaming pipelines', () => {
    const request = RecommendRequest.fromJSON({ user_id: 'u-7', surface: 'SURFACE_STORIES', limit: 20 });
    expect(request).toMatchObject({ userId: 'u-7', surface: Surface.SURFACE_STORIES, limit: 20 });
  });

  it('ships a descriptor set that describes every public service', () => {
    const definition = protoLoader.loadFileDescriptorSetFromBuffer(Buffer.from(descriptorSetBase64, 'base64'));
    for (const name of Object.values(serviceNames)) expect(Object.keys(definition)).toContain(name);
    expect(Object.keys(definition)).toEqual(
      expect.arrayContaining(['cascade.events.v1.EngagementEvent', 'cascade.events.v1.ContentEvent', 'cascade.events.v1.ServeEvent']),
    );
  });

  it('names the service definitions consistently with their full names', () => {
    expect(services.blending.definition.recommend.path).toBe('/cascade.blending.v1.BlendingService/Recommend');
    expect(services.retrieval.definition.retrieve.path).toBe('/cascade.retrieval.v1.RetrievalService/Retrieve');
    expect(services.feature.definition.getFeatures.path).toBe('/cascade.feature.v1.FeatureService/GetFeatures');
    expect(services.ranking.definition.rank.path).toBe('/cascade.ranking.v1.RankingService/Rank');
  });
});
