import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { CONTENT_TYPE_HEADER } from './content-type';
import type { EventDecodeError } from './errors';
import { headerText } from './headers';

/** Headers a dead-lettered record carries, besides the original record's own headers. */
export const DLQ_HEADERS = {
  error: 'dlq-error',
  errorKind: 'dlq-error-kind',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
  sourceTimestamp: 'dlq-source-timestamp',
  originalContentType: 'dlq-original-content-type',
  consumerGroup: 'dlq-consumer-group',
  failedAtMs: 'dlq-failed-at-ms',
} as const;

export interface DeadLetterSource {
  topic: string;
  partition: number;
  groupId: string;
}

/**
 * The DLQ record for a record that failed to decode or validate: same key and value bytes (so it
 * can be replayed once fixed), original headers kept, plus the reason and where it came from.
 */
export function deadLetterRecord(
  message: KafkaMessage,
  source: DeadLetterSource,
  error: EventDecodeError,
  now: number = Date.now(),
): Message {
  const original: IHeaders = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined && !name.startsWith('dlq-')) original[name] = value;
  }
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...original,
      [DLQ_HEADERS.error]: error.message,
      [DLQ_HEADERS.errorKind]: error.kind,
      [DLQ_HEADERS.sourceTopic]: source.topic,
      [DLQ_HEADERS.sourcePartition]: String(source.partition),
      [DLQ_HEADERS.sourceOffset]: message.offset,
      [DLQ_HEADERS.sourceTimestamp]: message.timestamp,
      [DLQ_HEADERS.originalContentType]: headerText(message.headers, CONTENT_TYPE_HEADER) ?? '',
      [DLQ_HEADERS.consumerGroup]: source.groupId,
      [DLQ_HEADERS.failedAtMs]: String(now),
    },
  };
}
