import type { ContentEvent, EngagementEvent } from '@cascade/contracts';
import { contentCodec, createEventConsumer, ensureTopics, engagementCodec, EventCodec, EventConsumer, EventsLogger, Kafka, DecodedEvent } from '@cascade/events';
import type { ApplyResult } from '@cascade/features';
import type { EventApplier } from '../domain/event-applier';
import { CatchUpTracker, PartitionOffsets } from './catch-up-tracker';
import type { IngestionMetrics } from './ingestion-metrics';

export interface FeatureIngestionOptions {
  kafka: Kafka;
  groupId: string;
  engagementTopic: string;
  contentTopic: string;
  applier: EventApplier;
  metrics: IngestionMetrics;
  logger: EventsLogger;
  storeKind: string;
}

/**
 * Consumes the engagement and content topics into the online store, at least once: a batch's
 * offsets are committed only after the store applied it, and the store skips redelivered
 * event ids.
 */
export class FeatureIngestion {
  private consumers: EventConsumer[] = [];
  private readonly trackers = new Map<string, CatchUpTracker>();

  constructor(private readonly options: FeatureIngestionOptions) {}

  async start(): Promise<void> {
    const { applier, kafka } = this.options;
    // Topics (and their DLQs) may not exist yet on a fresh cluster; subscribing would fail.
    await ensureTopics(kafka, [{ topic: this.options.engagementTopic }, { topic: this.options.contentTopic }]);
    await Promise.all([
      this.consume(engagementCodec, this.options.engagementTopic, (events) => applier.applyEngagements(events)),
      this.consume(contentCodec, this.options.contentTopic, (events) => applier.applyContent(events)),
    ]);
  }

  /** Resolves true once both topics reached their end offsets as of start, false after `timeoutMs`. */
  async caughtUp(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const done = Promise.all([...this.trackers.values()].map((t) => t.whenCaughtUp())).then(() => true as const);
    try {
      return await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Per topic, the partitions still behind their start end offsets. */
  behind(): Record<string, Record<number, string>> {
    return Object.fromEntries([...this.trackers].map(([topic, t]) => [topic, t.behind()]));
  }

  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
  }

  private async consume<T extends EngagementEvent | ContentEvent>(
    codec: EventCodec<T>,
    topic: string,
    apply: (events: T[]) => Promise<ApplyResult>,
  ): Promise<void> {
    const { kafka, metrics, logger } = this.options;
    const admin = kafka.admin();
    await admin.connect();
    let endOffsets: PartitionOffsets[];
    try {
      endOffsets = await admin.fetchTopicOffsets(topic).catch(() => []);
    } finally {
      await admin.disconnect();
    }
    const tracker = new CatchUpTracker(endOffsets);
    this.trackers.set(topic, tracker);

    const consumer = createEventConsumer<T>({
      kafka,
      groupId: this.options.groupId,
      codec,
      topic,
      fromBeginning: true,
      logger,
      metrics: {
        ...metrics.listener,
        onDeadLetter: (sample) => {
          metrics.listener.onDeadLetter?.(sample);
          tracker.observe(sample.partition, sample.offset);
        },
      },
      handler: async (batch: DecodedEvent<T>[]) => {
        const started = performance.now();
        const result = await apply(batch.map((d) => d.event));
        const now = Date.now();
        metrics.recordStore('apply', performance.now() - started, this.options.storeKind);
        metrics.recordApplied(
          topic,
          batch.length,
          result.duplicates,
          batch.map((d) => d.event.eventTimeMs).filter((t) => t > 0),
          now,
        );
        const last = batch[batch.length - 1];
        if (last) tracker.observe(last.partition, last.offset);
      },
    });
    this.consumers.push(consumer);
    await consumer.start();
  }
}
