import { affinityHalfLives, decayedField, layout } from '../state-layout';
import type { CounterColumns } from './counter-columns';

/**
 * The user-counter numbers of creator affinity fields (`ac.<halfLife>.<epoch>.<creatorId>`) per
 * creator slot and affinity half-life, for the epoch last used: the direct path adds to a creator's
 * affinity without building, looking up or hashing a field name (epochs change rarely).
 */
export class CreatorAffinityFields {
  private epochs = affinityHalfLives.map(() => new Float64Array(1024).fill(NaN));
  private numbers = affinityHalfLives.map(() => new Int32Array(1024));

  /** The number of creator `creatorId`'s (in `creatorSlot`) field for `affinityHalfLives[h]` and `epoch` in the users' `counters`. */
  numberOf(counters: CounterColumns, creatorSlot: number, creatorId: string, h: number, epoch: number): number {
    if (creatorSlot >= this.epochs[0]!.length) this.grow(creatorSlot + 1);
    const epochs = this.epochs[h]!;
    const numbers = this.numbers[h]!;
    if (epochs[creatorSlot] === epoch) return numbers[creatorSlot]!;
    const number = counters.otherFieldNumber(decayedField(layout.creatorAffinityPrefix, affinityHalfLives[h]!, epoch, creatorId));
    epochs[creatorSlot] = epoch;
    numbers[creatorSlot] = number;
    return number;
  }

  /** Forgets every number (the counters were cleared). */
  clear(): void {
    for (const epochs of this.epochs) epochs.fill(NaN);
  }

  private grow(slots: number): void {
    let length = this.epochs[0]!.length * 2;
    while (length < slots) length *= 2;
    this.epochs = this.epochs.map((old) => {
      const grown = new Float64Array(length).fill(NaN);
      grown.set(old);
      return grown;
    });
    this.numbers = this.numbers.map((old) => {
      const grown = new Int32Array(length);
      grown.set(old);
      return grown;
    });
  }
}
