import { CompressionTypes, Partitioners, type Kafka, type Message, type Producer, type RecordMetadata } from 'kafkajs';
import type { EventCodec } from './codec';
import type { Encoding } from './content-type';
import { silentLogger, type EventsLogger } from './logger';
import { chunkMessagesByBytes } from './message-chunks';

/** Encoded records for one topic, built by `eventBatch` (so every batch was typed and validated). */
export interface OutgoingBatch {
  readonly topic: string;
  readonly messages: Message[];
}

export interface EventBatchOptions {
  /** Overrides the codec's topic (tests use unique topic names). */
  topic?: string;
  /** Protobuf binary by default. */
  encoding?: Encoding;
}

/** Validates and encodes events into records keyed per the codec (throws EventValidationError). */
export function eventBatch<T>(codec: EventCodec<T>, events: readonly T[], options: EventBatchOptions = {}): OutgoingBatch {
  return {
    topic: options.topic ?? codec.topic,
    messages: events.map((e) => codec.toRecord(e, options.encoding)),
  };
}

export interface EventProducerOptions {
  kafka: Kafka;
  logger?: EventsLogger;
  /** Producer-side request timeout for one send, ms (default 30000). */
  timeoutMs?: number;
  compression?: CompressionTypes;
}

export interface EventProducer {
  connect(): Promise<void>;
  /**
   * Sends events of one type; resolves once every record is acknowledged by all in-sync replicas.
   * A large array goes out in several requests of at most MAX_SEND_BYTES, one after another.
   */
  send<T>(codec: EventCodec<T>, events: readonly T[], options?: EventBatchOptions): Promise<RecordMetadata[]>;
  /** Sends several batches (any topics) in one request per broker. */
  sendBatch(batches: readonly OutgoingBatch[]): Promise<RecordMetadata[]>;
  disconnect(): Promise<void>;
  /** The underlying kafkajs producer (for instrumentation). */
  readonly raw: Producer;
}

/**
 * Idempotent producer (no duplicates from its own retries, per-partition order kept) with acks=all.
 * One request in flight per broker, which is what kafkajs' idempotent mode needs to keep ordering.
 */
export function createEventProducer(options: EventProducerOptions): EventProducer {
  const logger = options.logger ?? silentLogger;
  const producer = options.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const timeout = options.timeoutMs ?? 30_000;
  const compression = options.compression ?? CompressionTypes.None;

  return {
    raw: producer,
    async connect() {
      await producer.connect();
      logger.debug({}, 'event producer connected');
    },
    async send(codec, events, batchOptions) {
      if (events.length === 0) return [];
      const { topic, messages } = eventBatch(codec, events, batchOptions);
      const acknowledged: RecordMetadata[] = [];
      // One request after another, so each partition's order is the events' order.
      for (const chunk of chunkMessagesByBytes(messages)) acknowledged.push(...(await producer.send({ topic, messages: chunk, acks: -1, timeout, compression })));
      return acknowledged;
    },
    async sendBatch(batches) {
      const topicMessages = batches.filter((b) => b.messages.length > 0);
      if (topicMessages.length === 0) return [];
      return producer.sendBatch({ topicMessages, acks: -1, timeout, compression });
    },
    async disconnect() {
      await producer.disconnect();
      logger.debug({}, 'event producer disconnected');
    },
  };
}
