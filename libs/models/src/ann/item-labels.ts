/** The key of a label that has none. */
export const NO_KEY = -1;

/** Throws unless `key` can be a label's key: NO_KEY or an integer in [0, 2^31). */
export function checkLabelKey(key: number): void {
  if (!Number.isInteger(key) || key < NO_KEY || key > 0x7fffffff) throw new Error(`a label key must be -1 or an integer in [0, 2^31), got ${key}`);
}

/**
 * Item ids ↔ the integer labels hnswlib stores. A removed item's label goes on a free list and
 * the next new item takes it, so the index reuses the removed element's slot instead of growing
 * (what hnswlib's replaceDeleted does, but with the mapping known here rather than inside the
 * library).
 *
 * Each label may also carry a key: an integer of the caller's (e.g. the item's slot in its own
 * table), so that a search result resolves to the caller's record by array indexing instead of a
 * lookup by id. A key lives and dies with its label: it is set when the id is assigned, and a
 * released label's key is cleared (-1) before the label can be handed to another id. Keys are
 * not saved (they mean something only to the process that set them).
 */
export class ItemLabels {
  private readonly labelById = new Map<string, number>();
  /** Indexed by label; undefined where the label is free. */
  private readonly idByLabel: (string | undefined)[] = [];
  private readonly freeLabels: number[] = [];
  /** Indexed by label; NO_KEY where none is set (free labels included). Grows by doubling. */
  private keyByLabel = new Int32Array(0);

  /** Live items. */
  get size(): number {
    return this.labelById.size;
  }

  /** Labels handed out so far, live or free (the element count of the native index). */
  get issued(): number {
    return this.idByLabel.length;
  }

  label(id: string): number | undefined {
    return this.labelById.get(id);
  }

  id(label: number): string | undefined {
    return this.idByLabel[label];
  }

  /** The key of the id holding `label`, NO_KEY when none is set or the label is free. */
  key(label: number): number {
    return label < this.keyByLabel.length ? this.keyByLabel[label]! : NO_KEY;
  }

  /**
   * The item's label: its current one, else a free one, else a new one. `key`, when given,
   * becomes the label's key; a new label without one has NO_KEY, an existing one keeps its key.
   */
  assign(id: string, key?: number): number {
    if (key !== undefined) checkLabelKey(key);
    const existing = this.labelById.get(id);
    if (existing !== undefined) {
      if (key !== undefined) this.writeKey(existing, key);
      return existing;
    }
    const label = this.freeLabels.pop() ?? this.idByLabel.length;
    this.labelById.set(id, label);
    this.idByLabel[label] = id;
    this.writeKey(label, key ?? NO_KEY);
    return label;
  }

  /**
   * Sets the key of an id that holds a label; false (and nothing set) for an unknown id. The
   * label's id becomes the caller's string (equal, but perhaps another object: one read from a
   * saved index), so that ids found by a search are the caller's own strings and compare with
   * them by reference.
   */
  setKey(id: string, key: number): boolean {
    checkLabelKey(key);
    const label = this.labelById.get(id);
    if (label === undefined) return false;
    this.idByLabel[label] = id;
    this.writeKey(label, key);
    return true;
  }

  /** Frees the item's label, clearing its key, and returns it (undefined for an unknown id). */
  release(id: string): number | undefined {
    const label = this.labelById.get(id);
    if (label === undefined) return undefined;
    this.labelById.delete(id);
    this.idByLabel[label] = undefined;
    if (label < this.keyByLabel.length) this.keyByLabel[label] = NO_KEY;
    this.freeLabels.push(label);
    return label;
  }

  /** Ids by label, null for free labels. */
  toJSON(): (string | null)[] {
    return Array.from(this.idByLabel, (id) => id ?? null);
  }

  private writeKey(label: number, key: number): void {
    if (label >= this.keyByLabel.length) {
      if (key === NO_KEY) return;
      const grown = new Int32Array(Math.max(1_024, this.keyByLabel.length * 2, label + 1)).fill(NO_KEY);
      grown.set(this.keyByLabel);
      this.keyByLabel = grown;
    }
    this.keyByLabel[label] = key;
  }

  static fromJSON(idsByLabel: readonly (string | null)[]): ItemLabels {
    const labels = new ItemLabels();
    idsByLabel.forEach((id, label) => {
      if (id === null) {
        labels.idByLabel[label] = undefined;
        labels.freeLabels.push(label);
      } else {
        if (labels.labelById.has(id)) throw new Error(`item id ${JSON.stringify(id)} has two labels (${labels.labelById.get(id)} and ${label})`);
        labels.labelById.set(id, label);
        labels.idByLabel[label] = id;
      }
    });
    labels.freeLabels.reverse(); // lowest free label is reused first, as before saving
    return labels;
  }
}
