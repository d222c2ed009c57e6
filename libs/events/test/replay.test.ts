import { EngagementType, type ContentEvent, type EngagementEvent } from '@cascade/contracts';
import {
  contentCodec,
  createEventProducer,
  engagementCodec,
  ensureTopics,
  eventBatch,
  replaySource,
  replayTopics,
  type DecodedEvent,
} from '../src';
import { sampleContentEvent, sampleEngagementEvent } from './sample-events';
import { dropTopics, testKafka, uniqueName } from './support/broker';

describe('bounded replay of topics (real broker)', () => {
  const kafka = testKafka('replay-test');
  const engagementTopic = uniqueName('replay-engagement');
  const contentTopic = uniqueName('replay-content');
  const emptyTopic = uniqueName('replay-empty');
  const producer = createEventProducer({ kafka });
  const raw = kafka.producer();

  const engagement: EngagementEvent[] = Array.from({ length: 90 }, (_, i) =>
    sampleEngagementEvent({ eventId: `rp-${i}`, userId: `user-${i % 11}`, itemId: `item-${i}`, type: EngagementType.ENGAGEMENT_TYPE_VIEW, eventTimeMs: 1_760_000_000_000 + i }),
  );
  const content: ContentEvent[] = Array.from({ length: 12 }, (_, i) => sampleContentEvent({ eventId: `rc-${i}`, itemId: `item-${i}` }));

  beforeAll(async () => {
    await ensureTopics(kafka, [
      { topic: engagementTopic, numPartitions: 3, withDlq: false },
      { topic: contentTopic, numPartitions: 2, withDlq: false },
      { topic: emptyTopic, numPartitions: 2, withDlq: false },
    ]);
    await Promise.all([producer.connect(), raw.connect()]);
    await producer.sendBatch([
      eventBatch(engagementCodec, engagement.slice(0, 60), { topic: engagementTopic }),
      eventBatch(engagementCodec, engagement.slice(60), { topic: engagementTopic, encoding: 'json' }),
      eventBatch(contentCodec, content, { topic: contentTopic }),
    ]);
    // Two records no codec accepts: bytes that are not protobuf, and JSON that fails validation.
    await raw.send({
      topic: engagementTopic,
      messages: [
        { key: 'user-1', value: Buffer.from([0xff, 0xff, 0xff, 0xff]) },
        { key: 'user-2', value: Buffer.from('{"eventId":""}'), headers: { 'content-type': 'application/json' } },
      ],
    });
  });

  afterAll(async () => {
    await Promise.all([producer.disconnect(), raw.disconnect()]);
    await dropTopics(kafka, [engagementTopic, contentTopic, emptyTopic]);
  });

  it('reads every record up to the end offsets at start, once, in offset order per partition, then stops', async () => {
    const engagementSeen: DecodedEvent<EngagementEvent>[] = [];
    const contentSeen: DecodedEvent<ContentEvent>[] = [];
    let appendedDuringReplay = false;
    const result = await replayTopics({
      kafka,
      timeoutMs: 60_000,
      sources: [
        replaySource({
          codec: engagementCodec,
          topic: engagementTopic,
          onEvents: async (events) => {
            engagementSeen.push(...events);
            if (!appendedDuringReplay) {
              appendedDuringReplay = true;
              // Written after the start: beyond the captured end offsets, so never read.
              await producer.sendBatch([eventBatch(engagementCodec, [sampleEngagementEvent({ eventId: 'late', userId: 'user-1' })], { topic: engagementTopic })]);
            }
          },
        }),
        replaySource({ codec: contentCodec, topic: contentTopic, onEvents: (events) => void contentSeen.push(...events) }),
      ],
    });

    expect(engagementSeen.map((d) => d.event.eventId).sort()).toEqual(engagement.map((e) => e.eventId).sort());
    expect(engagementSeen.find((d) => d.event.eventId === 'rp-70')).toMatchObject({ encoding: 'json', event: engagement[70] });
    expect(contentSeen.map((d) => d.event)).toEqual(expect.arrayContaining(content));
    expect(contentSeen.length).toBe(content.length);
    for (const partition of [0, 1, 2]) {
      const offsets = engagementSeen.filter((d) => d.partition === partition).map((d) => BigInt(d.offset));
      expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : 1)));
    }

    expect(result.topics[engagementTopic]).toMatchObject({ decoded: 90, skipped: 2 });
    expect(result.topics[contentTopic]).toMatchObject({ decoded: 12, skipped: 0 });
    const endOffsetTotal = Object.values(result.topics[engagementTopic]!.endOffsets).reduce((sum, o) => sum + Number(o), 0);
    expect(endOffsetTotal).toBe(92);
    expect(result.skippedSamples.map((s) => s.topic)).toEqual([engagementTopic, engagementTopic]);
    expect(result.skippedSamples.some((s) => s.reason.includes('invalid EngagementEvent'))).toBe(true);
  });

  it('returns at once for topics without records', async () => {
    const seen: unknown[] = [];
    const result = await replayTopics({ kafka, sources: [replaySource({ codec: engagementCodec, topic: emptyTopic, onEvents: (e) => void seen.push(...e) })] });
    expect(seen).toEqual([]);
    expect(result.topics[emptyTopic]).toEqual({ endOffsets: { 0: '0', 1: '0' }, decoded: 0, skipped: 0 });
  });

  it('stops with the handler’s error when a handler fails', async () => {
    const failing = replaySource({
      codec: contentCodec,
      topic: contentTopic,
      onEvents: () => {
        throw new Error('handler broke');
      },
    });
    await expect(replayTopics({ kafka, timeoutMs: 60_000, sources: [failing] })).rejects.toThrow('handler broke');
  });
});
