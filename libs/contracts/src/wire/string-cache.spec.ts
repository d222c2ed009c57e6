import { decodeUtf8 } from './string-cache';

/** mulberry32: a fixed sequence of strings for every run. */
function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('decodeUtf8', () => {
  it('decodes like Buffer#toString, however strings collide in the cache', () => {
    const random = seededRandom(11);
    const alphabet = 'ab-01é日';
    // Far more distinct strings than cache slots, many of the same length: collisions are certain.
    for (let i = 0; i < 60_000; i++) {
      const length = Math.floor(random() * 12) + (i % 50 === 0 ? 60 : 0);
      const text = Array.from({ length }, () => alphabet[Math.floor(random() * (i % 3 === 0 ? alphabet.length : 4))]).join('');
      const buf = Buffer.from(`~${text}~`);
      expect(decodeUtf8(buf, 1, buf.length - 1)).toBe(text);
    }
  });

  it('replaces invalid UTF-8 as Buffer#toString does', () => {
    const buf = Buffer.from([0x61, 0xff, 0x62, 0xc3]);
    expect(decodeUtf8(buf, 0, buf.length)).toBe(buf.toString('utf8'));
  });
});
