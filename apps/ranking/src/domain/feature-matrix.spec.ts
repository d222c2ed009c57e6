import { encodeFloat64Column, FeatureColumn, FeatureType, GetFeaturesResponse } from '@cascade/contracts';
import { featureMatrix } from './feature-matrix';

const numbers = (name: string, values: number[]) => FeatureColumn.fromPartial({ name, type: FeatureType.FEATURE_TYPE_NUMBER, numbers: values });
const packed = (name: string, values: number[]) => FeatureColumn.fromPartial({ name, type: FeatureType.FEATURE_TYPE_NUMBER, numberBytes: encodeFloat64Column(values) });

describe('featureMatrix', () => {
  const names = ['item_like_7d', 'user_like_7d', 'cross_follows_creator'];
  const expected = [0.25, 3, 1, 0.5, 3, 0, 0.75, 3, 1];

  it.each([
    ['numbers', numbers],
    ['number_bytes (numbers_as_bytes)', packed],
  ])('lays out item, user and cross columns row-major in the model order from %s', (_name, column) => {
    const response = GetFeaturesResponse.fromPartial({
      itemIds: ['a', 'b', 'c'],
      userFeatures: [column('user_like_7d', [3])],
      itemFeatures: [column('item_like_7d', [0.25, 0.5, 0.75])],
      crossFeatures: [column('cross_follows_creator', [1, 0, 1])],
    });
    expect(Array.from(featureMatrix(response, names, 3))).toEqual(expected);
  });

  it('names a feature the service did not return', () => {
    const response = GetFeaturesResponse.fromPartial({ itemIds: ['a'], itemFeatures: [packed('item_like_7d', [1])] });
    expect(() => featureMatrix(response, ['item_like_7d', 'user_like_7d'], 1)).toThrow('feature service returned no "user_like_7d"');
  });
});
