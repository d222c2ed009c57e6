import type { Kafka } from 'kafkajs';
import { dlqTopic } from '@cascade/contracts';
import { retryRetriable } from './retry-retriable';

export interface TopicSpec {
  topic: string;
  numPartitions?: number;
  /** Also create `<topic>.dlq` (default true). */
  withDlq?: boolean;
  configEntries?: { name: string; value: string }[];
}

/**
 * Creates the topics (and their DLQs) that do not exist yet and waits for their leaders.
 * Safe to call concurrently from several processes.
 */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = specs.flatMap((s) => {
      const base = { numPartitions: s.numPartitions ?? 3, configEntries: s.configEntries ?? [] };
      const names = s.withDlq === false ? [s.topic] : [s.topic, dlqTopic(s.topic)];
      return names.map((topic) => ({ topic, ...base }));
    });
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      // Returns false (no throw) when another process created some of them first. Its wait for
      // leaders gives up on the first "does not host this topic-partition" (metadata not yet
      // propagated, seen on a busy broker): try again, which finds the topics there and goes on.
      await retryRetriable(() => admin.createTopics({ topics: missing, waitForLeaders: true }));
      // A leader in the metadata is not yet a leader that answers: on a fresh broker the first
      // requests can still fail with "not the leader for that topic-partition".
      for (const { topic } of missing) await retryRetriable(() => admin.fetchTopicOffsets(topic));
    }
  } finally {
    await admin.disconnect();
  }
}
