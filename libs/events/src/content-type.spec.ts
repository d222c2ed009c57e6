import { encodingOf } from './content-type';
import { headerText } from './headers';

describe('encodingOf', () => {
  it('defaults to protobuf when there is no header', () => {
    expect(encodingOf(undefined)).toBe('protobuf');
    expect(encodingOf('')).toBe('protobuf');
  });

  it('reads the media types we accept, ignoring case and parameters', () => {
    expect(encodingOf('application/x-protobuf')).toBe('protobuf');
    expect(encodingOf('application/protobuf')).toBe('protobuf');
    expect(encodingOf('Application/JSON; charset=utf-8')).toBe('json');
  });

  it('returns undefined for anything else', () => {
    expect(encodingOf('text/plain')).toBeUndefined();
    expect(encodingOf('application/avro')).toBeUndefined();
  });
});

describe('headerText', () => {
  it('reads Buffer, string and repeated header values case-insensitively', () => {
    expect(headerText({ 'content-type': Buffer.from('application/json') }, 'content-type')).toBe('application/json');
    expect(headerText({ 'Content-Type': 'application/json' }, 'content-type')).toBe('application/json');
    expect(headerText({ 'content-type': ['a', 'b'] }, 'content-type')).toBe('a');
    expect(headerText({}, 'content-type')).toBeUndefined();
    expect(headerText(undefined, 'content-type')).toBeUndefined();
  });
});
