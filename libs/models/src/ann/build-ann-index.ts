import { setImmediate as nextTurn } from 'node:timers/promises';
import { AnnIndex } from './ann-index';
import { AnnIndexParams, checkItemVectors, ItemVectors } from './ann-params';

export interface BuildAnnIndexOptions {
  modelVersion: string;
  params?: Partial<AnnIndexParams>;
  /** Called after each chunk with items inserted so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Items inserted between yields to the event loop (each insert is a synchronous native call). */
  chunkSize?: number;
}

/** Builds an index of `items`, yielding to the event loop between chunks so a serving process stays responsive. */
export async function buildAnnIndex(items: ItemVectors, options: BuildAnnIndexOptions): Promise<AnnIndex> {
  checkItemVectors(items);
  const index = AnnIndex.create(items.dim, { modelVersion: options.modelVersion, capacity: items.ids.length, ...(options.params ? { params: options.params } : {}) });
  const total = items.ids.length;
  const chunkSize = Math.max(1, options.chunkSize ?? 2_000);
  for (let start = 0; start < total; start += chunkSize) {
    const end = Math.min(total, start + chunkSize);
    for (let row = start; row < end; row++) index.upsert(items.ids[row]!, items.vectors, row * items.dim);
    options.onProgress?.(end, total);
    if (end < total) await nextTurn();
  }
  if (total === 0) options.onProgress?.(0, 0);
  return index;
}
