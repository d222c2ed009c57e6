/** Record header naming how the value is encoded. */
export const CONTENT_TYPE_HEADER = 'content-type';

export const ContentTypes = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
} as const;

export type ContentType = (typeof ContentTypes)[keyof typeof ContentTypes];

export type Encoding = 'protobuf' | 'json';

const byMediaType: Record<string, Encoding> = {
  'application/x-protobuf': 'protobuf',
  'application/protobuf': 'protobuf',
  'application/json': 'json',
};

/**
 * The encoding a content-type header value asks for: protobuf when absent (the default encoding),
 * undefined when the media type is not one we read. Parameters such as `; charset=utf-8` are ignored.
 */
export function encodingOf(contentType: string | undefined): Encoding | undefined {
  if (contentType === undefined) return 'protobuf';
  // Every record names its content type, and a topic uses one or two: parse each value once.
  if (parsed.has(contentType)) return parsed.get(contentType);
  const encoding = contentType.trim() === '' ? 'protobuf' : byMediaType[contentType.split(';', 1)[0]!.trim().toLowerCase()];
  if (parsed.size >= 64) parsed.clear();
  parsed.set(contentType, encoding);
  return encoding;
}

const parsed = new Map<string, Encoding | undefined>();

export function contentTypeFor(encoding: Encoding): ContentType {
  return encoding === 'json' ? ContentTypes.json : ContentTypes.protobuf;
}
