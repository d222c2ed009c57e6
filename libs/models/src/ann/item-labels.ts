/**
 * Item ids ↔ the integer labels hnswlib stores. A removed item's label goes on a free list and
 * the next new item takes it, so the index reuses the removed element's slot instead of growing
 * (what hnswlib's replaceDeleted does, but with the mapping known here rather than inside the
 * library).
 */
export class ItemLabels {
  private readonly labelById = new Map<string, number>();
  /** Indexed by label; undefined where the label is free. */
  private readonly idByLabel: (string | undefined)[] = [];
  private readonly freeLabels: number[] = [];

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

  /** The item's label: its current one, else a free one, else a new one. */
  assign(id: string): number {
    const existing = this.labelById.get(id);
    if (existing !== undefined) return existing;
    const label = this.freeLabels.pop() ?? this.idByLabel.length;
    this.labelById.set(id, label);
    this.idByLabel[label] = id;
    return label;
  }

  /** Frees the item's label and returns it (undefined for an unknown id). */
  release(id: string): number | undefined {
    const label = this.labelById.get(id);
    if (label === undefined) return undefined;
    this.labelById.delete(id);
    this.idByLabel[label] = undefined;
    this.freeLabels.push(label);
    return label;
  }

  /** Ids by label, null for free labels. */
  toJSON(): (string | null)[] {
    return Array.from(this.idByLabel, (id) => id ?? null);
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
