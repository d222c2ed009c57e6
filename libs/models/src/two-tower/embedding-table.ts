import { hashedRows } from './hashing';
import { SeededRandom } from './seeded-random';

/**
 * A hashed embedding table held in plain typed arrays: lookups, pooling and the (row-sparse)
 * updates run in JavaScript, so only the dense towers go through TF.js. (TF.js cannot take the
 * gradient of a gather on the WASM backend, and a dense gradient of a whole table per step
 * would cost far more than the rows a batch touches.)
 */
export interface EmbeddingTable {
  readonly name: string;
  readonly rows: number;
  readonly dim: number;
  readonly weights: Float32Array;
  /** 1 for every row that received a gradient in training; untrained rows are ignored at inference. */
  readonly trained: Uint8Array;
}

export function createEmbeddingTable(name: string, rows: number, dim: number, random: SeededRandom, scale = 0.05): EmbeddingTable {
  const weights = new Float32Array(rows * dim);
  for (let i = 0; i < weights.length; i++) weights[i] = (random.next() * 2 - 1) * scale;
  return { name, rows, dim, weights, trained: new Uint8Array(rows) };
}

/** The two rows of each key (see hashedRows). */
export type KeyRows = readonly [number, number];

export function keyRows(table: EmbeddingTable, key: string): KeyRows {
  return hashedRows(key, table.rows);
}

/** Whether training gave both rows of a key a gradient, i.e. the key (or its collisions) was seen. */
export function isTrainedKey(table: EmbeddingTable, rows: KeyRows): boolean {
  return table.trained[rows[0]] === 1 && table.trained[rows[1]] === 1;
}

/**
 * One weighted bag of table rows per example, stored flat (CSR). A key contributes its two rows
 * with the key's weight; the weights of a bag sum to 1 (a weighted mean of the keys' embeddings)
 * unless the bag is empty, which pools to the zero vector.
 */
export class RowBags {
  readonly rows: number[] = [];
  readonly weights: number[] = [];
  readonly starts: number[] = [0];

  get count(): number {
    return this.starts.length - 1;
  }

  /** Appends one example's bag; `keyWeights` (default uniform) are normalised over the keys given. */
  push(keys: readonly KeyRows[], keyWeights?: ArrayLike<number>): void {
    let total = 0;
    for (let k = 0; k < keys.length; k++) total += keyWeights ? keyWeights[k]! : 1;
    for (let k = 0; k < keys.length; k++) {
      const w = (keyWeights ? keyWeights[k]! : 1) / total;
      const [a, b] = keys[k]!;
      this.rows.push(a, b);
      this.weights.push(w, w);
    }
    this.starts.push(this.rows.length);
  }

  /** Adds each bag's pooled embedding into columns [offset, offset + dim) of a row-major matrix. */
  poolInto(table: EmbeddingTable, out: Float32Array, width: number, offset: number): void {
    const { dim, weights } = table;
    for (let i = 0; i < this.count; i++) {
      const base = i * width + offset;
      for (let k = this.starts[i]!; k < this.starts[i + 1]!; k++) {
        const w = this.weights[k]!;
        const row = this.rows[k]! * dim;
        for (let j = 0; j < dim; j++) out[base + j]! += w * weights[row + j]!;
      }
    }
  }

  /** Back-propagates the pooled columns' gradient to the rows, summed per row into `grads`. */
  scatterGradient(table: EmbeddingTable, gradient: Float32Array, width: number, offset: number, grads: Map<number, Float32Array>): void {
    const { dim } = table;
    for (let i = 0; i < this.count; i++) {
      const base = i * width + offset;
      for (let k = this.starts[i]!; k < this.starts[i + 1]!; k++) {
        const w = this.weights[k]!;
        const row = this.rows[k]!;
        let g = grads.get(row);
        if (!g) grads.set(row, (g = new Float32Array(dim)));
        for (let j = 0; j < dim; j++) g[j]! += w * gradient[base + j]!;
      }
    }
  }
}
