/**
 * Two independent 32-bit hashes of a string (different seeds and multipliers), together a 64-bit
 * fingerprint: an event id is remembered by its fingerprint instead of by the string itself.
 */
export function hashA(value: string): number {
  let h = 0x9747b28c ^ value.length;
  for (let i = 0; i < value.length; i++) {
    h = Math.imul(h ^ value.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

export function hashB(value: string): number {
  let h = 0x1b873593 ^ value.length;
  for (let i = 0; i < value.length; i++) {
    h = Math.imul(h ^ value.charCodeAt(i), 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0x27d4eb2f);
  return (h ^ (h >>> 15)) | 0;
}

/** Mixes small integers into a table index (before masking). */
export function mixIndex(a: number, b: number): number {
  let h = Math.imul(a ^ 0x2c1b3c6d, 0x297a2d39) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}
