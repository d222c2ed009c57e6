import { KafkaJSProtocolError, type Kafka } from 'kafkajs';
import { ensureTopics } from './topic-admin';

/** An admin client whose first createTopics fails as kafkajs does when a new topic's metadata has not reached the broker yet. */
function fakeKafka(createFailures: number) {
  const calls: string[] = [];
  let created = false;
  let failures = createFailures;
  const admin = {
    connect: async () => void calls.push('connect'),
    disconnect: async () => void calls.push('disconnect'),
    listTopics: async () => (created ? ['t', 't.dlq'] : []),
    createTopics: async () => {
      calls.push('createTopics');
      created = true;
      // What kafkajs throws for error code 3 (its runtime constructor takes the protocol error).
      if (failures-- > 0) throw new KafkaJSProtocolError({ type: 'UNKNOWN_TOPIC_OR_PARTITION', code: 3, retriable: true, message: 'This server does not host this topic-partition' } as unknown as Error);
      return true;
    },
    fetchTopicOffsets: async (topic: string) => {
      calls.push(`offsets ${topic}`);
      return [];
    },
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, calls };
}

describe('ensureTopics', () => {
  it('tries the creation again when the wait for leaders meets a topic the broker does not host yet', async () => {
    const { kafka, calls } = fakeKafka(1);
    await ensureTopics(kafka, [{ topic: 't' }]);
    expect(calls).toEqual(['connect', 'createTopics', 'createTopics', 'offsets t', 'offsets t.dlq', 'disconnect']);
  });

  it('creates nothing that exists already', async () => {
    const { kafka, calls } = fakeKafka(0);
    await ensureTopics(kafka, [{ topic: 't' }]);
    await ensureTopics(kafka, [{ topic: 't' }]);
    expect(calls.filter((c) => c === 'createTopics')).toHaveLength(1);
  });
});
