import { affinityHalfLives, decayedField, layout } from '../state-layout';
import type { CounterColumns } from './counter-columns';
import type { Register } from './entity-table';
import { itemCategories } from './item-categories';

const categoriesRegister = layout.attribute('categories');

/** One item's categories and, per affinity half-life, their affinity field numbers at the epoch last used. */
export interface ItemCategoryFields {
  /** The categories register they were read from (replaced on every change, so a new one means re-read). */
  register: Register | undefined;
  categories: readonly string[];
  epochs: number[];
  numbers: number[][];
}

/**
 * The user-counter numbers of category affinity fields (`ak.<halfLife>.<epoch>.<category>`) of each
 * item's categories, per item slot: the direct path adds to category affinities without parsing the
 * register, building field names or looking them up (categories and epochs change rarely).
 */
export class CategoryAffinityFields {
  private byItem: (ItemCategoryFields | undefined)[] = [];

  /** The item's categories (as itemCategories reads them from its registers), with their cached field numbers. */
  of(itemSlot: number, registers: Readonly<Record<string, Register>> | undefined): ItemCategoryFields {
    const register = registers?.[categoriesRegister];
    let entry = this.byItem[itemSlot];
    if (entry === undefined || entry.register !== register) {
      entry = { register, categories: itemCategories(registers), epochs: affinityHalfLives.map(() => NaN), numbers: affinityHalfLives.map(() => []) };
      while (this.byItem.length < itemSlot) this.byItem.push(undefined);
      this.byItem[itemSlot] = entry;
    }
    return entry;
  }

  /** The numbers in the users' `counters` of the entry's category fields for `affinityHalfLives[h]` at `epoch`, in category order. */
  numbers(counters: CounterColumns, entry: ItemCategoryFields, h: number, epoch: number): readonly number[] {
    if (entry.epochs[h] !== epoch) {
      entry.epochs[h] = epoch;
      entry.numbers[h] = entry.categories.map((category) => counters.otherFieldNumber(decayedField(layout.categoryAffinityPrefix, affinityHalfLives[h]!, epoch, category)));
    }
    return entry.numbers[h]!;
  }

  /** Forgets everything (the tables and counters were cleared). */
  clear(): void {
    this.byItem = [];
  }
}
