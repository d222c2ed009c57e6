import { BlendingServiceClient, ContentEvent, ContentEventType, EngagementEvent, EngagementType, RecommendRequest, RecommendResponse, ServeEvent, Surface } from '@cascade/contracts';
import { ensureTopics, replaySource, replayTopics, serveCodec } from '@cascade/events';
import { dropTopics, requireBrokers, testKafka, TestProducer, uniqueName, waitFor } from '@cascade/events/testing';
import { createClient, type ServiceClient } from '@cascade/service-kit';
import { freePort, ServiceProcess } from '@cascade/service-kit/testing';

describe('blending with real retrieval and a real broker, ranking down', () => {
  const kafka = testKafka('blending-serve-log-test');
  const [engagementTopic, contentTopic, serveTopic] = ['engagement', 'content', 'serve'].map((t) => uniqueName(`blending.${t}`)) as [string, string, string];
  const producer = new TestProducer(kafka);
  const now = Date.now();
  let retrieval: ServiceProcess;
  let blending: ServiceProcess;
  let client: ServiceClient<typeof BlendingServiceClient>;

  const recommend = (requestId: string): Promise<RecommendResponse> =>
    client.recommend(RecommendRequest.fromPartial({ userId: 'viewer', surface: Surface.SURFACE_SPOTLIGHT, limit: 5, requestId, context: { country: 'US', locale: 'en-US' } }));

  beforeAll(async () => {
    await ensureTopics(kafka, [{ topic: engagementTopic }, { topic: contentTopic }, { topic: serveTopic }]);
    await producer.connect();
    const items = Array.from({ length: 8 }, (_, i) => `item-${i}`);
    await producer.content(
      contentTopic,
      items.map((itemId, i) =>
        ContentEvent.fromPartial({ eventId: `c-${itemId}`, itemId, creatorId: `creator-${i}`, type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT, createdAtMs: now - 48 * 3_600_000, eventTimeMs: now - 48 * 3_600_000, categories: [`cat-${i % 3}`] }),
      ),
    );
    await producer.engagements(
      engagementTopic,
      items.flatMap((itemId, i) =>
        Array.from({ length: 8 - i }, (_, n) => EngagementEvent.fromPartial({ eventId: `e-${itemId}-${n}`, userId: `fan-${n}`, itemId, type: EngagementType.ENGAGEMENT_TYPE_LIKE, eventTimeMs: now - 3_600_000 })),
      ),
    );
    const brokers = requireBrokers().join(',');
    retrieval = new ServiceProcess({
      entry: 'apps/candidate-retrieval/src/main.ts',
      // No feature service: retrieval answers degraded from its in-memory sources.
      env: { KAFKA_BROKERS: brokers, ENGAGEMENT_TOPIC: engagementTopic, CONTENT_TOPIC: contentTopic, FEATURE_ADDR: `127.0.0.1:${await freePort()}` },
    });
    const retrievalAddress = `127.0.0.1:${await retrieval.port()}`;
    await retrieval.ready();
    blending = new ServiceProcess({
      entry: 'apps/blending/src/main.ts',
      env: { KAFKA_BROKERS: brokers, SERVE_TOPIC: serveTopic, RETRIEVAL_ADDR: retrievalAddress, RANKING_ADDR: `127.0.0.1:${await freePort()}`, RETRIEVAL_BUDGET_MS: '2000' },
    });
    client = createClient(BlendingServiceClient, `127.0.0.1:${await blending.port()}`, { defaultTimeoutMs: 5000 });
    await blending.ready();
  }, 90_000);

  afterAll(async () => {
    client?.close();
    blending?.close();
    retrieval?.close();
    await producer.disconnect();
    await dropTopics(kafka, [engagementTopic, contentTopic, serveTopic]);
  });

  it('answers in retrieval order, degraded, with ranking down, and logs the served list to the serve topic', async () => {
    const response = await recommend('req-serve-1');
    expect(response.degraded).toBe(true);
    expect(response.degradedStages).toContain('ranking');
    expect(response.items.length).toBe(5);
    expect(response.items[0]!.explanation).not.toBe('');

    const served: ServeEvent[] = [];
    await waitFor('the ServeEvent on the serve topic', async () => {
      served.length = 0;
      await replayTopics({ kafka, sources: [replaySource({ codec: serveCodec, topic: serveTopic, onEvents: (events) => void served.push(...events.map((e) => e.event)) })] });
      return served.some((e) => e.requestId === 'req-serve-1');
    });
    const event = served.find((e) => e.requestId === 'req-serve-1')!;
    expect(event).toMatchObject({ userId: 'viewer', surface: Surface.SURFACE_SPOTLIGHT, degraded: true });
    expect(event.items.map((i) => i.itemId)).toEqual(response.items.map((i) => i.itemId));
    expect(event.items.map((i) => i.position)).toEqual([0, 1, 2, 3, 4]);
    expect(event.items.every((i) => i.propensity > 0 && i.propensity <= 1)).toBe(true);
  });

  it('serves the cached popular list when retrieval goes down', async () => {
    retrieval.signal('SIGKILL');
    await retrieval.exited;
    const response = await recommend('req-fallback-1');
    expect(response.degradedStages).toContain('retrieval');
    expect(response.items.length).toBe(5);
    expect(response.items[0]!.itemId).toBe('item-0');
  });
});
