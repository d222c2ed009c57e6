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
  if (contentType === undefined || contentType.trim() === '') return 'protobuf';
  const mediaType = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return byMediaType[mediaType];
}

export function contentTypeFor(encoding: Encoding): ContentType {
  return encoding === 'json' ? ContentTypes.json : ContentTypes.protobuf;
}
