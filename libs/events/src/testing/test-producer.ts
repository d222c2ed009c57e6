import type { ContentEvent, EngagementEvent } from '@cascade/contracts';
import type { Kafka } from 'kafkajs';
import type { Encoding } from '../content-type';
import { contentCodec, engagementCodec } from '../event-codecs';
import { createEventProducer, type EventProducer } from '../event-producer';

/** Sends events to test topics through the real producer (validated, keyed, content-type header). */
export class TestProducer {
  private readonly producer: EventProducer;

  constructor(kafka: Kafka) {
    this.producer = createEventProducer({ kafka });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  engagements(topic: string, events: readonly EngagementEvent[], encoding: Encoding = 'protobuf') {
    return this.producer.send(engagementCodec, events, { topic, encoding });
  }

  content(topic: string, events: readonly ContentEvent[], encoding: Encoding = 'protobuf') {
    return this.producer.send(contentCodec, events, { topic, encoding });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
