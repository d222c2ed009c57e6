import { ContentEvent, ContentEventType, EngagementEvent, EngagementType, RetrievalServiceClient, RetrieveRequest, RetrieveResponse, Source, Surface } from '@cascade/contracts';
import { ensureTopics } from '@cascade/events';
import { dropTopics, requireBrokers, testKafka, TestProducer, uniqueName, waitFor } from '@cascade/events/testing';
import { createClient, type ServiceClient } from '@cascade/service-kit';
import { ServiceProcess } from '@cascade/service-kit/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOUR = 3_600_000;

describe('retrieval service process with the feature service (real broker)', () => {
  const kafka = testKafka('retrieval-service-test');
  const engagementTopic = uniqueName('retrieval.engagement');
  const contentTopic = uniqueName('retrieval.content');
  const producer = new TestProducer(kafka);
  const now = Date.now();
  // An empty registry: a model left in the default .cache/models would add two-tower candidates.
  const registryDir = mkdtempSync(join(tmpdir(), 'retrieval-test-registry-'));
  let events = 0;
  let feature: ServiceProcess;
  let retrieval: ServiceProcess;
  let client: ServiceClient<typeof RetrievalServiceClient>;

  const upload = (itemId: string, creatorId: string, ageHours: number, extra: Partial<ContentEvent> = {}) =>
    ContentEvent.fromPartial({
      eventId: `c${events++}`,
      itemId,
      creatorId,
      type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT,
      createdAtMs: now - ageHours * HOUR,
      eventTimeMs: now - ageHours * HOUR,
      durationMs: 20_000,
      categories: ['dance'],
      language: 'en',
      country: 'US',
      ...extra,
    });
  const engage = (userId: string, itemId: string, type: EngagementType, extra: Partial<EngagementEvent> = {}) =>
    EngagementEvent.fromPartial({ eventId: `e${events++}`, userId, itemId, type, eventTimeMs: now - HOUR / 2, surface: Surface.SURFACE_SPOTLIGHT, country: 'US', ...extra });

  const retrieve = (request: Partial<RetrieveRequest>): Promise<RetrieveResponse> =>
    client.retrieve(RetrieveRequest.fromPartial({ userId: 'viewer', surface: Surface.SURFACE_SPOTLIGHT, k: 50, context: { country: 'US', locale: 'en-US' }, ...request }));
  const ids = (response: RetrieveResponse) => response.candidates.map((c) => c.itemId);
  const fromSource = (response: RetrieveResponse, source: Source) => response.candidates.filter((c) => c.sources.some((s) => s.source === source)).map((c) => c.itemId);

  beforeAll(async () => {
    await ensureTopics(kafka, [{ topic: engagementTopic }, { topic: contentTopic }]);
    await producer.connect();
    await producer.content(contentTopic, [
      upload('old-hit', 'star', 200),
      upload('viral', 'newbie', 3),
      upload('steady', 'pro', 10),
      upload('star-new', 'star', 1),
      upload('star-mid', 'star', 5),
      upload('watched', 'pro', 20),
      upload('pt-video', 'brazil', 2, { language: 'pt', country: 'BR' }),
    ]);
    await producer.engagements(engagementTopic, [
      ...Array.from({ length: 5 }, (_, i) => engage(`fan${i}`, 'viral', EngagementType.ENGAGEMENT_TYPE_SHARE)),
      ...Array.from({ length: 3 }, (_, i) => engage(`fan${i}`, 'steady', EngagementType.ENGAGEMENT_TYPE_LIKE)),
      engage('fan9', 'old-hit', EngagementType.ENGAGEMENT_TYPE_LIKE, { eventTimeMs: now - 100 * HOUR }),
      engage('viewer', 'old-hit', EngagementType.ENGAGEMENT_TYPE_FOLLOW, { creatorId: 'star' }),
      engage('viewer', 'watched', EngagementType.ENGAGEMENT_TYPE_IMPRESSION, { creatorId: 'pro' }),
    ]);

    const brokers = requireBrokers().join(',');
    const topics = { KAFKA_BROKERS: brokers, ENGAGEMENT_TOPIC: engagementTopic, CONTENT_TOPIC: contentTopic, CATCH_UP_TIMEOUT_MS: '45000' };
    feature = new ServiceProcess({ entry: 'apps/feature/src/main.ts', env: { ...topics, KAFKA_GROUP_ID: uniqueName('retrieval-test-feature') } });
    const featureAddress = `127.0.0.1:${await feature.port()}`;
    // No reuse of user signals: the feature service's outage (last test) shows on the next request.
    retrieval = new ServiceProcess({ entry: 'apps/candidate-retrieval/src/main.ts', env: { ...topics, FEATURE_ADDR: featureAddress, FEATURE_BUDGET_MS: '2000', USER_SIGNALS_CACHE_TTL_MS: '0', MODEL_REGISTRY_DIR: registryDir } });
    client = createClient(RetrievalServiceClient, `127.0.0.1:${await retrieval.port()}`, { defaultTimeoutMs: 10_000 });
    await Promise.all([feature.ready(), retrieval.ready()]);
  }, 90_000);

  afterAll(async () => {
    client?.close();
    retrieval?.close();
    feature?.close();
    await producer.disconnect();
    await dropTopics(kafka, [engagementTopic, contentTopic]);
    rmSync(registryDir, { recursive: true, force: true });
  });

  it('ranks trending by recent engagement velocity for the surface and country', async () => {
    const response = await retrieve({ sourceQuotas: { trending: 10, popular: 0, fresh: 0, following: 0 } });
    expect(fromSource(response, Source.SOURCE_TRENDING).slice(0, 2)).toEqual(['viral', 'steady']);
    expect(response.sources.find((s) => s.source === Source.SOURCE_TRENDING)).toMatchObject({ failed: false, quota: 10 });
  });

  it('returns recent uploads of followed creators (stories) and of everyone (fresh), newest first', async () => {
    const stories = await retrieve({ surface: Surface.SURFACE_STORIES, sourceQuotas: { two_tower: 0, fresh: 0, popular: 0 } });
    expect(ids(stories)).toEqual(['star-new', 'star-mid']);
    expect(stories.candidates[0]).toMatchObject({ creatorId: 'star', categories: ['dance'], durationMs: 20_000, language: 'en' });

    const fresh = await retrieve({ sourceQuotas: { fresh: 3, trending: 0, popular: 0, following: 0 } });
    expect(ids(fresh)).toEqual(['star-new', 'pt-video', 'viral']);
  });

  it('merges sources without duplicates, keeps every source of an item, and filters seen, excluded and off-language items', async () => {
    const response = await retrieve({ surface: Surface.SURFACE_DISCOVER, excludeItemIds: ['steady'], debug: true });
    const all = ids(response);
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain('watched');
    expect(all).not.toContain('steady');
    expect(all).not.toContain('pt-video');
    expect(response.removedByFilter).toMatchObject({ seen: expect.any(Number), excluded: 1, language: 1 });
    const viral = response.candidates.find((c) => c.itemId === 'viral')!;
    expect(viral.sources.map((s) => s.source)).toEqual(expect.arrayContaining([Source.SOURCE_TRENDING, Source.SOURCE_FRESH, Source.SOURCE_POPULAR]));
    expect(response.funnel.map((f) => f.stage)).toEqual(expect.arrayContaining(['retrieval/trending', 'retrieval/filters']));
  });

  it('makes a new upload retrievable and a deleted item disappear, from the content topic', async () => {
    await producer.content(contentTopic, [upload('brand-new', 'newcomer', 0)]);
    await waitFor('the new upload to be retrieved', async () => ids(await retrieve({})).includes('brand-new'), 10_000);
    await producer.content(contentTopic, [
      ContentEvent.fromPartial({ eventId: `c${events++}`, itemId: 'viral', type: ContentEventType.CONTENT_EVENT_TYPE_DELETE, eventTimeMs: Date.now() }),
    ]);
    await waitFor('the deleted item to be gone', async () => !ids(await retrieve({})).includes('viral'), 10_000);
  });

  it('answers degraded, from the in-memory sources, when the feature service is down', async () => {
    feature.signal('SIGKILL');
    await feature.exited;
    const response = await retrieve({ surface: Surface.SURFACE_SPOTLIGHT });
    expect(response.degraded).toBe(true);
    expect(response.degradedSources).toContain('user_signals');
    expect(response.candidates.length).toBeGreaterThan(0);
  });
});
