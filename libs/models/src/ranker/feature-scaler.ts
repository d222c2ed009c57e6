/**
 * Per-feature standardisation learnt from training rows: log1p for heavy-tailed counters, then
 * (x − mean) / std. Stored in the model manifest so serving scales exactly as training did.
 */
export interface FeatureScaling {
  log: boolean[];
  mean: number[];
  std: number[];
}

/** A column whose values span orders of magnitude and are never negative is log-scaled. */
function wantsLog(column: Float32Array): boolean {
  let max = 0;
  for (const v of column) {
    if (v < 0) return false;
    if (v > max) max = v;
  }
  return max > 20;
}

export function fitScaling(rows: Float32Array, width: number): FeatureScaling {
  const n = rows.length / width;
  const scaling: FeatureScaling = { log: [], mean: [], std: [] };
  for (let j = 0; j < width; j++) {
    const column = new Float32Array(n);
    for (let i = 0; i < n; i++) column[i] = rows[i * width + j]!;
    const log = wantsLog(column);
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const v = log ? Math.log1p(column[i]!) : column[i]!;
      sum += v;
      sumSq += v * v;
    }
    const mean = n > 0 ? sum / n : 0;
    const variance = n > 0 ? sumSq / n - mean * mean : 0;
    scaling.log.push(log);
    scaling.mean.push(mean);
    scaling.std.push(Math.sqrt(Math.max(variance, 0)) || 1);
  }
  return scaling;
}

/** Scales a row-major matrix in place. */
export function applyScaling(rows: Float32Array, scaling: FeatureScaling): Float32Array {
  const { log, mean, std } = scaling;
  const width = mean.length;
  for (let start = 0; start < rows.length; start += width) {
    for (let j = 0; j < width; j++) {
      const i = start + j;
      const v = log[j] ? Math.log1p(Math.max(0, rows[i]!)) : rows[i]!;
      rows[i] = (v - mean[j]!) / std[j]!;
    }
  }
  return rows;
}
