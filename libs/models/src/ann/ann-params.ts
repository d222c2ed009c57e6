import { z } from 'zod';

/**
 * HNSW settings. `m` and `efConstruction` are fixed when the graph is built; `efSearch` is the
 * default candidate-list size of a search (hnswlib's own default is 10, far too small for the
 * hundreds of candidates retrieval asks for); a search never runs with fewer than k. On 1M
 * clustered 64-d vectors tools/bench/ann.ts measured recall@100 0.976 at ef 100 (M 16), the
 * cheapest ef meeting the 0.95 bar, hence the default.
 */
export const annIndexParamsSchema = z.object({
  m: z.number().int().min(2).default(16),
  efConstruction: z.number().int().positive().default(200),
  efSearch: z.number().int().positive().default(100),
  randomSeed: z.number().int().nonnegative().default(100),
});

export type AnnIndexParams = z.output<typeof annIndexParamsSchema>;

export const defaultAnnIndexParams: AnnIndexParams = annIndexParamsSchema.parse({});

/** Item vectors, row-major: row i (dim floats) belongs to ids[i]. */
export interface ItemVectors {
  ids: readonly string[];
  vectors: Float32Array;
  dim: number;
}

export function checkItemVectors(items: ItemVectors): void {
  if (!Number.isInteger(items.dim) || items.dim <= 0) throw new Error(`dim must be a positive integer, got ${items.dim}`);
  if (items.vectors.length !== items.ids.length * items.dim) {
    throw new Error(`${items.ids.length} ids × dim ${items.dim} needs ${items.ids.length * items.dim} floats, got ${items.vectors.length}`);
  }
}
