import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kafka } from 'kafkajs';
import { CatchUpTracker, type PartitionOffsets } from './catch-up-tracker';
import type { EventCodec } from './codec';
import type { ConsumerMetricsListener } from './consumer-metrics';
import { createEventConsumer, type DecodedEvent, type EventConsumer } from './event-consumer';
import type { EventsLogger } from './logger';
import { ensureTopics } from './topic-admin';

export interface TopicViewOptions<T> {
  kafka: Kafka;
  /** Prefix of this process' own consumer group (a unique suffix is added: every replica reads every partition). */
  groupPrefix: string;
  topic: string;
  codec: EventCodec<T>;
  /** Applies a batch of one partition in offset order; throwing redelivers the batch. */
  apply(events: DecodedEvent<T>[]): void | Promise<void>;
  logger?: EventsLogger;
  maxBatchSize?: number;
  metrics?: ConsumerMetricsListener;
  /** See EventConsumerOptions.messageSpans. */
  messageSpans?: boolean;
  /** See EventConsumerOptions.fetchMinBytes and maxWaitTimeMs. */
  fetchMinBytes?: number;
  maxWaitTimeMs?: number;
}

/**
 * A process-local view built from a whole topic: it reads every partition from the earliest
 * offset under a group of its own, and tells when it has caught up with the end offsets the topic
 * had at start, so a service holding the view can report SERVING only once the view is current.
 */
export class TopicView<T> {
  private consumer: EventConsumer | undefined;
  private tracker = new CatchUpTracker([]);
  readonly groupId: string;

  constructor(private readonly options: TopicViewOptions<T>) {
    this.groupId = `${options.groupPrefix}-${hostname()}-${randomBytes(4).toString('hex')}`;
  }

  async start(): Promise<void> {
    const { kafka, topic, codec, logger } = this.options;
    await ensureTopics(kafka, [{ topic }]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      this.tracker = new CatchUpTracker(await admin.fetchTopicOffsets(topic).catch((): PartitionOffsets[] => []));
    } finally {
      await admin.disconnect();
    }
    const tracker = this.tracker;
    this.consumer = createEventConsumer<T>({
      kafka,
      groupId: this.groupId,
      codec,
      topic,
      fromBeginning: true,
      logger,
      maxBatchSize: this.options.maxBatchSize,
      ...(this.options.messageSpans === undefined ? {} : { messageSpans: this.options.messageSpans }),
      ...(this.options.fetchMinBytes === undefined ? {} : { fetchMinBytes: this.options.fetchMinBytes }),
      ...(this.options.maxWaitTimeMs === undefined ? {} : { maxWaitTimeMs: this.options.maxWaitTimeMs }),
      metrics: {
        ...this.options.metrics,
        onDeadLetter: (sample) => {
          this.options.metrics?.onDeadLetter?.(sample);
          tracker.observe(sample.partition, sample.offset);
        },
      },
      handler: async (batch) => {
        await this.options.apply(batch);
        const last = batch[batch.length - 1];
        if (last) tracker.observe(last.partition, last.offset);
      },
    });
    await this.consumer.start();
  }

  get caughtUp(): boolean {
    return this.tracker.caughtUp;
  }

  /** Resolves true once caught up with the end offsets at start, false after `timeoutMs`. */
  async whenCaughtUp(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([this.tracker.whenCaughtUp().then(() => true as const), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Partitions still behind their end offsets at start. */
  behind(): Record<number, string> {
    return this.tracker.behind();
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}
