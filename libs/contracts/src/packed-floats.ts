// The `bytes` fields of the contracts that carry numbers in bulk, little-endian: one copy each way
// instead of a JS call per value to encode and decode it.
//   RankResponse.feature_matrix: float32, row-major.
//   FeatureColumn.number_bytes: float64 (GetFeaturesRequest.numbers_as_bytes).
//   RankResponse.task_score_matrix: float64, row-major (RankRequest.scores_only).

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type FloatArray = Float32Array | Float64Array;
type FloatArrayType<T extends FloatArray> = { new (length: number): T; readonly BYTES_PER_ELEMENT: number };

/** The little-endian bytes of `values` (a view when the host is little-endian). */
function encodeFloats(values: FloatArray): Buffer {
  if (littleEndianHost) return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const out = Buffer.alloc(values.byteLength);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  values.forEach((v, i) => (values.BYTES_PER_ELEMENT === 4 ? view.setFloat32(i * 4, v, true) : view.setFloat64(i * 8, v, true)));
  return out;
}

/** A fresh (aligned) array of the values in `bytes`, whatever its byte offset. */
function decodeFloats<T extends FloatArray>(bytes: Uint8Array, Type: FloatArrayType<T>, what: string): T {
  const size = Type.BYTES_PER_ELEMENT;
  if (bytes.byteLength % size !== 0) throw new RangeError(`${what} has a multiple of ${size} bytes, got ${bytes.byteLength}`);
  const out = new Type(bytes.byteLength / size);
  if (littleEndianHost) new Uint8Array(out.buffer).set(bytes);
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = size === 4 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true);
  }
  return out;
}

export const encodeFloat32Matrix = (values: Float32Array): Buffer => encodeFloats(values);
export const decodeFloat32Matrix = (bytes: Uint8Array): Float32Array => decodeFloats(bytes, Float32Array, 'a float32 matrix');

export const encodeFloat64Column = (values: ArrayLike<number>): Buffer => encodeFloats(values instanceof Float64Array ? values : Float64Array.from(values));
export const decodeFloat64Column = (bytes: Uint8Array): Float64Array => decodeFloats(bytes, Float64Array, 'a float64 column');

export const encodeFloat64Matrix = (values: Float64Array): Buffer => encodeFloats(values);
export const decodeFloat64Matrix = (bytes: Uint8Array): Float64Array => decodeFloats(bytes, Float64Array, 'a float64 matrix');
