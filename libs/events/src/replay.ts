import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { EventCodec } from './codec';
import { CONTENT_TYPE_HEADER, encodingOf } from './content-type';
import type { DecodedEvent } from './event-consumer';
import { headerText } from './headers';

/** One topic to replay, its codec and where its decoded events go (one call per fetched batch of one partition, in offset order). */
export interface ReplaySource<T> {
  codec: EventCodec<T>;
  /** Defaults to the codec's topic. */
  topic?: string;
  onEvents(events: DecodedEvent<T>[]): void | Promise<void>;
}

export interface ReplayOptions {
  kafka: Kafka;
  /** Build each with replaySource() so that every source keeps its own event type. */
  sources: readonly ReplaySource<never>[];
  /** Prefix of the throw-away consumer group (a unique suffix is added; the group is deleted at the end). */
  groupPrefix?: string;
  /** Gives up, naming the partitions still behind, after this long (default 10 minutes). */
  timeoutMs?: number;
  /** Longest a fetch waits for records (default 500). */
  maxWaitTimeMs?: number;
}

export interface SkippedRecord {
  topic: string;
  partition: number;
  offset: string;
  reason: string;
}

export interface TopicReplayStats {
  /** High watermark of each partition captured at start: the replay reads offsets below it. */
  endOffsets: Record<number, string>;
  decoded: number;
  /** Records that failed to decode or validate: counted and skipped, never fatal. */
  skipped: number;
}

export interface ReplayResult {
  topics: Record<string, TopicReplayStats>;
  /** The first few skipped records with the reason, for the operator. */
  skippedSamples: SkippedRecord[];
  seconds: number;
}

const MAX_SKIPPED_SAMPLES = 20;

/** Types one source for ReplayOptions.sources (sources of different event types share one list). */
export function replaySource<T>(source: ReplaySource<T>): ReplaySource<never> {
  return source as unknown as ReplaySource<never>;
}

async function endOffsetsOf(kafka: Kafka, topics: readonly string[]): Promise<Map<string, { partition: number; high: string; low: string }[]>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const result = new Map<string, { partition: number; high: string; low: string }[]>();
    for (const topic of topics) result.set(topic, await admin.fetchTopicOffsets(topic));
    return result;
  } finally {
    await admin.disconnect();
  }
}

async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteGroups([groupId]);
  } catch {
    // Best effort: a leftover empty group without offsets expires on its own.
  } finally {
    await admin.disconnect();
  }
}

/**
 * Bounded replay: reads the given topics from the earliest offset up to the high watermarks
 * captured when it starts, decodes every record with its codec (protobuf, or JSON by the
 * content-type header), hands the events to each source in offset order per partition, and stops.
 * Records appended after the start are not read. Undecodable or invalid records are counted and
 * skipped. Read-only: nothing is committed and nothing is sent to a DLQ.
 */
export async function replayTopics(options: ReplayOptions): Promise<ReplayResult> {
  const started = performance.now();
  const byTopic = new Map(options.sources.map((s) => [s.topic ?? s.codec.topic, s as ReplaySource<unknown>]));
  if (byTopic.size !== options.sources.length) throw new Error('replayTopics: each topic may be given once');
  const ends = await endOffsetsOf(options.kafka, [...byTopic.keys()]);

  const stats: Record<string, TopicReplayStats> = {};
  /** `topic:partition` → last offset to read (high watermark − 1), for partitions with records. */
  const remaining = new Map<string, bigint>();
  for (const [topic, offsets] of ends) {
    stats[topic] = { endOffsets: Object.fromEntries(offsets.map((o) => [o.partition, o.high])), decoded: 0, skipped: 0 };
    for (const { partition, high, low } of offsets) if (BigInt(high) > BigInt(low)) remaining.set(`${topic}:${partition}`, BigInt(high) - 1n);
  }
  const skippedSamples: SkippedRecord[] = [];
  const result = (): ReplayResult => ({ topics: stats, skippedSamples, seconds: (performance.now() - started) / 1000 });
  if (remaining.size === 0) return result();

  const groupId = `${options.groupPrefix ?? 'cascade-replay'}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const consumer = options.kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: options.maxWaitTimeMs ?? 500 });
  let settled = false;
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const finished = new Promise<void>((resolve, reject) => {
    finish = () => ((settled = true), resolve());
    fail = (error) => ((settled = true), reject(error));
  });
  finished.catch(() => undefined); // awaited below; this only keeps an early failure from being reported as unhandled
  const timeoutMs = options.timeoutMs ?? 600_000;
  const timer = setTimeout(() => fail(new Error(`replay timed out after ${timeoutMs} ms; partitions still behind: ${[...remaining.keys()].join(', ')}`)), timeoutMs);

  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...byTopic.keys()], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}:${batch.partition}`;
        const last = remaining.get(key);
        const source = byTopic.get(batch.topic);
        if (settled || last === undefined || source === undefined) return;
        const topicStats = stats[batch.topic]!;
        const events: DecodedEvent<unknown>[] = [];
        for (const message of batch.messages) {
          if (BigInt(message.offset) > last) break;
          const contentType = headerText(message.headers, CONTENT_TYPE_HEADER);
          try {
            const event = source.codec.decode(message.value, contentType);
            events.push({
              event,
              topic: batch.topic,
              partition: batch.partition,
              offset: message.offset,
              timestamp: Number(message.timestamp),
              key: message.key ? message.key.toString() : null,
              encoding: encodingOf(contentType) ?? 'protobuf',
            });
          } catch (error) {
            topicStats.skipped++;
            if (skippedSamples.length < MAX_SKIPPED_SAMPLES) {
              skippedSamples.push({ topic: batch.topic, partition: batch.partition, offset: message.offset, reason: (error as Error).message });
            }
          }
        }
        topicStats.decoded += events.length;
        try {
          if (events.length > 0) await source.onEvents(events);
        } catch (error) {
          // A failing handler ends the replay (kafkajs would otherwise deliver the batch again).
          fail(error as Error);
          return;
        }
        if (BigInt(batch.lastOffset()) >= last) {
          remaining.delete(key);
          consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
          if (remaining.size === 0) finish();
        }
      },
    });
    await finished;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
    await deleteGroup(options.kafka, groupId);
  }
  return result();
}
