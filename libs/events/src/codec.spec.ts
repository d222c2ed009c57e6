import { ContentEvent, EngagementEvent, EngagementType, ServeEvent } from '@cascade/contracts';
import { sampleContentEvent, sampleEngagementEvent, sampleServeEvent } from '../test/sample-events';
import { contentCodec, engagementCodec, serveCodec } from './event-codecs';
import { EventDecodeError, EventValidationError } from './errors';

function decodeError(fn: () => unknown): EventDecodeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof EventDecodeError) return err;
    throw err;
  }
  throw new Error('expected an EventDecodeError');
}

describe('event codecs', () => {
  it.each([
    ['engagement', engagementCodec, sampleEngagementEvent()],
    ['content', contentCodec, sampleContentEvent()],
    ['serve', serveCodec, sampleServeEvent()],
  ] as const)('%s round-trips through protobuf and JSON', (_name, codec, event) => {
    const c = codec as typeof engagementCodec;
    const e = event as EngagementEvent;
    expect(c.decode(c.encode(e), undefined)).toEqual(e);
    expect(c.decode(c.encode(e, 'protobuf'), 'application/x-protobuf')).toEqual(e);
    expect(c.decode(c.encode(e, 'json'), 'application/json')).toEqual(e);
  });

  it('encodes protobuf binary that the generated decoder reads', () => {
    const event = sampleEngagementEvent();
    expect(EngagementEvent.decode(engagementCodec.encode(event))).toEqual(event);
    const content = sampleContentEvent();
    expect(ContentEvent.decode(contentCodec.encode(content))).toEqual(content);
    const serve = sampleServeEvent();
    expect(ServeEvent.decode(serveCodec.encode(serve))).toEqual(serve);
  });

  it('reads JSON written by other producers: snake_case fields, enum names, charset parameter', () => {
    const json = JSON.stringify({
      event_id: 'e9',
      user_id: 'u9',
      item_id: 'i9',
      type: 'ENGAGEMENT_TYPE_LIKE',
      event_time_ms: 1_700_000_000_000,
    });
    const event = engagementCodec.decode(Buffer.from(json), 'application/json; charset=utf-8');
    expect(event).toMatchObject({ eventId: 'e9', userId: 'u9', itemId: 'i9', type: EngagementType.ENGAGEMENT_TYPE_LIKE });
  });

  it('keys records per the design: engagement and serve by user, content by item', () => {
    expect(engagementCodec.toRecord(sampleEngagementEvent({ userId: 'u7' })).key).toBe('u7');
    expect(serveCodec.toRecord(sampleServeEvent({ userId: 'u8' })).key).toBe('u8');
    expect(contentCodec.toRecord(sampleContentEvent({ itemId: 'i5' })).key).toBe('i5');
  });

  it('sets the content-type header of what it encoded', () => {
    expect(engagementCodec.toRecord(sampleEngagementEvent()).headers).toEqual({ 'content-type': 'application/x-protobuf' });
    const json = engagementCodec.toRecord(sampleEngagementEvent(), 'json');
    expect(json.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(json.value.toString())).toMatchObject({ eventId: 'ev-1', type: 'ENGAGEMENT_TYPE_VIEW' });
  });

  it('refuses to encode an invalid event, naming the field', () => {
    expect(() => engagementCodec.toRecord(sampleEngagementEvent({ userId: '' }))).toThrow(EventValidationError);
    expect(() => engagementCodec.toRecord(sampleEngagementEvent({ userId: '' }))).toThrow(/user_id: is required/);
  });

  it('rejects garbage protobuf bytes as a decode error', () => {
    const err = decodeError(() => engagementCodec.decode(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), undefined));
    expect(err.kind).toBe('decode');
    expect(err.message).toMatch(/cannot decode EngagementEvent from protobuf/);
  });

  it('rejects malformed JSON and JSON that is not an object', () => {
    expect(decodeError(() => engagementCodec.decode(Buffer.from('{"eventId":'), 'application/json')).kind).toBe('decode');
    expect(decodeError(() => engagementCodec.decode(Buffer.from('[1,2]'), 'application/json')).message).toMatch(/not an object/);
  });

  it('rejects an unknown content-type and an empty value', () => {
    const err = decodeError(() => engagementCodec.decode(engagementCodec.encode(sampleEngagementEvent()), 'text/plain'));
    expect(err.kind).toBe('decode');
    expect(err.message).toMatch(/unsupported content-type "text\/plain"/);
    expect(decodeError(() => engagementCodec.decode(null, undefined)).message).toMatch(/empty/);
    expect(decodeError(() => engagementCodec.decode(Buffer.alloc(0), undefined)).message).toMatch(/empty/);
  });

  it('reports a well-formed but invalid event as a validation error with the fields', () => {
    const json = JSON.stringify({ eventId: 'e1', itemId: 'i1', type: 'NOT_A_TYPE', eventTimeMs: 'soon' });
    const err = decodeError(() => engagementCodec.decode(Buffer.from(json), 'application/json'));
    expect(err.kind).toBe('validation');
    expect(err.issues.map((i) => i.field)).toEqual(['user_id', 'type', 'event_time_ms']);
    expect(err.message).toMatch(/^invalid EngagementEvent: user_id: is required; type: must be one of/);
  });

  it('treats an empty protobuf message (all defaults) as a validation error', () => {
    const err = decodeError(() => engagementCodec.decode(Buffer.from([0x08, 0x00]), undefined));
    expect(err.kind).toBe('validation');
  });
});
