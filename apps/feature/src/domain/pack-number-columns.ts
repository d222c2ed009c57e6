import { encodeFloat64Column, FeatureColumn, FeatureType } from '@cascade/contracts';

/** The columns with each number column's values moved into `numberBytes` (GetFeaturesRequest.numbers_as_bytes). */
export function packNumberColumns(columns: readonly FeatureColumn[]): FeatureColumn[] {
  return columns.map((column) =>
    column.type === FeatureType.FEATURE_TYPE_NUMBER ? { ...column, numbers: [], numberBytes: encodeFloat64Column(column.numbers) } : column,
  );
}
