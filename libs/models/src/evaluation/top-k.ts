/**
 * The k best items of one score row, best first, without sorting the row: a size-k min-heap whose
 * root is the worst item kept. Ties go to the lower item index, so results are deterministic.
 * `excluded` (ascending item indices) are never returned; NaN scores count as −∞ and are skipped.
 */
export function topK(scores: Float32Array, k: number, excluded: Int32Array = new Int32Array(0)): Int32Array {
  const heapItems = new Int32Array(k);
  const heapScores = new Float64Array(k);
  let size = 0;
  // a is worse than b: lower score, or the same score and a higher index.
  const worse = (sa: number, ia: number, sb: number, ib: number): boolean => sa < sb || (sa === sb && ia > ib);

  const siftDown = (from: number): void => {
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < size && worse(heapScores[left]!, heapItems[left]!, heapScores[worst]!, heapItems[worst]!)) worst = left;
      if (right < size && worse(heapScores[right]!, heapItems[right]!, heapScores[worst]!, heapItems[worst]!)) worst = right;
      if (worst === at) return;
      swap(at, worst);
      at = worst;
    }
  };
  const siftUp = (from: number): void => {
    let at = from;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!worse(heapScores[at]!, heapItems[at]!, heapScores[parent]!, heapItems[parent]!)) return;
      swap(at, parent);
      at = parent;
    }
  };
  const swap = (a: number, b: number): void => {
    const item = heapItems[a]!;
    const score = heapScores[a]!;
    heapItems[a] = heapItems[b]!;
    heapScores[a] = heapScores[b]!;
    heapItems[b] = item;
    heapScores[b] = score;
  };

  if (k <= 0) return new Int32Array(0);
  let nextExcluded = 0;
  for (let item = 0; item < scores.length; item++) {
    if (nextExcluded < excluded.length && excluded[nextExcluded] === item) {
      nextExcluded++;
      continue;
    }
    const score = scores[item]!;
    if (Number.isNaN(score)) continue;
    if (size < k) {
      heapItems[size] = item;
      heapScores[size] = score;
      siftUp(size++);
    } else if (worse(heapScores[0]!, heapItems[0]!, score, item)) {
      heapItems[0] = item;
      heapScores[0] = score;
      siftDown(0);
    }
  }

  const best = new Int32Array(size);
  for (let at = size - 1; at >= 0; at--) {
    best[at] = heapItems[0]!;
    heapItems[0] = heapItems[size - 1]!;
    heapScores[0] = heapScores[size - 1]!;
    size--;
    siftDown(0);
  }
  return best;
}
