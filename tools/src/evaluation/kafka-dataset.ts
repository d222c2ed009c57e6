import { contentCodec, createKafka, engagementCodec, replaySource, replayTopics, topics, type ReplayResult } from '@cascade/events';
import { EngagementDatasetBuilder, type InteractionDataset } from '@cascade/models';

export interface KafkaDatasetOptions {
  /** Bootstrap brokers; default KAFKA_BROKERS. */
  brokers?: string;
  engagementTopic?: string;
  contentTopic?: string;
  onProgress?: (events: number) => void;
}

/**
 * A bounded replay of the content and engagement topics (earliest offset → end offsets at start)
 * folded by the same EngagementDatasetBuilder as the synthetic world.
 */
export async function datasetFromKafka(options: KafkaDatasetOptions = {}): Promise<{ dataset: InteractionDataset; replay: ReplayResult }> {
  const kafka = createKafka({ clientId: 'cascade-evaluate-retrieval', ...(options.brokers ? { brokers: options.brokers } : {}) });
  const engagementTopic = options.engagementTopic ?? topics.engagement;
  const contentTopic = options.contentTopic ?? topics.content;
  const builder = new EngagementDatasetBuilder();
  const progress = () => options.onProgress?.(builder.engagementEvents + builder.contentEvents);
  const replay = await replayTopics({
    kafka,
    groupPrefix: 'cascade-evaluate-retrieval',
    sources: [
      replaySource({ codec: contentCodec, topic: contentTopic, onEvents: (events) => (events.forEach((d) => builder.addContent(d.event)), progress()) }),
      replaySource({ codec: engagementCodec, topic: engagementTopic, onEvents: (events) => (events.forEach((d) => builder.addEngagement(d.event)), progress()) }),
    ],
  });
  return { dataset: builder.build('kafka-replay', `kafka topics ${contentTopic}, ${engagementTopic}`), replay };
}
