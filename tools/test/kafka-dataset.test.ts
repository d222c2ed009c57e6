import { createEventProducer, createKafka, contentCodec, engagementCodec, ensureTopics, eventBatch, parseBrokers } from '@cascade/events';
import { datasetFromWorld, type InteractionDataset } from '@cascade/models';
import { createWorld } from '@cascade/world';
import { randomBytes } from 'node:crypto';
import { datasetFromKafka } from '../src/evaluation/kafka-dataset';

function brokers(): string {
  const list = parseBrokers(process.env['KAFKA_BROKERS'] ?? '');
  if (list.length === 0) throw new Error('KAFKA_BROKERS is not set: run through `npm test` or start a broker with `npm run kafka:start` and export the line it prints');
  return list.join(',');
}

const triples = (d: InteractionDataset): string[] =>
  Array.from(d.interactions.label, (label, r) => `${d.userIds[d.interactions.user[r]!]}|${d.itemIds[d.interactions.item[r]!]}|${label}|${d.interactions.timeMs![r]}`).sort();

describe('dataset from a bounded Kafka replay (real broker)', () => {
  const kafka = createKafka({ brokers: brokers(), clientId: 'kafka-dataset-test', kafkaLogLevel: 'nothing' });
  const suffix = `${Date.now().toString(36)}.${randomBytes(4).toString('hex')}`;
  const engagementTopic = `test.dataset-engagement.${suffix}`;
  const contentTopic = `test.dataset-content.${suffix}`;
  const world = createWorld({ preset: 'tiny', seed: 11 });

  beforeAll(async () => {
    await ensureTopics(kafka, [
      { topic: engagementTopic, numPartitions: 3, withDlq: false },
      { topic: contentTopic, numPartitions: 2, withDlq: false },
    ]);
    const producer = createEventProducer({ kafka });
    await producer.connect();
    for (const batch of world.contentEvents({ batchSize: 500 })) await producer.sendBatch([eventBatch(contentCodec, batch, { topic: contentTopic })]);
    for (const batch of world.engagementEvents({ batchSize: 2000 })) await producer.sendBatch([eventBatch(engagementCodec, batch, { topic: engagementTopic })]);
    await producer.disconnect();
  });

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [engagementTopic, contentTopic] });
    await admin.disconnect();
  });

  it('folds to the same interactions and item attributes as the world it was published from', async () => {
    const { dataset, replay } = await datasetFromKafka({ brokers: brokers(), engagementTopic, contentTopic });
    const direct = datasetFromWorld(world, 'direct');
    expect(triples(dataset)).toEqual(triples(direct));
    expect(replay.topics[engagementTopic]!.skipped).toBe(0);
    const item = direct.itemIds[17]!;
    const fromKafka = dataset.items[dataset.itemIds.indexOf(item)]!;
    expect(fromKafka.creatorId).toBe(direct.items[17]!.creatorId);
    expect(fromKafka.categories).toEqual(direct.items[17]!.categories);
  });
});
