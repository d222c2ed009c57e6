import { InteractionDataset, isPositiveLabel } from '../data/interaction-dataset';
import { SeededRandom } from './seeded-random';

/**
 * Each user's positive items among some rows, newest first when the data has timestamps (row
 * order otherwise): the histories the user tower pools, in training and when scoring.
 */
export class UserHistories {
  private constructor(
    /** By user index: item indices, newest first. */
    readonly items: readonly Int32Array[],
    readonly ordered: boolean,
  ) {}

  static fromRows(dataset: InteractionDataset, rows: Int32Array): UserHistories {
    const { user, item, label, timeMs } = dataset.interactions;
    const lists: number[][] = dataset.userIds.map(() => []);
    const positives = Array.from(rows).filter((r) => isPositiveLabel(label[r]!));
    if (timeMs) positives.sort((a, b) => timeMs[b]! - timeMs[a]! || b - a);
    for (const r of positives) lists[user[r]!]!.push(item[r]!);
    return new UserHistories(
      lists.map((list) => Int32Array.from(list)),
      timeMs !== undefined,
    );
  }

  /** The user's most recent `length` positives (the first `length` in row order without time). */
  recent(user: number, length: number): Int32Array {
    return this.items[user]!.subarray(0, length);
  }

  /**
   * A training history for a positive (user, item): the user's other positives, the target left
   * out so the model cannot learn to find an item in its own history. With timestamps the most
   * recent `length`; without, a fresh random subset each time (the order carries no meaning).
   * `causal` (with timestamps): only the positives before the target.
   */
  trainingHistory(user: number, target: number, length: number, random: SeededRandom, causal = false): number[] {
    const all = this.items[user]!;
    const out: number[] = [];
    if (causal && this.ordered) {
      // Only what came before the target, as at serving time.
      for (let k = all.indexOf(target) + 1; k > 0 && k < all.length && out.length < length; k++) out.push(all[k]!);
      return out;
    }
    if (this.ordered || all.length <= length + 1) {
      for (let k = 0; k < all.length && out.length < length; k++) if (all[k] !== target) out.push(all[k]!);
      return out;
    }
    const others = Array.from(all).filter((i) => i !== target);
    for (let k = 0; k < length; k++) {
      const j = k + random.int(others.length - k);
      const picked = others[j]!;
      others[j] = others[k]!;
      others[k] = picked;
      out.push(picked);
    }
    return out;
  }
}
