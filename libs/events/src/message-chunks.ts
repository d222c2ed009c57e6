import type { Message } from 'kafkajs';

/**
 * The broker refuses a record batch over its message.max.bytes (1 MB by default) whole; a send is
 * split so that no request carries more than this many bytes of keys and values.
 */
export const MAX_SEND_BYTES = 512 * 1024;

const sizeOf = (value: Message['key'] | Message['value']): number => (value == null ? 0 : typeof value === 'string' ? Buffer.byteLength(value) : value.byteLength);

/** Consecutive runs of `messages`, each within `maxBytes` of keys and values (a larger single message goes alone). */
export function chunkMessagesByBytes(messages: readonly Message[], maxBytes = MAX_SEND_BYTES): Message[][] {
  const chunks: Message[][] = [];
  let current: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = sizeOf(message.key) + sizeOf(message.value);
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
