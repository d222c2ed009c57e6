import type { IHeaders } from 'kafkajs';
import { CONTENT_TYPE_HEADER, contentTypeFor, encodingOf, type Encoding } from './content-type';
import { EventDecodeError, EventValidationError, formatIssues, type ValidationIssue } from './errors';

/** The encode/decode surface ts-proto generates for every message (`X.encode(m).finish()` …). */
export interface ProtoMessageFns<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
  fromJSON(object: unknown): T;
  toJSON(message: T): unknown;
}

export interface EventCodecSpec<T> {
  /** Message name, used in errors and metrics. */
  name: string;
  /** Topic the event is published on (from @cascade/contracts `topics`). */
  topic: string;
  fns: ProtoMessageFns<T>;
  /** Record key: decides the partition, so all events of one key stay in order. */
  key(event: T): string;
  validate(event: T): ValidationIssue[];
}

/** An outgoing Kafka record for one event. */
export interface EncodedRecord {
  key: string;
  value: Buffer;
  headers: IHeaders;
}

/** Typed protobuf/JSON codec plus the validation rules of one event type. */
export interface EventCodec<T> {
  readonly name: string;
  readonly topic: string;
  key(event: T): string;
  validate(event: T): ValidationIssue[];
  /** Encodes without validating. Protobuf binary unless `json` is asked for. */
  encode(event: T, encoding?: Encoding): Buffer;
  /** Validates and encodes into a record with key and content-type header; throws EventValidationError. */
  toRecord(event: T, encoding?: Encoding): EncodedRecord;
  /**
   * Decodes a record value by its content-type header (protobuf when absent) and validates it.
   * Throws EventDecodeError (kind `decode` or `validation`) naming what is wrong.
   */
  decode(value: Buffer | null, contentType?: string): T;
}

function decodeBytes<T>(spec: EventCodecSpec<T>, value: Buffer, encoding: Encoding): T {
  if (encoding === 'protobuf') return spec.fns.decode(value);
  const parsed: unknown = JSON.parse(value.toString('utf8'));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('JSON value is not an object');
  }
  return spec.fns.fromJSON(parsed);
}

export function createEventCodec<T>(spec: EventCodecSpec<T>): EventCodec<T> {
  const encode = (event: T, encoding: Encoding = 'protobuf'): Buffer =>
    encoding === 'json'
      ? Buffer.from(JSON.stringify(spec.fns.toJSON(event)), 'utf8')
      : Buffer.from(spec.fns.encode(event).finish());

  return {
    name: spec.name,
    topic: spec.topic,
    key: spec.key,
    validate: spec.validate,
    encode,
    toRecord(event, encoding = 'protobuf') {
      const issues = spec.validate(event);
      if (issues.length > 0) throw new EventValidationError(spec.name, issues);
      return {
        key: spec.key(event),
        value: encode(event, encoding),
        headers: { [CONTENT_TYPE_HEADER]: contentTypeFor(encoding) },
      };
    },
    decode(value, contentType) {
      const encoding = encodingOf(contentType);
      if (encoding === undefined) {
        throw new EventDecodeError('decode', `unsupported content-type "${contentType}"`);
      }
      if (value === null || value.length === 0) {
        throw new EventDecodeError('decode', `empty ${encoding} record value (tombstone?)`);
      }
      let event: T;
      try {
        event = decodeBytes(spec, value, encoding);
      } catch (err) {
        throw new EventDecodeError('decode', `cannot decode ${spec.name} from ${encoding}: ${(err as Error).message}`);
      }
      const issues = spec.validate(event);
      if (issues.length > 0) {
        throw new EventDecodeError('validation', `invalid ${spec.name}: ${formatIssues(issues)}`, issues);
      }
      return event;
    },
  };
}
