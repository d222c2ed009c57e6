import { readDecayed } from '../entity-views';
import { layout } from '../state-layout';
import { CounterColumns } from './counter-columns';
import { seededRandom } from '../../test/support/seeded-random';

/** decayedSignals, hasAny and other give what the same reads of record(slot) give, to the bit. */
function expectDirectReadsToMatchRecord(columns: CounterColumns, slot: number, nowMs: number): void {
  const record = columns.record(slot);
  const fromRecord = readDecayed(record, layout.counterPrefix, nowMs);
  const direct = columns.decayedSignals(slot, nowMs);
  for (let s = 0; s < 64; s++) expect(direct.at(s)).toBe(fromRecord.at(s));
  expect(columns.hasAny(slot)).toBe(Object.keys(record).length > 0);
  for (const field of ['followers', 'x', 'ac.1h.100.c1']) expect(columns.other(slot, field)).toBe(record[field]);
}

describe('CounterColumns', () => {
  it('holds the same counters as a plain map under adds and deletes spread over many epochs', () => {
    const rand = seededRandom(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    // Signal counters over 12 epochs (cells hold 4), plus names that only look like them.
    const fields = [
      ...['like', 'impression', 'watch_ratio'].flatMap((s) => ['1h', '1d', '7d'].flatMap((h) => Array.from({ length: 12 }, (_, e) => `n.${h}.${100 + e}.${s}`))),
      'n.1h.1e2.like',
      'n.1h.0100.like',
      'n.2h.100.like',
      'n.1h.100.nope',
      'ac.1h.100.c1',
      'followers',
      'x',
    ];
    const columns = new CounterColumns();
    columns.ensureCapacity(3);
    const expected = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
    for (let n = 0; n < 20_000; n++) {
      const slot = Math.floor(rand() * 3);
      const field = pick(fields);
      const model = expected[slot]!;
      if (rand() < 0.6) {
        const amount = rand() * 10 - 2;
        columns.add(slot, field, amount);
        model.set(field, (model.get(field) ?? 0) + amount);
      } else {
        columns.delete(slot, field);
        model.delete(field);
      }
      if (n % 500 === 0) {
        for (let s = 0; s < 3; s++) {
          expect(columns.record(s)).toEqual(Object.fromEntries(expected[s]!));
          expectDirectReadsToMatchRecord(columns, s, 110 * 20 * 3_600_000 + n * 60_000);
        }
      }
    }
    for (let s = 0; s < 3; s++) expect(columns.record(s)).toEqual(Object.fromEntries(expected[s]!));
  });

  it('reads nothing for an entity without counters', () => {
    const columns = new CounterColumns();
    columns.ensureCapacity(1);
    columns.delete(0, 'n.1h.5.like');
    expect(columns.record(0)).toEqual({});
  });
});
