import type { KafkaMessage } from 'kafkajs';
import { DLQ_HEADERS, deadLetterRecord } from './dead-letter';
import { EventDecodeError } from './errors';

describe('deadLetterRecord', () => {
  const message: KafkaMessage = {
    key: Buffer.from('user-1'),
    value: Buffer.from('{"eventId":'),
    timestamp: '1700000000000',
    attributes: 0,
    offset: '42',
    headers: { 'content-type': Buffer.from('application/json'), trace: 'abc', 'dlq-error': 'stale' },
  };

  it('keeps key, value and headers, and adds the reason and the source position', () => {
    const err = new EventDecodeError('decode', 'cannot decode EngagementEvent from json: Unexpected end');
    const record = deadLetterRecord(message, { topic: 'cascade.engagement.v1', partition: 2, groupId: 'feature' }, err, 123);
    expect(record.key).toBe(message.key);
    expect(record.value).toBe(message.value);
    expect(record.headers).toEqual({
      'content-type': message.headers!['content-type'],
      trace: 'abc',
      [DLQ_HEADERS.error]: 'cannot decode EngagementEvent from json: Unexpected end',
      [DLQ_HEADERS.errorKind]: 'decode',
      [DLQ_HEADERS.sourceTopic]: 'cascade.engagement.v1',
      [DLQ_HEADERS.sourcePartition]: '2',
      [DLQ_HEADERS.sourceOffset]: '42',
      [DLQ_HEADERS.sourceTimestamp]: '1700000000000',
      [DLQ_HEADERS.originalContentType]: 'application/json',
      [DLQ_HEADERS.consumerGroup]: 'feature',
      [DLQ_HEADERS.failedAtMs]: '123',
    });
  });

  it('records an empty original content-type when the record had none', () => {
    const bare: KafkaMessage = { ...message, headers: {} };
    const record = deadLetterRecord(bare, { topic: 't', partition: 0, groupId: 'g' }, new EventDecodeError('validation', 'x'));
    expect(record.headers![DLQ_HEADERS.originalContentType]).toBe('');
  });
});
