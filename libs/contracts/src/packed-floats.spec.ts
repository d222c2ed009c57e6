import { FeatureColumn, FeatureType, GetFeaturesResponse } from './gen/cascade/feature/v1/feature';
import { RankResponse } from './gen/cascade/ranking/v1/ranking';
import { decodeFloat32Matrix, decodeFloat64Column, decodeFloat64Matrix, encodeFloat32Matrix, encodeFloat64Column, encodeFloat64Matrix } from './packed-floats';

describe('float32 matrices', () => {
  it('round-trip through a RankResponse exactly, whatever the byte offset the decoder hands back', () => {
    const matrix = Float32Array.from([0, -1.5, 3.25, Number.MAX_VALUE, Math.fround(0.1), Number.NaN]);
    const wire = RankResponse.encode(RankResponse.fromPartial({ modelVersion: 'v', featureMatrix: encodeFloat32Matrix(matrix) })).finish();
    const decoded = RankResponse.decode(wire);
    expect(Array.from(decodeFloat32Matrix(decoded.featureMatrix))).toEqual(Array.from(matrix));
    const unaligned = Buffer.concat([Buffer.from([9]), encodeFloat32Matrix(matrix)]).subarray(1);
    expect(Array.from(decodeFloat32Matrix(unaligned))).toEqual(Array.from(matrix));
  });

  it('encodes a view of a larger array without its neighbours, little-endian', () => {
    const values = Float32Array.from([1, 2, 3, 4]).subarray(1, 3);
    const bytes = encodeFloat32Matrix(values);
    expect(bytes.byteLength).toBe(8);
    expect(bytes.readFloatLE(0)).toBe(2);
    expect(bytes.readFloatLE(4)).toBe(3);
  });

  it('refuses a byte length that is not a whole number of floats', () => {
    expect(() => decodeFloat32Matrix(new Uint8Array(6))).toThrow('a float32 matrix has a multiple of 4 bytes, got 6');
  });
});

describe('float64 columns', () => {
  it('round-trip through a GetFeaturesResponse exactly, whatever the byte offset the decoder hands back', () => {
    const values = [0, -1.5, 0.1, Number.MAX_VALUE, Number.MIN_VALUE, 1 / 3, Number.NaN];
    const column = FeatureColumn.fromPartial({ name: 'item_like_7d', type: FeatureType.FEATURE_TYPE_NUMBER, numberBytes: encodeFloat64Column(values) });
    const decoded = GetFeaturesResponse.decode(GetFeaturesResponse.encode(GetFeaturesResponse.fromPartial({ itemIds: ['a'], itemFeatures: [column] })).finish());
    expect(Array.from(decodeFloat64Column(decoded.itemFeatures[0]!.numberBytes))).toEqual(values);
    const unaligned = Buffer.concat([Buffer.from([7]), encodeFloat64Column(values)]).subarray(1);
    expect(Array.from(decodeFloat64Column(unaligned))).toEqual(values);
  });

  it('is little-endian', () => {
    const bytes = encodeFloat64Column(Float64Array.of(2, -0.25));
    expect(bytes.byteLength).toBe(16);
    expect(bytes.readDoubleLE(0)).toBe(2);
    expect(bytes.readDoubleLE(8)).toBe(-0.25);
  });

  it('refuses a byte length that is not a whole number of doubles', () => {
    expect(() => decodeFloat64Column(new Uint8Array(12))).toThrow('a float64 column has a multiple of 8 bytes, got 12');
  });
});

describe('float64 matrices', () => {
  it('round-trip task scores through a RankResponse bit for bit, whatever the byte offset the decoder hands back', () => {
    const taskNames = ['complete', 'like', 'watch_ratio'];
    const values = Float64Array.from([0.1, 1 / 3, 2, Math.min(1, Math.fround(0.7) * Math.exp(0.25)), Number.MIN_VALUE, -0, Number.MAX_VALUE, 1e-300, Number.NaN]);
    const wire = RankResponse.encode(RankResponse.fromPartial({ modelVersion: 'v', taskNames, taskScoreMatrix: encodeFloat64Matrix(values) })).finish();
    const decoded = RankResponse.decode(wire);
    expect(decoded.taskNames).toEqual(taskNames);
    expect(decoded.candidates).toEqual([]);
    const roundTripped = decodeFloat64Matrix(decoded.taskScoreMatrix);
    expect(Object.is(roundTripped[5], -0)).toBe(true);
    expect(Buffer.from(roundTripped.buffer)).toEqual(Buffer.from(values.buffer));
    const unaligned = Buffer.concat([Buffer.from([3]), encodeFloat64Matrix(values)]).subarray(1);
    expect(Array.from(decodeFloat64Matrix(unaligned))).toEqual(Array.from(values));
  });

  it('encodes a view of a larger array without its neighbours, little-endian', () => {
    const bytes = encodeFloat64Matrix(Float64Array.of(1, 2, -0.25, 4).subarray(1, 3));
    expect(bytes.byteLength).toBe(16);
    expect(bytes.readDoubleLE(0)).toBe(2);
    expect(bytes.readDoubleLE(8)).toBe(-0.25);
  });

  it('refuses a byte length that is not a whole number of doubles', () => {
    expect(() => decodeFloat64Matrix(new Uint8Array(20))).toThrow('a float64 matrix has a multiple of 8 bytes, got 20');
  });
});
