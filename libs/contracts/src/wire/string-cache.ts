// Decoding the same short strings over and over (categories, creators, languages, task names, and
// the item ids ranking echoes back) is most of what decoding a candidate costs. A direct-mapped,
// fixed-size table keeps the last ASCII string seen per hash slot; a hit is verified byte for byte,
// so the answer is always what decoding would give.

const SLOT_BITS = 14;
const MAX_CACHED_BYTES = 64;
const slots: string[] = new Array<string>(1 << SLOT_BITS).fill('');
/** One reusable char-code array per length, for String.fromCharCode.apply without an allocation. */
const codesOfLength: number[][] = Array.from({ length: MAX_CACHED_BYTES + 1 }, (_, length) => new Array<number>(length).fill(0));

/** The UTF-8 text of buf[start, end). */
export function decodeUtf8(buf: Buffer, start: number, end: number): string {
  const length = end - start;
  if (length === 0) return '';
  if (length > MAX_CACHED_BYTES) return buf.toString('utf8', start, end);
  let hash = 0x811c9dc5;
  let anyNonAscii = 0;
  for (let i = start; i < end; i++) {
    const byte = buf[i]!;
    anyNonAscii |= byte;
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  if (anyNonAscii & 0x80) return buf.toString('utf8', start, end);
  const slot = hash >>> (32 - SLOT_BITS);
  const cached = slots[slot]!;
  if (cached.length === length) {
    let k = 0;
    while (k < length && cached.charCodeAt(k) === buf[start + k]) k++;
    if (k === length) return cached;
  }
  const codes = codesOfLength[length]!;
  for (let k = 0; k < length; k++) codes[k] = buf[start + k]!;
  const text = String.fromCharCode.apply(null, codes);
  slots[slot] = text;
  return text;
}
