export { CONTENT_TYPE_HEADER, ContentTypes, contentTypeFor, encodingOf, type ContentType, type Encoding } from './content-type';
export { EventDecodeError, EventValidationError, formatIssues, type EventErrorKind, type ValidationIssue } from './errors';
export { createEventCodec, type EncodedRecord, type EventCodec, type EventCodecSpec, type ProtoMessageFns } from './codec';
export { codecs, contentCodec, engagementCodec, serveCodec } from './event-codecs';
export { validateEngagementEvent } from './validate-engagement-event';
export { validateContentEvent } from './validate-content-event';
export { validateServeEvent } from './validate-serve-event';
export { DedupeWindow, splitDuplicates, type DedupeWindowOptions } from './dedupe-window';
export { kafkaLogCreator, silentLogger, type EventsLogger, type KafkaLogLevel } from './logger';
export { brokersFromEnv, createKafka, parseBrokers, type KafkaClientOptions } from './kafka-client';
export { ensureTopics, type TopicSpec } from './topic-admin';
export {
  createEventProducer,
  eventBatch,
  type EventBatchOptions,
  type EventProducer,
  type EventProducerOptions,
  type OutgoingBatch,
} from './event-producer';
export {
  createEventConsumer,
  type BatchContext,
  type BatchHandler,
  type DecodedEvent,
  type EventConsumer,
  type EventConsumerOptions,
} from './event-consumer';
export { DLQ_HEADERS, deadLetterRecord, type DeadLetterSource } from './dead-letter';
export { headerText } from './headers';
export type { AppliedSample, ConsumerMetricsListener, ConsumerStats, DeadLetterSample, LagSample } from './consumer-metrics';
export { dlqTopic, topics, type TopicKey } from '@cascade/contracts';
export type { Kafka, RecordMetadata } from 'kafkajs';
export { CatchUpTracker, type PartitionOffsets } from './catch-up-tracker';
export { TopicView, type TopicViewOptions } from './topic-view';
export { retryRetriable, type RetryOptions } from './retry-retriable';
export { replaySource, replayTopics, type ReplayOptions, type ReplayResult, type ReplaySource, type SkippedRecord, type TopicReplayStats } from './replay';
