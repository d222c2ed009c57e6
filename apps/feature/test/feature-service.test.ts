import { status, type ServiceError } from '@grpc/grpc-js';
import { contentCodec, DLQ_HEADERS, dlqTopic, engagementCodec, ensureTopics, headerText } from '@cascade/events';
import { featureRegistry } from '@cascade/features';
import { freePort, HealthProbe, ReflectionProbe } from '@cascade/service-kit/testing';
import { randomBytes } from 'node:crypto';
import { redisUrl } from './redis-env';
import { COMMENT, DAY, decayed, engagement, FOLLOW, HOUR, IMPRESSION, LIKE, T0, TestProducer, upsert, VIEW, WEEK } from './support/events';
import { FeatureProcess, type StoreKind } from './support/feature-process';
import { FeatureTable } from './support/features';
import { dropTopics, testKafka, uniqueName, waitFor } from '@cascade/events/testing';
import { RedisGate } from './support/redis-gate';

const SERVICE = 'cascade.feature.v1.FeatureService';
/** Reads happen 30 hours after T0, so every decayed value is a non-trivial power of two. */
const AS_OF = T0 + 30 * HOUR;

/** Rejection of a promise as a gRPC error (fails if it resolves). */
async function grpcError(call: Promise<unknown>): Promise<ServiceError> {
  return call.then(
    () => {
      throw new Error('the call succeeded');
    },
    (e: unknown) => e as ServiceError,
  );
}

describe.each<StoreKind>(['memory', 'redis'])('feature service process, %s store (real broker)', (store) => {
  const kafka = testKafka(`feature-service-test-${store}`);
  const engagementTopic = uniqueName(`feature.${store}.engagement`);
  const contentTopic = uniqueName(`feature.${store}.content`);
  // Entity ids are unique per run: the Redis store is shared with other suites and runs.
  const run = randomBytes(4).toString('hex');
  const id = (name: string) => `${name}-${run}`;
  const [u1, u2, u3, u4, nobody] = ['u1', 'u2', 'u3', 'u4', 'nobody'].map(id) as [string, string, string, string, string];
  const [i1, i2, i3, i4, i5, unknownItem] = ['i1', 'i2', 'i3', 'i4', 'i5', 'unknown'].map(id) as [string, string, string, string, string, string];
  const [cr1, cr2] = ['cr1', 'cr2'].map(id) as [string, string];
  const producer = new TestProducer(kafka);
  const gate = store === 'redis' ? new RedisGate(new URL(redisUrl())) : undefined;
  let service: FeatureProcess;
  let health: HealthProbe;
  let watched: { statuses: string[] };
  let metricsPort: number;

  const pre = {
    like: engagement({ eventId: id('e1'), userId: u1, itemId: i1, creatorId: cr1, type: LIKE, eventTimeMs: T0 }),
    view: engagement({ eventId: id('e2'), userId: u1, itemId: i1, creatorId: cr1, type: VIEW, eventTimeMs: T0 + 1000, watchMs: 10_000, itemDurationMs: 20_000 }),
    follow: engagement({ eventId: id('e3'), userId: u1, itemId: i1, creatorId: cr1, type: FOLLOW, eventTimeMs: T0 + 2000 }),
    u2Impression: engagement({ eventId: id('e4'), userId: u2, itemId: i1, creatorId: cr1, type: IMPRESSION, eventTimeMs: T0 + 3000 }),
    u1Impression: engagement({ eventId: id('e5'), userId: u1, itemId: i2, creatorId: cr2, type: IMPRESSION, eventTimeMs: T0 + 4000 }),
  };

  beforeAll(async () => {
    await ensureTopics(kafka, [
      { topic: engagementTopic, numPartitions: 3 },
      { topic: contentTopic, numPartitions: 3 },
    ]);
    await producer.connect();
    // Present before the service starts: it must have applied all of it before it says SERVING.
    await producer.content(contentTopic, [
      upsert({ eventId: id('c1'), itemId: i1, creatorId: cr1, createdAtMs: T0 - 2 * HOUR, durationMs: 20_000, categories: ['dance', 'music'], hashtags: ['#a'], language: 'en', country: 'US' }),
      upsert({ eventId: id('c3'), itemId: i3, creatorId: cr1, createdAtMs: T0 - HOUR, durationMs: 30_000, categories: ['dance'] }),
    ]);
    await producer.content(contentTopic, [upsert({ eventId: id('c2'), itemId: i2, creatorId: cr2, createdAtMs: T0 - HOUR, durationMs: 15_000, categories: ['food'], language: 'pt', country: 'BR' })], 'json');
    await producer.engagements(engagementTopic, [pre.like, pre.follow, pre.u1Impression]);
    await producer.engagements(engagementTopic, [pre.view, pre.u2Impression], 'json');

    metricsPort = await freePort();
    const redis = gate ? await gate.listen() : undefined;
    service = new FeatureProcess({
      store,
      engagementTopic,
      contentTopic,
      groupId: uniqueName('feature-group'),
      redisUrl: redis,
      env: { METRICS_PORT: String(metricsPort) },
    });
    health = new HealthProbe(await service.address());
    watched = health.watch('');
  }, 60_000);

  afterAll(async () => {
    health?.close();
    service?.close();
    await gate?.close();
    await producer.disconnect();
    await dropTopics(kafka, [engagementTopic, contentTopic]);
  });

  it('is NOT_SERVING until it applied the events present at start, then SERVING with all of them visible', async () => {
    if (gate) {
      // The store is unreachable, so catching up cannot finish: the service must not claim to serve.
      expect(await health.check('')).toBe('NOT_SERVING');
      expect(await health.check(SERVICE)).toBe('NOT_SERVING');
      await new Promise((r) => setTimeout(r, 1000));
      expect(await health.check(SERVICE)).toBe('NOT_SERVING');
      gate.release();
    }
    await service.process.ready();
    expect(await health.check('')).toBe('SERVING');
    expect(await health.check(SERVICE)).toBe('SERVING');
    await waitFor('the health watch to report SERVING', () => watched.statuses.at(-1) === 'SERVING');
    expect(watched.statuses.filter((s, i, all) => s !== all[i - 1])).toEqual(gate ? ['NOT_SERVING', 'SERVING'] : expect.arrayContaining(['SERVING']));
    expect(watched.statuses.every((s) => s === 'NOT_SERVING' || s === 'SERVING')).toBe(true);
    // The first read after SERVING already reflects every event that was on the topics at start.
    const table = new FeatureTable(await service.getFeatures({ userId: u1, itemIds: [i1, i2, i3], featureNames: ['item_like_1d', 'user_follows', 'item_language', 'cross_seen'], asOfMs: AS_OF }));
    expect(table.number('item_like_1d', 0)).toBeCloseTo(decayed(1, T0, AS_OF, DAY), 9);
    expect(table.idList('user_follows')).toEqual([cr1]);
    expect(table.ids('item_language')).toEqual(['en', 'pt', '']);
    expect(table.numbers('cross_seen')).toEqual([1, 1, 0]);
  });

  it('serves exact event-time values for items, creators, the user and user × item', async () => {
    const response = await service.getFeatures({ userId: u1, itemIds: [i1, i2, i3, unknownItem], asOfMs: AS_OF });
    const t = new FeatureTable(response);
    expect(response.itemIds).toEqual([i1, i2, i3, unknownItem]);
    expect(response.userDefaulted).toBe(false);
    expect(response.registryVersion).toMatch(/^[0-9a-f]{12}$/);
    // Every registered feature, once.
    expect([...response.userFeatures, ...response.itemFeatures, ...response.crossFeatures].map((c) => c.name).sort()).toEqual(
      featureRegistry.map((f) => f.name).sort(),
    );

    const like = decayed(1, T0, AS_OF, DAY);
    expect(t.number('item_like_1d', 0)).toBeCloseTo(like, 9);
    expect(t.numbers('item_like_1d').slice(1)).toEqual([0, 0, 0]);
    expect(t.defaultedRows('item_like_1d')).toEqual([3]);
    expect(t.number('item_like_7d', 0)).toBeCloseTo(decayed(1, T0, AS_OF, WEEK), 9);
    expect(t.number('item_like_1h', 0)).toBeCloseTo(decayed(1, T0, AS_OF, HOUR), 12);
    expect(t.number('item_impression_7d', 0)).toBeCloseTo(decayed(1, T0 + 3000, AS_OF, WEEK), 9);
    expect(t.number('item_impression_7d', 1)).toBeCloseTo(decayed(1, T0 + 4000, AS_OF, WEEK), 9);
    const viewed = decayed(1, T0 + 1000, AS_OF, WEEK);
    expect(t.number('item_view_7d', 0)).toBeCloseTo(viewed, 9);
    expect(t.number('item_watch_seconds_7d', 0)).toBeCloseTo(10 * viewed, 9);
    expect(t.number('item_watch_ratio_7d', 0)).toBeCloseTo(0.5 * viewed, 9);
    expect(t.number('item_mean_watch_ratio', 0)).toBeCloseTo((0.5 * viewed + 10 * 0.5) / (viewed + 10), 9);
    expect(t.number('item_like_rate', 0)).toBeCloseTo((decayed(1, T0, AS_OF, WEEK) + 20 * 0.03) / (decayed(1, T0 + 3000, AS_OF, WEEK) + 20), 9);
    expect(t.number('item_like_rate', 3)).toBe(0.03);
    expect(t.numbers('item_age_hours')).toEqual([32, 31, 31, 24 * 7]);
    expect(t.defaultedRows('item_age_hours')).toEqual([3]);
    expect(t.numbers('item_duration_seconds')).toEqual([20, 15, 30, 30]);
    expect(t.ids('item_creator_id')).toEqual([cr1, cr2, cr1, '']);
    expect([0, 1, 2, 3].map((row) => t.idList('item_categories', row))).toEqual([['dance', 'music'], ['food'], ['dance'], []]);
    expect(t.idList('item_hashtags', 0)).toEqual(['#a']);
    expect(t.ids('item_country').slice(0, 2)).toEqual(['US', 'BR']);

    // Creator features, through the item's creator.
    expect(t.numbers('creator_followers')).toEqual([1, 0, 1, 0]);
    expect(t.defaultedRows('creator_followers')).toEqual([3]);
    expect(t.number('creator_like_7d', 0)).toBeCloseTo(decayed(1, T0, AS_OF, WEEK), 9);
    expect(t.number('creator_like_7d', 2)).toBeCloseTo(decayed(1, T0, AS_OF, WEEK), 9);

    // The user: history newest first (impressions excluded), follows, seen set, affinities.
    expect(t.number('user_like_7d')).toBeCloseTo(decayed(1, T0, AS_OF, WEEK), 9);
    expect(t.number('user_impression_7d')).toBeCloseTo(decayed(1, T0 + 4000, AS_OF, WEEK), 9);
    expect(t.idList('user_history_item_ids')).toEqual([i1, i1, i1]);
    expect(t.idList('user_history_types')).toEqual(['follow', 'view', 'like']);
    expect(t.idList('user_history_creator_ids')).toEqual([cr1, cr1, cr1]);
    expect(t.idList('user_positive_item_ids')).toEqual([i1]);
    expect(t.number('user_follow_count')).toBe(1);
    expect(t.idList('user_follows')).toEqual([cr1]);
    expect(t.idList('user_seen_item_ids')).toEqual([i2, i1]);
    expect(t.idList('user_top_creators')).toEqual([cr1]);
    expect(t.idList('user_top_categories')).toEqual(['dance', 'music']);

    // User × item: like 3, view 0.5 + watch ratio 0.5, follow 5 — split over the item's categories.
    const affinity = decayed(3, T0, AS_OF, WEEK) + decayed(1, T0 + 1000, AS_OF, WEEK) + decayed(5, T0 + 2000, AS_OF, WEEK);
    expect(t.number('cross_creator_affinity_7d', 0)).toBeCloseTo(affinity, 9);
    expect(t.number('cross_creator_affinity_7d', 1)).toBe(0);
    expect(t.number('cross_creator_affinity_7d', 2)).toBeCloseTo(affinity, 9);
    expect(t.number('cross_category_affinity_7d', 0)).toBeCloseTo(affinity, 9);
    expect(t.number('cross_category_affinity_7d', 2)).toBeCloseTo(affinity / 2, 9);
    expect(t.number('cross_category_affinity_7d', 1)).toBe(0);
    expect(t.numbers('cross_follows_creator')).toEqual([1, 0, 1, 0]);
    expect(t.defaultedRows('cross_follows_creator')).toEqual([3]);
    expect(t.numbers('cross_seen')).toEqual([1, 1, 0, 0]);
    expect(t.number('cross_hours_since_seen', 0)).toBeCloseTo((AS_OF - (T0 + 2000)) / HOUR, 9);
    expect(t.number('cross_hours_since_seen', 1)).toBeCloseTo((AS_OF - (T0 + 4000)) / HOUR, 9);
    expect(t.number('cross_hours_since_seen', 2)).toBe(720);

    // Another user of the same item sees its item features, and none of u1's.
    const other = new FeatureTable(await service.getFeatures({ userId: u2, itemIds: [i1], featureNames: ['cross_seen', 'cross_follows_creator', 'user_impression_1d', 'user_history_item_ids'], asOfMs: AS_OF }));
    expect(other.numbers('cross_seen')).toEqual([1]);
    expect(other.numbers('cross_follows_creator')).toEqual([0]);
    expect(other.number('user_impression_1d')).toBeCloseTo(decayed(1, T0 + 3000, AS_OF, DAY), 9);
    expect(other.idList('user_history_item_ids')).toEqual([]);
  });

  it('marks defaults for an unknown user and returns features in the requested order', async () => {
    const response = await service.getFeatures({ userId: nobody, itemIds: [i1], featureNames: ['cross_seen', 'user_like_7d', 'item_creator_id', 'user_follows'], asOfMs: AS_OF });
    expect(response.userDefaulted).toBe(true);
    expect(response.userFeatures.map((c) => [c.name, c.defaultedRows])).toEqual([
      ['user_like_7d', [0]],
      ['user_follows', [0]],
    ]);
    expect(response.itemFeatures.map((c) => [c.name, c.ids])).toEqual([['item_creator_id', [cr1]]]);
    expect(response.crossFeatures.map((c) => [c.name, c.numbers])).toEqual([['cross_seen', [0]]]);
  });

  it('changes nothing when an already applied event is delivered again (protobuf or JSON)', async () => {
    const names = [
      'item_like_1d', 'item_like_7d', 'item_view_7d', 'item_follow_7d', 'item_watch_seconds_7d', 'creator_followers', 'creator_like_7d',
      'user_like_7d', 'user_follow_count', 'user_history_item_ids', 'user_history_types', 'cross_creator_affinity_7d', 'cross_category_affinity_7d',
    ];
    const read = async () => new FeatureTable(await service.getFeatures({ userId: u1, itemIds: [i1, i3], featureNames: names, asOfMs: AS_OF })).values();
    const before = await read();
    await producer.engagements(engagementTopic, [pre.like, pre.view]);
    await producer.engagements(engagementTopic, [pre.follow, pre.like], 'json');
    // Same key (user), same partition: once this one shows, the redelivered ones were consumed.
    await producer.engagements(engagementTopic, [engagement({ eventId: id('marker1'), userId: u1, itemId: i3, creatorId: cr1, type: IMPRESSION, eventTimeMs: T0 + 5000 })]);
    await waitFor('the marker impression', async () => new FeatureTable(await service.getFeatures({ userId: u1, itemIds: [i3], featureNames: ['cross_seen'], asOfMs: AS_OF })).number('cross_seen') === 1);
    expect(await read()).toEqual(before);
  });

  it('applies late and out-of-order events by event time', async () => {
    // u3 likes i2 at T0+5h, then an event from T0+1h arrives; then a content write older than the current one.
    await producer.engagements(engagementTopic, [engagement({ eventId: id('late1'), userId: u3, itemId: i2, creatorId: cr2, type: LIKE, eventTimeMs: T0 + 5 * HOUR })]);
    await producer.engagements(engagementTopic, [engagement({ eventId: id('late2'), userId: u3, itemId: i3, creatorId: cr1, type: COMMENT, eventTimeMs: T0 + HOUR })], 'json');
    await producer.ordered(contentTopic, 0, [
      { event: upsert({ eventId: id('c2-old'), itemId: i2, creatorId: cr2, createdAtMs: T0 - 3 * HOUR, durationMs: 99_000, categories: ['old'], language: 'es' }), codec: contentCodec },
      { event: upsert({ eventId: id('c4'), itemId: i4, creatorId: cr2, createdAtMs: T0 }), codec: contentCodec, encoding: 'json' },
    ]);
    const read = async () =>
      new FeatureTable(
        await service.getFeatures({
          userId: u3,
          itemIds: [i2, i3, i4],
          featureNames: ['user_history_item_ids', 'user_history_types', 'user_seen_item_ids', 'item_like_1d', 'item_comment_1d', 'item_language', 'item_duration_seconds', 'item_categories', 'item_creator_id'],
          asOfMs: AS_OF,
        }),
      );
    await waitFor('both engagements and the content marker', async () => {
      const t = await read();
      return t.idList('user_history_item_ids').length === 2 && t.ids('item_creator_id')[2] === cr2;
    });
    const t = await read();
    expect(t.idList('user_history_item_ids')).toEqual([i2, i3]);
    expect(t.idList('user_history_types')).toEqual(['like', 'comment']);
    expect(t.idList('user_seen_item_ids')).toEqual([i2, i3]);
    expect(t.number('item_like_1d', 0)).toBeCloseTo(decayed(1, T0 + 5 * HOUR, AS_OF, DAY), 9);
    expect(t.number('item_comment_1d', 1)).toBeCloseTo(decayed(1, T0 + HOUR, AS_OF, DAY), 9);
    // The older content write lost to the newer one already applied.
    expect(t.ids('item_language')).toEqual(['pt', '', '']);
    expect(t.number('item_duration_seconds', 0)).toBe(15);
    expect(t.idList('item_categories', 0)).toEqual(['food']);
  });

  it('parks undecodable and invalid records on <topic>.dlq with the reason, and applies what follows', async () => {
    const json = { 'content-type': 'application/json' };
    const engagementBase = await producer.ordered(engagementTopic, 0, [
      { value: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]), headers: { 'content-type': 'application/x-protobuf' } },
      { value: engagementCodec.encode(engagement({ eventId: id('bad'), userId: '', itemId: i1, type: LIKE, eventTimeMs: T0 }), 'json'), headers: json },
      { event: engagement({ eventId: id('after-dlq'), userId: u4, itemId: i1, creatorId: cr1, type: LIKE, eventTimeMs: T0 + 6000 }), codec: engagementCodec },
    ]);
    const contentBase = await producer.ordered(contentTopic, 1, [
      { value: Buffer.from('{"itemId": '), headers: json },
      { event: upsert({ eventId: id('c5'), itemId: i5, creatorId: cr2, createdAtMs: T0 }), codec: contentCodec },
    ]);

    const parked: (string | undefined)[][] = [];
    const reader = kafka.consumer({ groupId: uniqueName('dlq-reader'), maxWaitTimeInMs: 200 });
    try {
      await reader.connect();
      await reader.subscribe({ topics: [dlqTopic(engagementTopic), dlqTopic(contentTopic)], fromBeginning: true });
      await reader.run({
        eachMessage: async ({ message }) => {
          const header = (name: string) => headerText(message.headers, name);
          parked.push([header(DLQ_HEADERS.sourceTopic), header(DLQ_HEADERS.sourceOffset), header(DLQ_HEADERS.errorKind), header(DLQ_HEADERS.error)]);
        },
      });
      await waitFor('3 records on the DLQs', () => parked.length >= 3, 20_000, () => parked.length);
    } finally {
      await reader.disconnect();
    }
    expect(parked).toEqual(
      expect.arrayContaining([
        [engagementTopic, String(engagementBase), 'decode', expect.stringMatching(/cannot decode EngagementEvent from protobuf/)],
        [engagementTopic, String(engagementBase + 1n), 'validation', 'invalid EngagementEvent: user_id: is required'],
        [contentTopic, String(contentBase), 'decode', expect.stringMatching(/cannot decode ContentEvent from json/)],
      ]),
    );
    expect(parked).toHaveLength(3);

    // The partitions kept moving: the records behind the bad ones were applied.
    await waitFor('the events after the bad records', async () => {
      const t = new FeatureTable(await service.getFeatures({ userId: u4, itemIds: [i5], featureNames: ['user_like_7d', 'item_creator_id'], asOfMs: AS_OF }));
      return t.number('user_like_7d') > 0 && t.ids('item_creator_id')[0] === cr2;
    });
    const t = new FeatureTable(await service.getFeatures({ userId: u4, itemIds: [i1], featureNames: ['user_like_1d', 'item_like_1d'], asOfMs: AS_OF }));
    expect(t.number('user_like_1d')).toBeCloseTo(decayed(1, T0 + 6000, AS_OF, DAY), 9);
    expect(t.number('item_like_1d')).toBeCloseTo(decayed(1, T0, AS_OF, DAY) + decayed(1, T0 + 6000, AS_OF, DAY), 9);
  });

  it('answers INVALID_ARGUMENT naming the field, and RESOURCE_EXHAUSTED above 2,000 items', async () => {
    const noUser = await grpcError(service.getFeatures({ userId: '', itemIds: [i1] }));
    expect(noUser.code).toBe(status.INVALID_ARGUMENT);
    expect(noUser.details).toMatch(/^user_id: /);

    const unknownFeature = await grpcError(service.getFeatures({ userId: u1, itemIds: [i1], featureNames: ['item_like_1d', 'no_such_feature'] }));
    expect(unknownFeature.code).toBe(status.INVALID_ARGUMENT);
    expect(unknownFeature.details).toBe('feature_names[1]: unknown feature "no_such_feature"');

    const emptyItem = await grpcError(service.getFeatures({ userId: u1, itemIds: [i1, ''] }));
    expect(emptyItem.code).toBe(status.INVALID_ARGUMENT);
    expect(emptyItem.details).toMatch(/^item_ids\[1\]: /);

    const tooMany = await grpcError(service.getFeatures({ userId: u1, itemIds: Array.from({ length: 2001 }, (_, i) => `item-${i}`) }));
    expect(tooMany.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(tooMany.details).toMatch(/^item_ids: /);

    // 2,000 is allowed.
    const full = await service.getFeatures({ userId: u1, itemIds: Array.from({ length: 2000 }, (_, i) => (i === 7 ? i1 : `item-${i}`)), featureNames: ['item_like_1d'], asOfMs: AS_OF });
    expect(full.itemFeatures[0]!.numbers).toHaveLength(2000);
    expect(full.itemFeatures[0]!.numbers[7]).toBeCloseTo(decayed(1, T0, AS_OF, DAY) + decayed(1, T0 + 6000, AS_OF, DAY), 9);
    expect(full.itemFeatures[0]!.defaultedRows).toHaveLength(1999);
  });

  it('lists its service over server reflection', async () => {
    const reflection = new ReflectionProbe(await service.address());
    try {
      expect(await reflection.listServices()).toEqual(expect.arrayContaining([SERVICE, 'grpc.health.v1.Health']));
    } finally {
      reflection.close();
    }
  });

  it('exports freshness metrics: applied events, lag, event→apply latency, DLQ counts and store latency', async () => {
    let text = '';
    await waitFor('a Prometheus scrape with the ingestion metrics', async () => {
      text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      return text.includes('cascade_feature_events_dead_lettered');
    });
    const metric = (name: string, labels = /.*/) =>
      text.split('\n').filter((line) => line.startsWith(name) && labels.test(line)).map((line) => Number(line.split(' ').at(-1)));
    const applied = metric('cascade_feature_events_applied', new RegExp(`topic="${engagementTopic.replace(/\./g, '\\.')}"`));
    expect(applied.length).toBeGreaterThan(0);
    expect(applied[0]).toBeGreaterThanOrEqual(13);
    expect(metric('cascade_feature_consumer_lag', /partition="0"/).length).toBeGreaterThan(0);
    expect(metric('cascade_feature_event_to_apply_milliseconds_count').length + metric('cascade_feature_event_to_apply_count').length).toBeGreaterThan(0);
    expect(text).toMatch(/cascade_feature_record_to_apply\w*_bucket/);
    expect(metric('cascade_feature_events_dead_lettered', /kind="validation"/)[0]).toBe(1);
    expect(metric('cascade_feature_events_dead_lettered', /kind="decode"/).reduce((a, b) => a + b, 0)).toBe(2);
    expect(text).toMatch(new RegExp(`cascade_feature_store_latency\\w*_count\\{[^}]*operation="read"[^}]*store="${store}"`));
    expect(text).toMatch(new RegExp(`cascade_feature_store_latency\\w*_count\\{[^}]*operation="apply"`));
    expect(metric('cascade_feature_mutations_duplicate').reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(4);
    if (store === 'memory') {
      expect(metric('cascade_feature_dedupe_ids', /kind="user"/)[0]).toBeGreaterThan(0);
      expect(metric('cascade_feature_dedupe_bytes', /kind="item"/)[0]).toBeGreaterThan(0);
      expect(metric('cascade_feature_dedupe_forgotten_early', /kind="user"/)[0]).toBe(0);
    }
  });
});
