import { AppliedIdTable } from './applied-id-table';
import { DedupeGate } from './dedupe-gate';
import { EntityTable } from './entity-table';
import { MemberNames } from './member-names';
import { hashA, hashB } from './string-hash';
import { seededRandom } from '../../test/support/seeded-random';

/** The smallest power of two ≥ n. */
const pow2 = (n: number) => 2 ** Math.ceil(Math.log2(n));

describe('AppliedIdTable', () => {
  it('returns the clock an id was remembered at, per entity, and NaN for others', () => {
    const table = new AppliedIdTable({ windowMs: 100 });
    table.remember(3, 11, 12, 50);
    table.remember(4, 11, 12, 60);
    expect(table.clockOf(3, 11, 12)).toBe(50);
    expect(table.clockOf(4, 11, 12)).toBe(60);
    expect(table.clockOf(5, 11, 12)).toBeNaN();
    expect(table.clockOf(3, 11, 13)).toBeNaN();
    table.remember(3, 11, 12, 70); // re-remembered later: the newer clock replaces the older
    expect(table.clockOf(3, 11, 12)).toBe(70);
    expect(table.size).toBe(2);
  });

  it('keeps the ids within the window across a rotation and forgets those older than it after the next', () => {
    const table = new AppliedIdTable({ windowMs: 100, maxIds: 1_000_000 });
    table.remember(0, 1, 1, 0);
    table.remember(0, 2, 2, 50);
    table.remember(0, 3, 3, 101); // 101 past the generation's first id: rotates, the older ids go to the previous generation
    expect([table.clockOf(0, 1, 1), table.clockOf(0, 2, 2), table.clockOf(0, 3, 3)]).toEqual([0, 50, 101]);
    table.remember(0, 4, 4, 150);
    table.remember(1, 5, 5, 202); // 101 past the current generation's first id: drops the previous one
    expect(table.clockOf(0, 1, 1)).toBeNaN();
    expect(table.clockOf(0, 2, 2)).toBeNaN();
    expect([table.clockOf(0, 3, 3), table.clockOf(0, 4, 4), table.clockOf(1, 5, 5)]).toEqual([101, 150, 202]);
    expect(table.forgottenEarly).toBe(0);
    expect(table.effectiveWindowMs).toBe(100);
  });

  it('keeps every id for the window on the table clock and about two windows at most, without the cap', () => {
    const random = seededRandom(7);
    const windowMs = 1_000;
    const table = new AppliedIdTable({ windowMs, maxIds: 10_000_000 });
    const clocks: number[] = [];
    let clock = 0;
    let maxStep = 0;
    for (let i = 0; i < 60_000; i++) {
      const step = random() < 0.01 ? Math.floor(random() * 300) : random() < 0.5 ? 1 : 0;
      maxStep = Math.max(maxStep, step);
      clock += step;
      table.remember(i % 37, i, ~i, clock);
      clocks.push(clock);
      if (i % 4999 === 0) {
        const wrong: number[] = [];
        for (let j = 0; j <= i; j++) {
          const found = table.clockOf(j % 37, j, ~j);
          if (clocks[j]! >= clock - windowMs ? found !== clocks[j] : clocks[j]! < clock - 2 * windowMs - 2 * maxStep && !Number.isNaN(found)) wrong.push(j);
        }
        expect({ i, wrong }).toEqual({ i, wrong: [] });
      }
    }
    expect(table.size).toBeLessThan(clocks.filter((c) => c >= clock - 2 * windowMs - 2 * maxStep).length + 1);
    expect(table.forgottenEarly).toBe(0);
  });

  it('holds at most maxIds ids in bounded arrays, forgetting the oldest first', () => {
    const maxIds = 1_000;
    const table = new AppliedIdTable({ windowMs: Infinity, maxIds });
    const bound = 2 * pow2(maxIds);
    const total = 50_000;
    let maxSize = 0;
    let maxCapacity = 0;
    for (let i = 0; i < total; i++) {
      table.remember(i % 10, hashA(`id${i}`), hashB(`id${i}`), i);
      maxSize = Math.max(maxSize, table.size);
      maxCapacity = Math.max(maxCapacity, table.capacity);
    }
    expect(maxSize).toBe(maxIds);
    expect(maxCapacity).toBeLessThanOrEqual(bound);
    // The newest half of the cap is always remembered, and nothing from before the last two generations.
    const clockOf = (i: number) => table.clockOf(i % 10, hashA(`id${i}`), hashB(`id${i}`));
    const recent = Array.from({ length: maxIds / 2 }, (_, k) => total - maxIds / 2 + k);
    expect(recent.map(clockOf)).toEqual(recent);
    expect(Array.from({ length: total - maxIds }, (_, i) => clockOf(i)).filter((c) => !Number.isNaN(c))).toEqual([]);
    // The cap shrank the window to about one generation's span, and says how many it dropped early.
    expect(table.effectiveWindowMs).toBe(maxIds / 2);
    expect(table.forgottenEarly).toBe(total - table.size);
  });

  it('grows a generation into larger arrays a few slots per new id, finding every id meanwhile', () => {
    const table = new AppliedIdTable({ windowMs: Infinity, maxIds: 1_000_000 });
    const initial = table.capacity;
    const wrong: number[] = [];
    const capacities: number[] = [];
    for (let i = 0; i < 3 * initial; i++) {
      table.remember(i % 5, i, -i, i);
      capacities.push(table.capacity);
      if (table.capacity === 3 * initial && capacities.at(-2) !== 3 * initial) {
        // The move has just begun: ids remembered again (still in the outgrown arrays or not) keep their single entry, with the newer clock.
        for (let j = 0; j < 100; j++) table.remember(j % 5, j, -j, j + 0.5);
        expect(table.size).toBe(i + 1);
        expect(Array.from({ length: 100 }, (_, j) => table.clockOf(j % 5, j, -j))).toEqual(Array.from({ length: 100 }, (_, j) => j + 0.5));
        for (let j = 0; j < 100; j++) table.remember(j % 5, j, -j, j);
      }
      for (let j = i; j >= 0; j -= 1 + (j % 7)) if (table.clockOf(j % 5, j, -j) !== j) wrong.push(j);
    }
    expect(wrong).toEqual([]);
    // While the first growth moves the entries, the outgrown arrays and the larger ones coexist for a while, then the outgrown go.
    const moving = capacities.filter((c) => c === initial + 2 * initial).length;
    expect(moving).toBeGreaterThan(initial / 16);
    expect(moving).toBeLessThan(initial / 2);
    expect(capacities.at(-1)).toBe(8 * initial);
    expect(table.size).toBe(3 * initial);
  });

  it('forgets everything on clear and starts small again', () => {
    const table = new AppliedIdTable({ windowMs: 10, maxIds: 100_000 });
    for (let i = 0; i < 20_000; i++) table.remember(i % 3, i, i, 0);
    const grown = table.capacity;
    table.clear();
    expect(table.size).toBe(0);
    expect(table.capacity).toBeLessThan(grown);
    expect(Array.from({ length: 20_000 }, (_, i) => table.clockOf(i % 3, i, i)).filter((c) => !Number.isNaN(c))).toEqual([]);
    table.remember(1, 1, 1, 5);
    expect(table.clockOf(1, 1, 1)).toBe(5);
  });

  it('rejects a cap below two ids', () => {
    expect(() => new AppliedIdTable({ maxIds: 1 })).toThrow(RangeError);
  });
});

describe('DedupeGate with the generational table, against a map of every applied id', () => {
  /**
   * Rounds of the stream: every entity first gets a fresh event at the round's time (so every entity
   * clock is the table clock when copies arrive), then late events and copies of earlier events
   * (redeliveries), some soon after the original and some far past the window. Without cap pressure
   * the gate must decide exactly as the per-entity reference does.
   */
  it.each([
    ['a window many rotations shorter than the stream', 500, 600],
    ['an infinite window', Infinity, 300],
  ])('makes the same duplicate decisions, with %s', (_name, windowMs, rounds) => {
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      const entityCount = 40;
      const gate = new DedupeGate(windowMs);
      const table = new EntityTable(new MemberNames());
      table.appliedIds.configure({ windowMs, maxIds: 10_000_000 });
      const slots = Array.from({ length: entityCount }, (_, e) => table.slotOf(`e${e}`));

      const applied = new Map<string, number>(); // "entity id" → entity clock when applied
      const newest = new Array<number>(entityCount).fill(-Infinity);
      const sent: { entity: number; id: string; timeMs: number }[] = [];
      const mismatches: unknown[] = [];
      let duplicates = 0;
      let decisions = 0;

      const deliver = (entity: number, id: string, timeMs: number) => {
        const key = `${entity} ${id}`;
        const clock = applied.get(key);
        const expected = clock !== undefined && clock >= newest[entity]! - windowMs;
        const slot = slots[entity]!;
        const a = hashA(id);
        const b = hashB(id);
        const actual = gate.isRepeat(table, slot, a, b, -1, 0);
        if (actual !== expected) mismatches.push({ entity, id, timeMs, expected });
        decisions++;
        if (actual) {
          duplicates++;
          return;
        }
        gate.markApplied(table, slot, a, b, timeMs, -1, 0);
        newest[entity] = Math.max(newest[entity]!, timeMs);
        applied.set(key, newest[entity]!);
        sent.push({ entity, id, timeMs });
      };

      let next = 0;
      for (let round = 0; round < rounds; round++) {
        const now = round * 10;
        for (let e = 0; e < entityCount; e++) deliver(e, `f${next++}`, now);
        for (let k = 0; k < 60; k++) {
          const r = random();
          if (r < 0.3) {
            deliver(Math.floor(random() * entityCount), `l${next++}`, now - Math.floor(random() * 3 * 500)); // late event
          } else if (sent.length > 0) {
            // A copy of an earlier event: mostly recent ones, some from anywhere in the stream.
            const back = r < 0.8 ? Math.floor(random() * Math.min(sent.length, 2_000)) : Math.floor(random() * sent.length);
            const original = sent[sent.length - 1 - back]!;
            deliver(original.entity, original.id, original.timeMs);
          }
        }
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
      expect(decisions).toBeGreaterThan(10_000);
      expect(duplicates).toBeGreaterThan(1_000);
      expect(duplicates).toBeLessThan(decisions - rounds * entityCount);
      if (Number.isFinite(windowMs)) expect(table.appliedIds.size).toBeLessThan(applied.size / 2); // generations were retired
      expect(table.appliedIds.forgottenEarly).toBe(0);
    }
  });
});
