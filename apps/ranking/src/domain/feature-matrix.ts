import { decodeFloat64Column, FeatureColumn, GetFeaturesResponse } from '@cascade/contracts';

/** A number column's values, from `numberBytes` when the feature service packed them there. */
function columnValues(column: FeatureColumn): ArrayLike<number> {
  return column.numberBytes.byteLength > 0 ? decodeFloat64Column(column.numberBytes) : column.numbers;
}

/**
 * Row-major candidates × features matrix in the model's feature order, from GetFeatures'
 * columns: a user feature repeats on every row; item and cross features have one value per row.
 */
export function featureMatrix(response: GetFeaturesResponse, featureNames: readonly string[], rowCount: number): Float32Array {
  const width = featureNames.length;
  const matrix = new Float32Array(rowCount * width);
  const user = new Map(response.userFeatures.map((c) => [c.name, c]));
  const perRow = new Map([...response.itemFeatures, ...response.crossFeatures].map((c) => [c.name, c]));
  featureNames.forEach((name, j) => {
    const column = perRow.get(name);
    if (column) {
      const values = columnValues(column);
      for (let i = 0; i < rowCount; i++) matrix[i * width + j] = values[i] ?? 0;
      return;
    }
    const userColumn = user.get(name);
    if (userColumn === undefined) throw new Error(`feature service returned no "${name}"`);
    const value = columnValues(userColumn)[0] ?? 0;
    for (let i = 0; i < rowCount; i++) matrix[i * width + j] = value;
  });
  return matrix;
}
