// The `bytes` matrices of the contracts (e.g. RankResponse.feature_matrix): float32, little-endian,
// row-major: one copy each way instead of a JS call per value to encode and decode it.

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function encodeFloat32Matrix(values: Float32Array): Buffer {
  if (littleEndianHost) return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const out = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => out.writeFloatLE(v, i * 4));
  return out;
}

export function decodeFloat32Matrix(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new RangeError(`a float32 matrix has a multiple of 4 bytes, got ${bytes.byteLength}`);
  const out = new Float32Array(bytes.byteLength / 4);
  if (littleEndianHost) new Uint8Array(out.buffer).set(bytes);
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  }
  return out;
}
