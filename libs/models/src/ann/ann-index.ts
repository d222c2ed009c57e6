import { HierarchicalNSW } from 'hnswlib-node';
import { AnnManifest, readAnnFiles, writeAnnFiles } from './ann-index-files';
import { AnnIndexParams, annIndexParamsSchema } from './ann-params';
import { checkLabelKey, ItemLabels } from './item-labels';

export interface AnnSearchOptions {
  /** Candidate-list size; defaults to the index's efSearch and is raised to k when smaller. */
  ef?: number;
  /**
   * Keeps only items it returns true for. The native search calls it for every candidate it
   * visits (hundreds per search), so it must be cheap: a Set lookup, not a feature fetch. It may
   * not change this index.
   */
  filter?: (id: string) => boolean;
}

/** Best first; scores are inner products (cosine for the L2-normalised two-tower vectors). */
export interface AnnSearchResult {
  ids: string[];
  scores: number[];
}

/** A search result with each item's key (see `upsert`), NO_KEY (-1) for an item upserted without one. */
export interface AnnKeyedSearchResult extends AnnSearchResult {
  keys: Int32Array;
}

export interface CreateAnnIndexOptions {
  modelVersion: string;
  params?: Partial<AnnIndexParams>;
  /** Initial capacity; grows by doubling when exceeded. */
  capacity?: number;
}

const MIN_CAPACITY = 1_024;

/** The candidate-list size a search runs with: the requested or default ef, never below k. */
export function effectiveEf(k: number, requested: number | undefined, fallback: number): number {
  return Math.max(k, Math.floor(requested ?? fallback));
}

/**
 * Approximate inner-product nearest neighbours over item vectors, keyed by item id (hnswlib HNSW
 * underneath). Searches, upserts and removals are synchronous native calls on the caller's
 * thread: one search at the default ef blocks the event loop for a fraction of a millisecond
 * (tools/bench/ann.ts measures it). Saving runs on a libuv thread; writes made meanwhile are
 * applied when it finishes.
 */
export class AnnIndex {
  /** hnswlib-node accepts only plain arrays (it copies element by element), so queries go through one reused array. */
  private readonly scratch: number[];
  private nativeEf = -1;
  private writesDuringSave: (() => void)[] | undefined;
  /** Filters running inside a native search; the graph must not change under it. */
  private filtersRunning = 0;

  private constructor(
    private readonly hnsw: HierarchicalNSW,
    private readonly labels: ItemLabels,
    readonly dim: number,
    readonly params: AnnIndexParams,
    readonly modelVersion: string,
  ) {
    this.scratch = new Array<number>(dim).fill(0);
  }

  static create(dim: number, options: CreateAnnIndexOptions): AnnIndex {
    if (!Number.isInteger(dim) || dim <= 0) throw new Error(`dim must be a positive integer, got ${dim}`);
    const params = annIndexParamsSchema.parse(options.params ?? {});
    const hnsw = new HierarchicalNSW('ip', dim);
    hnsw.initIndex({ maxElements: Math.max(MIN_CAPACITY, options.capacity ?? 0), m: params.m, efConstruction: params.efConstruction, randomSeed: params.randomSeed });
    return new AnnIndex(hnsw, new ItemLabels(), dim, params, options.modelVersion);
  }

  /** Loads a save made by `save(dir)`; the native read runs off the event loop. */
  static async load(dir: string): Promise<AnnIndex> {
    const { manifest, indexPath, idsByLabel } = await readAnnFiles(dir);
    const hnsw = new HierarchicalNSW('ip', manifest.dim);
    await hnsw.readIndex(indexPath);
    if (hnsw.getCurrentCount() !== manifest.labels) throw new Error(`${indexPath} holds ${hnsw.getCurrentCount()} elements, the manifest says ${manifest.labels}`);
    return new AnnIndex(hnsw, ItemLabels.fromJSON(idsByLabel), manifest.dim, manifest.params, manifest.modelVersion);
  }

  /** Live (searchable) items. */
  get size(): number {
    return this.labels.size;
  }

  /** Elements the native index holds room for before it next grows. */
  get capacity(): number {
    return this.hnsw.getMaxElements();
  }

  has(id: string): boolean {
    return this.labels.label(id) !== undefined;
  }

  /**
   * Adds the item or replaces its vector (row `offset / dim` of `vectors`, or `vectors` itself).
   * `key` is an integer of the caller's for the item (≥ 0, e.g. its slot in the caller's own
   * table) that keyed searches return beside the id; omitted, a new item has none (-1) and an
   * indexed one keeps its key. A removed item's key goes with it, never to the item that reuses
   * its slot.
   */
  upsert(id: string, vectors: Float32Array, offset = 0, key?: number): void {
    this.refuseWriteFromFilter();
    if (key !== undefined) checkLabelKey(key);
    this.loadScratch(vectors, offset);
    if (!this.writesDuringSave) return this.upsertPoint(id, this.scratch, key);
    const point = this.scratch.slice();
    this.writesDuringSave.push(() => this.upsertPoint(id, point, key));
  }

  /**
   * Sets the key of an indexed item (see `upsert`); false when it is not indexed. During a save
   * it is applied when the save ends.
   */
  setKey(id: string, key: number): boolean {
    this.refuseWriteFromFilter();
    checkLabelKey(key);
    if (!this.writesDuringSave) return this.labels.setKey(id, key);
    this.writesDuringSave.push(() => this.labels.setKey(id, key));
    return this.has(id);
  }

  /**
   * Removes the item from results (its slot is reused by the next new item); false when it is
   * not indexed. During a save the removal is applied when the save ends.
   */
  remove(id: string): boolean {
    this.refuseWriteFromFilter();
    const indexed = this.has(id);
    const apply = () => {
      const label = this.labels.release(id);
      if (label !== undefined) this.hnsw.markDelete(label);
    };
    if (this.writesDuringSave) this.writesDuringSave.push(apply);
    else apply();
    return indexed;
  }

  search(query: Float32Array, k: number, options: AnnSearchOptions = {}): AnnSearchResult {
    return this.searchRow(query, 0, k, options, false);
  }

  /** Searches each row of `queries` (n × dim, row-major). */
  searchBatch(queries: Float32Array, k: number, options: AnnSearchOptions = {}): AnnSearchResult[] {
    return this.searchRows(queries, k, options, false);
  }

  /** `search`, with each result's key: callers resolve results to their own records by indexing. */
  searchKeyed(query: Float32Array, k: number, options: AnnSearchOptions = {}): AnnKeyedSearchResult {
    return this.searchRow(query, 0, k, options, true);
  }

  /** `searchBatch`, with each result's key. */
  searchBatchKeyed(queries: Float32Array, k: number, options: AnnSearchOptions = {}): AnnKeyedSearchResult[] {
    return this.searchRows(queries, k, options, true);
  }

  /**
   * Saves into `dir` (which must exist), normally the model version's folder; see writeAnnFiles
   * for the atomicity.
   */
  async save(dir: string): Promise<AnnManifest> {
    if (this.writesDuringSave) throw new Error('a save of this index is already running');
    this.writesDuringSave = [];
    try {
      return await writeAnnFiles(
        dir,
        {
          format: 1,
          space: 'ip',
          dim: this.dim,
          count: this.labels.size,
          labels: this.labels.issued,
          capacity: this.hnsw.getMaxElements(),
          params: this.params,
          modelVersion: this.modelVersion,
          savedAtMs: Date.now(),
        },
        this.labels.toJSON(),
        (path) => this.hnsw.writeIndex(path),
      );
    } finally {
      const queued = this.writesDuringSave;
      this.writesDuringSave = undefined;
      for (const apply of queued) apply();
    }
  }

  private searchRows(queries: Float32Array, k: number, options: AnnSearchOptions, withKeys: true): AnnKeyedSearchResult[];
  private searchRows(queries: Float32Array, k: number, options: AnnSearchOptions, withKeys: boolean): AnnSearchResult[];
  private searchRows(queries: Float32Array, k: number, options: AnnSearchOptions, withKeys: boolean): AnnSearchResult[] {
    if (queries.length % this.dim !== 0) throw new Error(`queries hold ${queries.length} floats, not a multiple of dim ${this.dim}`);
    const results = new Array<AnnSearchResult>(queries.length / this.dim);
    for (let row = 0; row < results.length; row++) results[row] = this.searchRow(queries, row * this.dim, k, options, withKeys);
    return results;
  }

  private searchRow(queries: Float32Array, offset: number, k: number, options: AnnSearchOptions, withKeys: true): AnnKeyedSearchResult;
  private searchRow(queries: Float32Array, offset: number, k: number, options: AnnSearchOptions, withKeys: boolean): AnnSearchResult;
  private searchRow(queries: Float32Array, offset: number, k: number, options: AnnSearchOptions, withKeys: boolean): AnnSearchResult | AnnKeyedSearchResult {
    const n = Math.min(Math.floor(k), this.labels.size);
    if (!(n > 0)) return withKeys ? { ids: [], scores: [], keys: new Int32Array(0) } : { ids: [], scores: [] };
    const ef = effectiveEf(n, options.ef, this.params.efSearch);
    if (ef !== this.nativeEf) {
      this.hnsw.setEf(ef);
      this.nativeEf = ef;
    }
    this.loadScratch(queries, offset);
    const found = options.filter ? this.searchFiltered(n, options.filter) : this.hnsw.searchKnn(this.scratch, n);
    // The library's fresh arrays become the result: distances turn into scores in place.
    const scores = found.distances;
    const labels = found.neighbors;
    const ids = new Array<string>(scores.length);
    for (let i = 0; i < scores.length; i++) {
      scores[i] = 1 - scores[i]!;
      ids[i] = this.labels.id(labels[i]!)!;
    }
    if (!withKeys) return { ids, scores };
    const keys = new Int32Array(labels.length);
    for (let i = 0; i < keys.length; i++) keys[i] = this.labels.key(labels[i]!);
    return { ids, scores, keys };
  }

  /** hnswlib-node drops an exception thrown by the filter; it is caught here and rethrown once the search returns. */
  private searchFiltered(k: number, filter: (id: string) => boolean): ReturnType<HierarchicalNSW['searchKnn']> {
    const failure: { error?: unknown; thrown: boolean } = { thrown: false };
    this.filtersRunning++;
    try {
      const found = this.hnsw.searchKnn(this.scratch, k, (label) => {
        if (failure.thrown) return false;
        const id = this.labels.id(label);
        try {
          return id !== undefined && filter(id);
        } catch (error) {
          failure.error = error;
          failure.thrown = true;
          return false;
        }
      });
      if (failure.thrown) throw failure.error;
      return found;
    } finally {
      this.filtersRunning--;
    }
  }

  private refuseWriteFromFilter(): void {
    if (this.filtersRunning > 0) throw new Error('a search filter must not change the index it filters');
  }

  private upsertPoint(id: string, point: number[], key: number | undefined): void {
    const label = this.labels.assign(id, key);
    const count = this.hnsw.getCurrentCount();
    if (label >= count && count >= this.hnsw.getMaxElements()) this.hnsw.resizeIndex(this.hnsw.getMaxElements() * 2);
    // An existing label (live or freed) is unmarked and its vector and links updated in place.
    this.hnsw.addPoint(point, label);
  }

  private loadScratch(vectors: Float32Array, offset: number): void {
    if (offset < 0 || offset + this.dim > vectors.length) throw new Error(`no ${this.dim}-float vector at offset ${offset} of ${vectors.length} floats`);
    const scratch = this.scratch;
    for (let j = 0; j < scratch.length; j++) {
      const value = vectors[offset + j]!;
      if (!Number.isFinite(value)) throw new Error(`vector component ${j} is ${value}`);
      scratch[j] = value;
    }
  }
}
