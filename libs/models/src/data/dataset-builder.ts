import type { InteractionColumns, InteractionDataset, InteractionSplit, ItemAttributes, UserAttributes } from './interaction-dataset';

/** Dense indices for string ids, in first-seen order. */
export class IdIndex {
  private readonly indexById = new Map<string, number>();
  readonly ids: string[] = [];

  /** The index of `id`, adding it when new. */
  intern(id: string): number {
    let index = this.indexById.get(id);
    if (index === undefined) {
      index = this.ids.length;
      this.indexById.set(id, index);
      this.ids.push(id);
    }
    return index;
  }

  get(id: string): number | undefined {
    return this.indexById.get(id);
  }

  get size(): number {
    return this.ids.length;
  }
}

/** A typed array that grows by doubling, for appending rows of unknown count. */
class Growable<T extends Int32Array | Float32Array | Float64Array> {
  private data: T;
  length = 0;

  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  finish(): T {
    return this.data.slice(0, this.length) as T;
  }
}

export interface InteractionRow {
  user: string;
  item: string;
  label: number;
  timeMs?: number;
  watchRatio?: number;
  rating?: number;
}

/**
 * Accumulates interactions row by row into the columnar InteractionDataset. Optional columns
 * (time, watch ratio, rating) are kept only when every row has them.
 */
export class InteractionDatasetBuilder {
  readonly users = new IdIndex();
  readonly items = new IdIndex();
  private readonly itemAttributes: ItemAttributes[] = [];
  private readonly userAttributes: UserAttributes[] = [];
  private readonly user = new Growable((n) => new Int32Array(n));
  private readonly item = new Growable((n) => new Int32Array(n));
  private readonly label = new Growable((n) => new Float32Array(n));
  private readonly timeMs = new Growable((n) => new Float64Array(n));
  private readonly watchRatio = new Growable((n) => new Float32Array(n));
  private readonly rating = new Growable((n) => new Float32Array(n));
  private allTimed = true;
  private allWatched = true;
  private allRated = true;

  get rowCount(): number {
    return this.label.length;
  }

  /** Declares an item (catalogue order) and merges what is known about it. */
  addItem(id: string, attributes: ItemAttributes = {}): number {
    const index = this.items.intern(id);
    this.itemAttributes[index] = { ...this.itemAttributes[index], ...attributes };
    return index;
  }

  addUser(id: string, attributes?: UserAttributes): number {
    const index = this.users.intern(id);
    if (attributes) this.userAttributes[index] = { ...this.userAttributes[index], ...attributes };
    return index;
  }

  /** Appends one interaction and returns its row index. */
  add(row: InteractionRow): number {
    this.user.push(this.users.intern(row.user));
    this.item.push(this.addItemIfNew(row.item));
    this.label.push(row.label);
    this.allTimed = this.pushOptional(this.timeMs, row.timeMs, this.allTimed);
    this.allWatched = this.pushOptional(this.watchRatio, row.watchRatio, this.allWatched);
    this.allRated = this.pushOptional(this.rating, row.rating, this.allRated);
    return this.label.length - 1;
  }

  build(name: string, source: string, predefinedSplit?: InteractionSplit): InteractionDataset {
    const rows = this.rowCount;
    const interactions: InteractionColumns = { user: this.user.finish(), item: this.item.finish(), label: this.label.finish() };
    if (rows > 0 && this.allTimed) interactions.timeMs = this.timeMs.finish();
    if (rows > 0 && this.allWatched) interactions.watchRatio = this.watchRatio.finish();
    if (rows > 0 && this.allRated) interactions.rating = this.rating.finish();
    const items = Array.from({ length: this.items.size }, (_, i) => this.itemAttributes[i] ?? {});
    const dataset: InteractionDataset = { name, source, userIds: this.users.ids, itemIds: this.items.ids, items, interactions };
    if (this.userAttributes.length > 0) dataset.users = Array.from({ length: this.users.size }, (_, u) => this.userAttributes[u] ?? {});
    if (predefinedSplit) dataset.predefinedSplit = predefinedSplit;
    return dataset;
  }

  private addItemIfNew(id: string): number {
    const known = this.items.get(id);
    return known ?? this.addItem(id);
  }

  private pushOptional(column: Growable<Float32Array | Float64Array>, value: number | undefined, allSoFar: boolean): boolean {
    if (!allSoFar || value === undefined) return false;
    column.push(value);
    return true;
  }
}
