// A minimal protobuf wire-format reader over a Buffer, for the few hot messages decoded by hand
// (blending's candidate lists from retrieval and ranking, ranking's scores-only RankRequest): plain
// methods on a cursor, numbers instead of bigints for int64, strings through a cache of recent
// ones. Callers fall back to the generated decoder on UnsupportedWire or RangeError.
import { decodeUtf8 } from './string-cache';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

/** A wire-format anomaly the fast path does not handle; callers fall back to the generated decoder. */
export class UnsupportedWire extends Error {}

export class WireReader {
  pos: number;
  /** Doubles through a DataView, which the compiler inlines, rather than Buffer#readDoubleLE. */
  private readonly view: DataView;

  constructor(
    readonly buf: Buffer,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** An unsigned varint of at most 32 bits (higher bits, as in uint32/int32 fields, are dropped). */
  uint32(): number {
    const buf = this.buf;
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = buf[this.pos++]!;
      value |= (byte & 0x7f) << shift;
      if (byte < 0x80) return value >>> 0;
    }
    for (let i = 0; i < 5; i++) if (buf[this.pos++]! < 0x80) return value >>> 0;
    throw new UnsupportedWire('varint longer than 10 bytes');
  }

  int32(): number {
    return this.uint32() | 0;
  }

  /** A varint's truth value (any set bit of all 64), as the generated decoder reads a bool. */
  bool(): boolean {
    const buf = this.buf;
    let any = 0;
    for (let i = 0; i < 10; i++) {
      const byte = buf[this.pos++]!;
      any |= byte & 0x7f;
      if (byte < 0x80) return any !== 0;
    }
    throw new UnsupportedWire('varint longer than 10 bytes');
  }

  /** An int64 as a number, with the generated decoder's range check. */
  int64(): number {
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    let byte = 0;
    let done = false;
    for (let shift = 0; shift < 28; shift += 7) {
      byte = buf[this.pos++]!;
      lo |= (byte & 0x7f) << shift;
      if (byte < 0x80) {
        done = true;
        break;
      }
    }
    if (!done) {
      byte = buf[this.pos++]!;
      lo |= (byte & 0x0f) << 28;
      hi = (byte & 0x7f) >> 4;
      for (let shift = 3; byte >= 0x80; shift += 7) {
        if (shift > 31) throw new UnsupportedWire('varint longer than 10 bytes');
        byte = buf[this.pos++]!;
        hi |= (byte & 0x7f) << shift;
      }
    }
    hi >>>= 0;
    lo >>>= 0;
    if (hi & 0x80000000) {
      const value = Number(BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)));
      if (value < Number.MIN_SAFE_INTEGER) throw new Error('Value is smaller than Number.MIN_SAFE_INTEGER');
      return value;
    }
    const value = hi * 4_294_967_296 + lo;
    if (value > Number.MAX_SAFE_INTEGER) throw new Error('Value is larger than Number.MAX_SAFE_INTEGER');
    return value;
  }

  double(): number {
    const value = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return value;
  }

  /** Reads a length prefix and returns the end of the delimited bytes. */
  delimitedEnd(): number {
    const length = this.uint32();
    const end = this.pos + length;
    if (end > this.end) throw new RangeError('premature end of a length-delimited field');
    return end;
  }

  string(): string {
    const end = this.delimitedEnd();
    const value = decodeUtf8(this.buf, this.pos, end);
    this.pos = end;
    return value;
  }

  /** Skips a field the caller does not read, as the generated decoders do. */
  skipField(tag: number): void {
    // A zero tag or an end-group ends a generated decoder's loop early: leave that to it.
    if (tag === 0) throw new UnsupportedWire('zero tag');
    const wireType = tag & 7;
    switch (wireType) {
      case WIRE_VARINT:
        while (this.buf[this.pos++]! >= 0x80);
        break;
      case WIRE_FIXED64:
        this.pos += 8;
        break;
      case WIRE_LENGTH_DELIMITED:
        this.pos = this.delimitedEnd();
        break;
      case WIRE_FIXED32:
        this.pos += 4;
        break;
      default:
        throw new UnsupportedWire(`wire type ${wireType}`);
    }
    if (this.pos > this.end) throw new RangeError('premature end of a field');
  }
}
