import { FeatureColumn, FeatureType, GetFeaturesResponse } from './gen/cascade/feature/v1/feature';
import { decodeFloat64Column, encodeFloat64Column } from './float64-column';

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
