import { ContentEvent, ContentEventType, EngagementEvent, EngagementType } from '@cascade/contracts';
import { contentCodec, createEventProducer, engagementCodec, type Encoding, type EventCodec, type EventProducer, type Kafka } from '@cascade/events';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
/** A fixed event-time origin: reads use as_of_ms, so expected values do not depend on the clock. */
export const T0 = Date.UTC(2026, 10, 2, 8);

export const { ENGAGEMENT_TYPE_IMPRESSION: IMPRESSION, ENGAGEMENT_TYPE_VIEW: VIEW, ENGAGEMENT_TYPE_LIKE: LIKE } = EngagementType;
export const { ENGAGEMENT_TYPE_FOLLOW: FOLLOW, ENGAGEMENT_TYPE_COMMENT: COMMENT, ENGAGEMENT_TYPE_SKIP: SKIP } = EngagementType;

export function engagement(fields: Partial<EngagementEvent> & Pick<EngagementEvent, 'eventId' | 'userId' | 'itemId' | 'type' | 'eventTimeMs'>): EngagementEvent {
  return EngagementEvent.fromPartial(fields);
}

export function upsert(fields: Partial<ContentEvent> & Pick<ContentEvent, 'eventId' | 'itemId' | 'creatorId' | 'createdAtMs'>): ContentEvent {
  return ContentEvent.fromPartial({ type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT, eventTimeMs: fields.createdAtMs, ...fields });
}

/** Value of one decayed contribution `weight` made at `timeMs`, read at `asOfMs`. */
export function decayed(weight: number, timeMs: number, asOfMs: number, halfLifeMs: number): number {
  return weight * 2 ** (-(asOfMs - timeMs) / halfLifeMs);
}

/** Sends events through the libs/events producer (validated, keyed, content-type header). */
export class TestProducer {
  private readonly producer: EventProducer;
  private readonly raw;

  constructor(kafka: Kafka) {
    this.producer = createEventProducer({ kafka });
    this.raw = kafka.producer();
  }

  async connect(): Promise<void> {
    await Promise.all([this.producer.connect(), this.raw.connect()]);
  }

  engagements(topic: string, events: readonly EngagementEvent[], encoding: Encoding = 'protobuf') {
    return this.producer.send(engagementCodec, events, { topic, encoding });
  }

  content(topic: string, events: readonly ContentEvent[], encoding: Encoding = 'protobuf') {
    return this.producer.send(contentCodec, events, { topic, encoding });
  }

  /** Records in this order onto one partition (raw values allowed), so a later one proves the earlier ones were consumed. */
  async ordered(topic: string, partition: number, records: ({ value: Buffer; headers?: Record<string, string> } | { event: unknown; codec: EventCodec<unknown>; encoding?: Encoding })[]) {
    const messages = records.map((r) => ('codec' in r ? { ...r.codec.toRecord(r.event, r.encoding), partition } : { key: 'raw', partition, ...r }));
    const [meta] = await this.raw.send({ topic, acks: -1, messages });
    return BigInt(meta!.baseOffset!);
  }

  async disconnect(): Promise<void> {
    await Promise.all([this.producer.disconnect(), this.raw.disconnect()]);
  }
}
