import type { EngagementEvent } from '@cascade/contracts';
import type { KafkaMessage } from 'kafkajs';
import {
  CONTENT_TYPE_HEADER,
  DLQ_HEADERS,
  createEventConsumer,
  dlqTopic,
  engagementCodec,
  ensureTopics,
  headerText,
  type DeadLetterSample,
  type DecodedEvent,
  type EventConsumer,
} from '../src';
import { sampleEngagementEvent } from './sample-events';
import { dropTopics, testKafka, uniqueName, waitFor } from './support/broker';

describe('poison records go to the DLQ and the partition keeps moving (real broker)', () => {
  const kafka = testKafka('dead-letter-test');
  const topic = uniqueName('engagement');
  const dlq = dlqTopic(topic);
  const rawProducer = kafka.producer();
  const dlqReader = kafka.consumer({ groupId: uniqueName('dlq-reader'), maxWaitTimeInMs: 500 });
  let consumer: EventConsumer | undefined;

  beforeAll(async () => {
    await ensureTopics(kafka, [{ topic, numPartitions: 3 }]);
    await rawProducer.connect();
  });

  afterAll(async () => {
    await consumer?.stop();
    await dlqReader.disconnect();
    await rawProducer.disconnect();
    await dropTopics(kafka, [topic]);
  });

  it('parks garbage and invalid records with the reason and source position, and consumes what follows', async () => {
    const good = (i: number) => sampleEngagementEvent({ eventId: `good-${i}`, userId: 'user-dlq' });
    const pb = { [CONTENT_TYPE_HEADER]: 'application/x-protobuf' };
    const json = { [CONTENT_TYPE_HEADER]: 'application/json' };
    // Everything on partition 0, good records around the poison ones.
    const records = [
      { value: engagementCodec.encode(good(1)), headers: pb },
      { value: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]), headers: pb }, // garbage bytes
      { value: engagementCodec.encode({ ...good(99), userId: '' }, 'json'), headers: json }, // decodes, fails validation
      { value: engagementCodec.encode(good(2)), headers: { [CONTENT_TYPE_HEADER]: 'text/csv' } }, // unknown type
      { value: engagementCodec.encode(good(3), 'json'), headers: json },
      { value: engagementCodec.encode(good(4)) }, // no header: protobuf
    ];
    const [meta] = await rawProducer.send({
      topic,
      acks: -1,
      messages: records.map((r) => ({ key: 'user-dlq', partition: 0, ...r })),
    });
    const base = BigInt(meta!.baseOffset!);
    const offsetOf = (i: number) => String(base + BigInt(i));

    const applied: DecodedEvent<EngagementEvent>[] = [];
    const parked: DeadLetterSample[] = [];
    consumer = createEventConsumer({
      kafka,
      groupId: uniqueName('group'),
      codec: engagementCodec,
      topic,
      handler: async (events) => {
        applied.push(...events);
      },
      metrics: { onDeadLetter: (s) => parked.push(s) },
    });
    const dlqRecords: KafkaMessage[] = [];
    await dlqReader.connect();
    await dlqReader.subscribe({ topic: dlq, fromBeginning: true });
    await dlqReader.run({
      eachMessage: async ({ message }) => {
        dlqRecords.push(message);
      },
    });
    await consumer.start();

    await waitFor('3 applied events', () => applied.length >= 3, 20_000, () => applied.length);
    await waitFor('3 DLQ records', () => dlqRecords.length >= 3, 20_000, () => dlqRecords.length);

    // The records after the poison ones on the same partition were applied, in order.
    expect(applied.map((d) => [d.event.eventId, d.partition, d.offset])).toEqual([
      ['good-1', 0, offsetOf(0)],
      ['good-3', 0, offsetOf(4)],
      ['good-4', 0, offsetOf(5)],
    ]);

    const header = (m: KafkaMessage, name: string) => headerText(m.headers, name);
    const bySourceOffset = new Map(dlqRecords.map((m) => [header(m, DLQ_HEADERS.sourceOffset), m]));
    expect([...bySourceOffset.keys()].sort()).toEqual([offsetOf(1), offsetOf(2), offsetOf(3)].sort());

    const garbage = bySourceOffset.get(offsetOf(1))!;
    expect(header(garbage, DLQ_HEADERS.errorKind)).toBe('decode');
    expect(header(garbage, DLQ_HEADERS.error)).toMatch(/cannot decode EngagementEvent from protobuf/);
    expect(header(garbage, DLQ_HEADERS.originalContentType)).toBe('application/x-protobuf');
    expect(garbage.value).toEqual(records[1]!.value); // original bytes kept for replay
    expect(garbage.key?.toString()).toBe('user-dlq');

    const invalidRecord = bySourceOffset.get(offsetOf(2))!;
    expect(header(invalidRecord, DLQ_HEADERS.errorKind)).toBe('validation');
    expect(header(invalidRecord, DLQ_HEADERS.error)).toBe('invalid EngagementEvent: user_id: is required');
    expect(header(invalidRecord, DLQ_HEADERS.originalContentType)).toBe('application/json');
    expect(header(invalidRecord, CONTENT_TYPE_HEADER)).toBe('application/json');

    const unknownType = bySourceOffset.get(offsetOf(3))!;
    expect(header(unknownType, DLQ_HEADERS.error)).toBe('unsupported content-type "text/csv"');

    for (const m of dlqRecords) {
      expect(header(m, DLQ_HEADERS.sourceTopic)).toBe(topic);
      expect(header(m, DLQ_HEADERS.sourcePartition)).toBe('0');
    }
    expect(consumer.stats().deadLettered).toEqual({ decode: 2, validation: 1 });
    expect(parked.map((p) => p.offset).sort()).toEqual([offsetOf(1), offsetOf(2), offsetOf(3)].sort());
    await waitFor('lag 0 on partition 0', () => consumer!.stats().lagByPartition[0] === 0);
  });
});
