import { EngagementType, type ContentEvent, type EngagementEvent } from '@cascade/contracts';
import {
  contentCodec,
  createEventConsumer,
  createEventProducer,
  engagementCodec,
  ensureTopics,
  eventBatch,
  type DecodedEvent,
  type EventCodec,
  type EventConsumer,
} from '../src';
import { sampleContentEvent, sampleEngagementEvent } from './sample-events';
import { dropTopics, testKafka, uniqueName, waitFor } from './support/broker';

describe('produce → consume round trip (real broker)', () => {
  const kafka = testKafka('round-trip-test');
  const engagementTopic = uniqueName('engagement');
  const contentTopic = uniqueName('content');
  const largeTopic = uniqueName('large');
  const trickleTopic = uniqueName('trickle');
  const producer = createEventProducer({ kafka });
  const consumers: EventConsumer[] = [];

  beforeAll(async () => {
    await ensureTopics(kafka, [
      { topic: engagementTopic, numPartitions: 3 },
      { topic: contentTopic, numPartitions: 3 },
    ]);
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await producer.disconnect();
    await dropTopics(kafka, [engagementTopic, contentTopic, largeTopic, trickleTopic]);
  });

  function collect<T>(codec: EventCodec<T>, topic: string, fetch: { fetchMinBytes?: number; maxWaitTimeMs?: number } = {}) {
    const received: DecodedEvent<T>[] = [];
    const batchSizes: number[] = [];
    const consumer = createEventConsumer<T>({
      kafka,
      groupId: uniqueName('group'),
      codec,
      topic,
      ...fetch,
      handler: async (events) => {
        received.push(...events);
        batchSizes.push(events.length);
      },
    });
    consumers.push(consumer);
    return { consumer, received, batchSizes };
  }

  it('delivers protobuf and JSON engagement events intact, keyed by user, in order per user', async () => {
    const events: EngagementEvent[] = Array.from({ length: 60 }, (_, i) =>
      sampleEngagementEvent({
        eventId: `rt-${i}`,
        userId: `user-${i % 7}`,
        itemId: `item-${i}`,
        type: i % 2 ? EngagementType.ENGAGEMENT_TYPE_LIKE : EngagementType.ENGAGEMENT_TYPE_VIEW,
        eventTimeMs: 1_760_000_000_000 + i,
      }),
    );
    const protobufHalf = events.filter((_, i) => i % 2 === 0);
    const jsonHalf = events.filter((_, i) => i % 2 === 1);
    // Both encodings in one request; per partition the protobuf records go first, then the JSON ones.
    await producer.sendBatch([
      eventBatch(engagementCodec, protobufHalf, { topic: engagementTopic }),
      eventBatch(engagementCodec, jsonHalf, { topic: engagementTopic, encoding: 'json' }),
    ]);

    const { consumer, received } = collect(engagementCodec, engagementTopic);
    await consumer.start();
    await waitFor('60 engagement events', () => received.length >= 60, 20_000, () => received.length);

    const byId = new Map(received.map((d) => [d.event.eventId, d]));
    expect(byId.size).toBe(60);
    for (const [i, event] of events.entries()) {
      const got = byId.get(event.eventId)!;
      expect(got.event).toEqual(event);
      expect(got.encoding).toBe(i % 2 ? 'json' : 'protobuf');
      expect(got.key).toBe(event.userId);
      expect(got.topic).toBe(engagementTopic);
    }
    // One user's events all land on one partition and arrive in the order they were sent.
    const sentOrder = [...protobufHalf, ...jsonHalf];
    for (let u = 0; u < 7; u++) {
      const mine = received.filter((d) => d.event.userId === `user-${u}`);
      expect(new Set(mine.map((d) => d.partition)).size).toBe(1);
      expect(mine.map((d) => d.event.eventId)).toEqual(
        sentOrder.filter((e) => e.userId === `user-${u}`).map((e) => e.eventId),
      );
    }
    // Offsets strictly increase within each partition as delivered.
    for (const p of new Set(received.map((d) => d.partition))) {
      const offsets = received.filter((d) => d.partition === p).map((d) => BigInt(d.offset));
      expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    await waitFor('lag 0 on every partition seen', () => Object.values(consumer.stats().lagByPartition).every((l) => l === 0));
    expect(consumer.stats()).toMatchObject({ applied: 60, deadLettered: { decode: 0, validation: 0 } });
  });

  it('delivers content events keyed by item', async () => {
    const events: ContentEvent[] = Array.from({ length: 10 }, (_, i) =>
      sampleContentEvent({ eventId: `ce-${i}`, itemId: `item-${i}`, embedding: [i / 2, -i] }),
    );
    await producer.send(contentCodec, events.slice(0, 5), { topic: contentTopic });
    await producer.send(contentCodec, events.slice(5), { topic: contentTopic, encoding: 'json' });

    const { consumer, received } = collect(contentCodec, contentTopic);
    await consumer.start();
    await waitFor('10 content events', () => received.length >= 10, 20_000, () => received.length);
    const sorted = [...received].sort((a, b) => a.event.eventId.localeCompare(b.event.eventId));
    expect(sorted.map((d) => d.event)).toEqual([...events].sort((a, b) => a.eventId.localeCompare(b.eventId)));
    expect(received.every((d) => d.key === d.event.itemId)).toBe(true);
  });

  it('sends more than the broker takes in one record batch in one call, every event once and in order', async () => {
    await ensureTopics(kafka, [{ topic: largeTopic, numPartitions: 1 }]);
    // ~2.4 MB on one partition: sent as one request, the broker would refuse it whole (1 MB limit).
    const events: ContentEvent[] = Array.from({ length: 3_000 }, (_, i) =>
      sampleContentEvent({ eventId: `big-${i}`, itemId: `item-${i}`, hashtags: [0, 1, 2].map((k) => `tag${k}-${'x'.repeat(240)}`) }),
    );
    const acknowledged = await producer.send(contentCodec, events, { topic: largeTopic });
    expect(acknowledged.length).toBeGreaterThan(1);

    const { consumer, received } = collect(contentCodec, largeTopic);
    await consumer.start();
    await waitFor('3,000 large content events', () => received.length >= 3_000, 60_000, () => received.length);
    expect(received.map((d) => d.event.eventId)).toEqual(events.map((e) => e.eventId));
  });

  it('waits for large fetches on a busy stream, yet delivers a trickle that never fills one', async () => {
    await ensureTopics(kafka, [{ topic: trickleTopic, numPartitions: 1 }]);
    const { consumer, received, batchSizes } = collect(engagementCodec, trickleTopic, { fetchMinBytes: 4 * 1024 * 1024, maxWaitTimeMs: 1000 });
    await consumer.start();
    await consumer.joined();
    const event = (id: string) => sampleEngagementEvent({ eventId: id, userId: 'u', itemId: `item-${id}` });

    // 40 small sends ~15 ms apart: fetches that answered at once would hand them over one by one.
    for (let send = 0; send < 40; send++) {
      await producer.send(engagementCodec, Array.from({ length: 10 }, (_, i) => event(`burst-${send}-${i}`)), { topic: trickleTopic });
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    await waitFor('400 burst events', () => received.length >= 400, 20_000, () => received.length);
    expect(batchSizes.length).toBeLessThan(15);

    // Far below the 4 MB a fetch waits for: each must still arrive once the fetch's wait is over.
    for (let i = 0; i < 2; i++) {
      await producer.send(engagementCodec, [event(`trickle-${i}`)], { topic: trickleTopic });
      await waitFor(`trickle event ${i}`, () => received.length > 400 + i, 20_000, () => received.length);
    }
    expect(received.slice(400).map((d) => d.event.eventId)).toEqual(['trickle-0', 'trickle-1']);
  });
});
