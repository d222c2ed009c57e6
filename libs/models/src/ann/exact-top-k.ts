/** Exact top-k of each query, best first: `rows[q * k + i]` is the i-th best item row of query q (-1 past the item count). */
export interface ExactTopK {
  k: number;
  rows: Int32Array;
  scores: Float32Array;
}

const QUERY_BLOCK = 16;
const ITEM_BLOCK = 1_024;

/**
 * Brute-force inner-product top-k, the ground truth ANN recall is measured against. Blocked so a
 * block of queries and a block of items stay in cache while every pair is scored. Ties go to the
 * lower row.
 */
export function exactTopK(items: Float32Array, queries: Float32Array, dim: number, k: number): ExactTopK {
  if (items.length % dim !== 0 || queries.length % dim !== 0) throw new Error(`items and queries must be whole rows of ${dim} floats`);
  if (!Number.isInteger(k) || k <= 0) throw new Error(`k must be a positive integer, got ${k}`);
  const itemCount = items.length / dim;
  const queryCount = queries.length / dim;
  const heapScores = new Float32Array(queryCount * k);
  const heapRows = new Int32Array(queryCount * k);
  const heapSizes = new Int32Array(queryCount);

  for (let q0 = 0; q0 < queryCount; q0 += QUERY_BLOCK) {
    const q1 = Math.min(queryCount, q0 + QUERY_BLOCK);
    for (let i0 = 0; i0 < itemCount; i0 += ITEM_BLOCK) {
      const i1 = Math.min(itemCount, i0 + ITEM_BLOCK);
      for (let q = q0; q < q1; q++) {
        const qOffset = q * dim;
        const base = q * k;
        for (let i = i0; i < i1; i++) {
          const iOffset = i * dim;
          let dot = 0;
          for (let j = 0; j < dim; j++) dot += queries[qOffset + j]! * items[iOffset + j]!;
          const size = heapSizes[q]!;
          if (size < k) {
            heapPush(heapScores, heapRows, base, size, Math.fround(dot), i);
            heapSizes[q] = size + 1;
          } else if (isBetter(Math.fround(dot), i, heapScores[base]!, heapRows[base]!)) {
            heapReplaceWorst(heapScores, heapRows, base, k, Math.fround(dot), i);
          }
        }
      }
    }
  }

  const rows = new Int32Array(queryCount * k).fill(-1);
  const scores = new Float32Array(queryCount * k).fill(Number.NEGATIVE_INFINITY);
  for (let q = 0; q < queryCount; q++) {
    const base = q * k;
    // Popping the worst repeatedly fills the answer from the back.
    for (let size = heapSizes[q]!; size > 0; size--) {
      rows[base + size - 1] = heapRows[base]!;
      scores[base + size - 1] = heapScores[base]!;
      heapReplaceWorst(heapScores, heapRows, base, size - 1, heapScores[base + size - 1]!, heapRows[base + size - 1]!);
    }
  }
  return { k, rows, scores };
}

function isBetter(score: number, row: number, otherScore: number, otherRow: number): boolean {
  return score > otherScore || (score === otherScore && row < otherRow);
}

/** Min-heap on "worst first" at scores/rows[base .. base+size). */
function heapPush(scores: Float32Array, rows: Int32Array, base: number, size: number, score: number, row: number): void {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!isBetter(scores[base + parent]!, rows[base + parent]!, score, row)) break;
    scores[base + i] = scores[base + parent]!;
    rows[base + i] = rows[base + parent]!;
    i = parent;
  }
  scores[base + i] = score;
  rows[base + i] = row;
}

/** Replaces the heap's worst element (its root) with the given one and restores the heap of `size` elements. */
function heapReplaceWorst(scores: Float32Array, rows: Int32Array, base: number, size: number, score: number, row: number): void {
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    let worse = left;
    if (right < size && isBetter(scores[base + left]!, rows[base + left]!, scores[base + right]!, rows[base + right]!)) worse = right;
    if (!isBetter(score, row, scores[base + worse]!, rows[base + worse]!)) break;
    scores[base + i] = scores[base + worse]!;
    rows[base + i] = rows[base + worse]!;
    i = worse;
  }
  scores[base + i] = score;
  rows[base + i] = row;
}
