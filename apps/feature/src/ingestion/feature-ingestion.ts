import type { ContentEvent, EngagementEvent } from '@cascade/contracts';
import { contentCodec, createEventConsumer, ensureTopics, engagementCodec, EventCodec, EventConsumer, EventsLogger, Kafka, DecodedEvent, retryRetriable, CatchUpTracker, type PartitionOffsets } from '@cascade/events';
import type { ApplyResult, LogPosition } from '@cascade/features';
import type { EventApplier } from '../domain/event-applier';
import type { IngestionMetrics } from './ingestion-metrics';

export interface FeatureIngestionOptions {
  kafka: Kafka;
  /**
   * Base consumer group: each topic is consumed by its own group `<groupId>.<engagement|content>`,
   * since kafkajs assigns a group's partitions without regard to what each member subscribed to.
   */
  groupId: string;
  engagementTopic: string;
  contentTopic: string;
  applier: EventApplier;
  metrics: IngestionMetrics;
  logger: EventsLogger;
  /** Consumer session timeout: how long after a crash the group hands this member's partitions on. */
  sessionTimeoutMs?: number;
  /** Most events per store round trip. */
  maxBatchSize?: number;
  /** Fetch sizing of the engagement stream (see EventConsumerOptions.fetchMinBytes); the content topic's fetches answer at once. */
  engagementFetch?: { minBytes: number; maxWaitMs: number };
}

type Stream = 'engagement' | 'content';

const COMMITTED_POLL_MS = 1000;

function observeCommittedOffsets(tracker: CatchUpTracker, committed: { partitions: { partition: number; offset: string }[] }[]): void {
  for (const { partition, offset } of committed[0]?.partitions ?? []) {
    if (BigInt(offset) > 0n) tracker.observe(partition, (BigInt(offset) - 1n).toString());
  }
}

/**
 * Consumes the engagement and content topics into the online store, at least once: a batch's
 * offsets are committed only after the store applied it, and the store skips redelivered
 * event ids.
 */
export class FeatureIngestion {
  private consumers: EventConsumer[] = [];
  private readonly trackers = new Map<Stream, { topic: string; tracker: CatchUpTracker; groupId: string }>();

  constructor(private readonly options: FeatureIngestionOptions) {}

  /**
   * Starts consuming. Engagement events read the engaged item's categories from the store, so the
   * content topic is consumed first and, up to `contentCatchUpTimeoutMs`, caught up before the
   * engagement consumer starts: a rebuild then sees the same item attributes a live run saw.
   */
  async start(contentCatchUpTimeoutMs = 0): Promise<void> {
    const { applier, kafka } = this.options;
    // Topics (and their DLQs) may not exist yet on a fresh cluster; subscribing would fail.
    await ensureTopics(kafka, [{ topic: this.options.engagementTopic }, { topic: this.options.contentTopic }]);
    await this.consume(contentCodec, this.options.contentTopic, 'content', (events, sources) => applier.applyContent(events, sources));
    if (contentCatchUpTimeoutMs > 0 && !(await this.caughtUp(contentCatchUpTimeoutMs))) {
      this.options.logger.warn({ behind: this.behind(), timeoutMs: contentCatchUpTimeoutMs }, 'starting engagement ingestion before the content topic caught up');
    }
    await this.consume(engagementCodec, this.options.engagementTopic, 'engagement', (events, sources) => applier.applyEngagements(events, sources));
  }

  /**
   * Resolves true once the topics consumed so far reached their end offsets as of start, false after
   * `timeoutMs`. Besides what this process applies, the group's committed offsets count: with the
   * shared Redis store, partitions another replica consumes are caught up once that replica commits them.
   */
  async caughtUp(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const done = Promise.all([...this.trackers.values()].map((t) => t.tracker.whenCaughtUp())).then(() => true as const);
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const tick = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.min(left, COMMITTED_POLL_MS))));
      try {
        if (await Promise.race([done, tick])) return true;
      } finally {
        clearTimeout(timer);
      }
      await this.observeCommitted().catch((err: unknown) => this.options.logger.debug({ err }, 'could not read committed offsets'));
    }
  }

  /** Per topic, the partitions still behind their start end offsets. */
  behind(): Record<string, Record<number, string>> {
    return Object.fromEntries([...this.trackers.values()].map(({ topic, tracker }) => [topic, tracker.behind()]));
  }

  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
  }

  /** Marks as caught up what the groups committed (records before a committed offset were applied). */
  private async observeCommitted(): Promise<void> {
    const pending = [...this.trackers.values()].filter((t) => !t.tracker.caughtUp);
    if (pending.length === 0) return;
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      for (const { topic, tracker, groupId } of pending) observeCommittedOffsets(tracker, await admin.fetchOffsets({ groupId, topics: [topic] }));
    } finally {
      await admin.disconnect();
    }
  }

  private async consume<T extends EngagementEvent | ContentEvent>(
    codec: EventCodec<T>,
    topic: string,
    stream: Stream,
    apply: (events: T[], sources: LogPosition[]) => Promise<ApplyResult>,
  ): Promise<void> {
    const { kafka, metrics, logger } = this.options;
    const groupId = `${this.options.groupId}.${stream}`;
    const admin = kafka.admin();
    await admin.connect();
    let tracker: CatchUpTracker;
    try {
      tracker = new CatchUpTracker(await admin.fetchTopicOffsets(topic).catch((): PartitionOffsets[] => []));
      // A group with committed offsets (the Redis store's stable group) already applied what precedes them.
      if (!tracker.caughtUp) observeCommittedOffsets(tracker, await retryRetriable(() => admin.fetchOffsets({ groupId, topics: [topic] })));
    } finally {
      await admin.disconnect();
    }
    this.trackers.set(stream, { topic, tracker, groupId });

    // One string per partition, not one per event: stores hash and compare it for every entity update.
    const logNames = new Map<number, string>();
    const logName = (partition: number) => {
      let name = logNames.get(partition);
      if (name === undefined) logNames.set(partition, (name = `${topic}/${partition}`));
      return name;
    };
    const sessionTimeoutMs = this.options.sessionTimeoutMs ?? 30_000;
    const consumer = createEventConsumer<T>({
      kafka,
      groupId,
      codec,
      topic,
      fromBeginning: true,
      logger,
      sessionTimeoutMs,
      heartbeatIntervalMs: Math.max(500, Math.floor(sessionTimeoutMs / 10)),
      maxBatchSize: this.options.maxBatchSize,
      // The engagement stream is measured per batch by the ingestion metrics; a span per event tripled its CPU.
      messageSpans: stream !== 'engagement',
      ...(stream === 'engagement' && this.options.engagementFetch
        ? { fetchMinBytes: this.options.engagementFetch.minBytes, maxWaitTimeMs: this.options.engagementFetch.maxWaitMs }
        : {}),
      metrics: {
        ...metrics.listener,
        onDeadLetter: (sample) => {
          metrics.listener.onDeadLetter?.(sample);
          tracker.observe(sample.partition, sample.offset);
        },
      },
      handler: async (batch: DecodedEvent<T>[]) => {
        // Positions make a redelivery after a restart a no-op per entity, however far other partitions got meanwhile.
        const result = await apply(
          batch.map((d) => d.event),
          batch.map((d) => ({ log: logName(d.partition), offset: Number(d.offset) })),
        );
        metrics.recordApplied(topic, batch, result.duplicates, Date.now());
        const last = batch[batch.length - 1];
        if (last) tracker.observe(last.partition, last.offset);
      },
    });
    this.consumers.push(consumer);
    await consumer.start();
  }
}
