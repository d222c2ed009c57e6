import { affinityHalfLives, decayedField, layout } from '../state-layout';
import { CategoryAffinityFields } from './category-affinity-fields';
import { CounterColumns } from './counter-columns';
import type { Register } from './entity-table';

const categories = layout.attribute('categories');
const registers = (value: string): Record<string, Register> => ({ [categories]: { value, timeMs: 1 } });
const fieldOf = (h: number, epoch: number, category: string) => decayedField(layout.categoryAffinityPrefix, affinityHalfLives[h]!, epoch, category);

describe('CategoryAffinityFields', () => {
  it('reads an item’s categories once per categories register, again when the register is replaced', () => {
    const fields = new CategoryAffinityFields();
    const first = registers('["comedy","pets"]');
    expect(fields.of(3, first).categories).toEqual(['comedy', 'pets']);
    expect(fields.of(3, first)).toBe(fields.of(3, first));
    expect(fields.of(3, registers('["music"]')).categories).toEqual(['music']);
    expect(fields.of(4, undefined).categories).toEqual([]);
    expect(fields.of(5, registers('not json')).categories).toEqual([]);
  });

  it('gives the counters’ numbers of the category fields per half-life and epoch, in category order', () => {
    const counters = new CounterColumns();
    const fields = new CategoryAffinityFields();
    const entry = fields.of(0, registers('["b","a","b"]'));
    for (const epoch of [9, 9, 10]) {
      for (let h = 0; h < affinityHalfLives.length; h++) {
        expect(fields.numbers(counters, entry, h, epoch)).toEqual(['b', 'a', 'b'].map((c) => counters.otherFieldNumber(fieldOf(h, epoch, c))));
      }
    }
  });

  it('forgets everything once cleared', () => {
    const fields = new CategoryAffinityFields();
    const same = registers('["a"]');
    const before = fields.of(0, same);
    fields.clear();
    expect(fields.of(0, same)).not.toBe(before);
  });
});
