import { affinityHalfLives, decayedField, layout } from '../state-layout';
import { CounterColumns } from './counter-columns';
import { CreatorAffinityFields } from './creator-affinity-fields';

const fieldOf = (h: number, epoch: number, creatorId: string) => decayedField(layout.creatorAffinityPrefix, affinityHalfLives[h]!, epoch, creatorId);

describe('CreatorAffinityFields', () => {
  it('gives the counters’ number of the creator’s affinity field for each half-life and epoch, across many creators', () => {
    const counters = new CounterColumns();
    const fields = new CreatorAffinityFields();
    for (const epoch of [7, 7, 8, 7]) {
      for (let slot = 0; slot < 3000; slot += 7) {
        for (let h = 0; h < affinityHalfLives.length; h++) {
          expect(fields.numberOf(counters, slot, `c${slot}`, h, epoch)).toBe(counters.otherFieldNumber(fieldOf(h, epoch, `c${slot}`)));
        }
      }
    }
  });

  it('adds to the same counter as adding by field name', () => {
    const byNumber = new CounterColumns();
    const byName = new CounterColumns();
    const fields = new CreatorAffinityFields();
    byNumber.addOtherNumbered(0, fields.numberOf(byNumber, 5, 'c5', 0, 3), 1.5);
    byName.addOther(0, fieldOf(0, 3, 'c5'), 1.5);
    expect(byNumber.record(0)).toEqual(byName.record(0));
  });

  it('forgets the numbers once cleared (the counters renumber their fields)', () => {
    const counters = new CounterColumns();
    const fields = new CreatorAffinityFields();
    counters.otherFieldNumber('x');
    fields.numberOf(counters, 0, 'c0', 0, 1);
    counters.clear();
    fields.clear();
    expect(fields.numberOf(counters, 0, 'c0', 0, 1)).toBe(0);
  });
});
