import type { GetFeaturesResponse } from '@cascade/contracts';

/**
 * Row-major candidates × features matrix in the model's feature order, from GetFeatures'
 * columns: a user feature repeats on every row; item and cross features have one value per row.
 */
export function featureMatrix(response: GetFeaturesResponse, featureNames: readonly string[], rowCount: number): Float32Array {
  const width = featureNames.length;
  const matrix = new Float32Array(rowCount * width);
  const user = new Map(response.userFeatures.map((c) => [c.name, c.numbers[0] ?? 0]));
  const perRow = new Map([...response.itemFeatures, ...response.crossFeatures].map((c) => [c.name, c.numbers]));
  featureNames.forEach((name, j) => {
    const column = perRow.get(name);
    if (column) {
      for (let i = 0; i < rowCount; i++) matrix[i * width + j] = column[i] ?? 0;
      return;
    }
    const value = user.get(name);
    if (value === undefined) throw new Error(`feature service returned no "${name}"`);
    for (let i = 0; i < rowCount; i++) matrix[i * width + j] = value;
  });
  return matrix;
}
