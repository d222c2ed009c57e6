import type { ScoreHistogram } from '@cascade/contracts';

/** Buckets of a debug histogram: enough to show a shape, few enough to read. */
export const DEFAULT_BUCKETS = 10;

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Equal-width histogram of a stage's scores between their min and max, with mean and median.
 * Non-finite scores are left out; no finite score gives no histogram. When every score is the same
 * there is one bucket, from that score to itself.
 */
export function scoreHistogram(scores: readonly number[], buckets = DEFAULT_BUCKETS): ScoreHistogram | undefined {
  const sorted = scores.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const bucketCount = max > min ? Math.max(1, Math.floor(buckets)) : 1;
  const width = (max - min) / bucketCount;
  const edges = Array.from({ length: bucketCount + 1 }, (_, i) => (i === bucketCount ? max : min + i * width));
  const counts = new Array<number>(bucketCount).fill(0);
  for (const score of sorted) {
    const bucket = width > 0 ? Math.min(bucketCount - 1, Math.floor((score - min) / width)) : 0;
    counts[bucket]!++;
  }
  const mean = sorted.reduce((sum, score) => sum + score, 0) / sorted.length;
  return { edges, counts, count: sorted.length, min, max, mean, p50: median(sorted) };
}
