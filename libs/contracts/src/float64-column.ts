// FeatureColumn.number_bytes: float64, little-endian: one copy each way instead of a framed double
// per value.

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function encodeFloat64Column(values: ArrayLike<number>): Buffer {
  if (littleEndianHost) {
    const column = Float64Array.from(values);
    return Buffer.from(column.buffer, column.byteOffset, column.byteLength);
  }
  const out = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) out.writeDoubleLE(values[i]!, i * 8);
  return out;
}

export function decodeFloat64Column(bytes: Uint8Array): Float64Array {
  if (bytes.byteLength % 8 !== 0) throw new RangeError(`a float64 column has a multiple of 8 bytes, got ${bytes.byteLength}`);
  const out = new Float64Array(bytes.byteLength / 8);
  if (littleEndianHost) new Uint8Array(out.buffer).set(bytes);
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  }
  return out;
}
