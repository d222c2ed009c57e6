import { IdTimelines } from './id-timelines';
import { MemberNames } from './member-names';
import { seededRandom } from '../../test/support/seeded-random';

/** The reference semantics: a member keeps its latest time, then expiry, then the newest `keep` (ties: greatest member dropped first). */
class NaiveTimeline {
  readonly members = new Map<string, number>();
  add(member: string, timeMs: number, keep: number, expireBeforeMs?: number): void {
    this.members.set(member, Math.max(this.members.get(member) ?? -Infinity, timeMs));
    if (expireBeforeMs !== undefined) for (const [m, t] of this.members) if (t < expireBeforeMs) this.members.delete(m);
    const oldestFirst = [...this.members].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? 1 : -1));
    for (const [m] of oldestFirst.slice(0, Math.max(0, this.members.size - keep))) this.members.delete(m);
  }
  entries(): { member: string; timeMs: number }[] {
    return [...this.members].map(([member, timeMs]) => ({ member, timeMs })).sort((a, b) => b.timeMs - a.timeMs || (a.member < b.member ? -1 : 1));
  }
}

describe('IdTimelines', () => {
  it('keeps the newest members, a member keeping its latest time', () => {
    const timeline = new IdTimelines(new MemberNames());
    for (let i = 0; i < 10; i++) timeline.addName(0, `m${i}`, i * 10, 3);
    timeline.addName(0, 'm8', 5, 3); // an older sighting does not move it back
    expect(timeline.entries(0)).toEqual([
      { member: 'm9', timeMs: 90 },
      { member: 'm8', timeMs: 80 },
      { member: 'm7', timeMs: 70 },
    ]);
  });

  it('ends in the same state whatever the arrival order', () => {
    const writes = Array.from({ length: 40 }, (_, i) => [`m${i % 13}`, (i * 7919) % 97] as const);
    const inOrder = new IdTimelines(new MemberNames());
    for (const [m, t] of [...writes].sort((a, b) => a[1] - b[1])) inOrder.addName(0, m, t, 5, 10);
    const shuffled = new IdTimelines(new MemberNames());
    for (const [m, t] of writes) shuffled.addName(0, m, t, 5, 10);
    expect(shuffled.entries(0)).toEqual(inOrder.entries(0));
  });

  it('drops members older than the expiry horizon, also when the write only refreshes an existing member', () => {
    const timeline = new IdTimelines(new MemberNames());
    timeline.addName(0, 'old', 100, 10);
    timeline.addName(0, 'new', 1_000, 10);
    timeline.addName(0, 'new', 900, 10, 500);
    expect(timeline.entries(0)).toEqual([{ member: 'new', timeMs: 1_000 }]);
  });

  it('places a late write among older members and trims the oldest', () => {
    const timeline = new IdTimelines(new MemberNames());
    for (const [m, t] of [['a', 10], ['b', 20], ['c', 40], ['late', 30], ['older', 5]] as const) timeline.addName(0, m, t, 4);
    expect(timeline.entries(0).map((e) => e.member)).toEqual(['c', 'late', 'b', 'a']);
  });

  it('breaks ties by member: reads list them ascending, trimming drops the greatest first', () => {
    const timeline = new IdTimelines(new MemberNames());
    for (const m of ['b', 'd', 'a', 'c']) timeline.addName(0, m, 7, 3);
    expect(timeline.entries(0).map((e) => e.member)).toEqual(['a', 'b', 'c']);
  });

  it('keeps nothing with keep 0 and starts over cleanly afterwards', () => {
    const timeline = new IdTimelines(new MemberNames());
    timeline.addName(0, 'a', 1, 0);
    expect(timeline.size(0)).toBe(0);
    timeline.addName(0, 'b', 2, 2);
    expect(timeline.entries(0)).toEqual([{ member: 'b', timeMs: 2 }]);
  });

  it('stays bounded over a long in-order stream (entries are compacted, not accumulated)', () => {
    const timeline = new IdTimelines(new MemberNames());
    for (let i = 0; i < 100_000; i++) timeline.addName(0, `m${i % 700}`, i, 500, i - 300);
    expect(timeline.size(0)).toBe(301);
    expect(timeline.capacity(0)).toBeLessThanOrEqual(1024);
    expect(timeline.entries(0)[0]).toEqual({ member: `m${99_999 % 700}`, timeMs: 99_999 });
    expect(timeline.entries(0).at(-1)).toEqual({ member: `m${99_699 % 700}`, timeMs: 99_699 });
  });

  it('keeps exactly the members a naive model keeps, per slot, with late writes, ties, expiry and trimming mixed', () => {
    for (const seed of [1, 2, 3]) {
      const rand = seededRandom(seed);
      const timelines = new IdTimelines(new MemberNames());
      const models = Array.from({ length: 5 }, () => new NaiveTimeline());
      for (let i = 0; i < 4000; i++) {
        // Slots grow at different rates, so blocks move, are freed and reused in between.
        const slot = Math.floor(rand() * rand() * 5);
        const member = `m${Math.floor(rand() * 60)}`;
        // Coarse times, so equal times are common.
        const t = 1_700_000_000_000 + Math.floor(i / 4) * 1000 - (rand() < 0.2 ? Math.floor(rand() * 50) * 1000 : 0);
        const keep = rand() < 0.02 ? Math.floor(rand() * 5) : 25 + slot * 10;
        const expireBefore = rand() < 0.5 ? t - 40_000 : undefined;
        timelines.addName(slot, member, t, keep, expireBefore);
        models[slot]!.add(member, t, keep, expireBefore);
        expect(timelines.entries(slot)).toEqual(models[slot]!.entries());
      }
      models.forEach((model, slot) => expect(timelines.entries(slot)).toEqual(model.entries()));
    }
  });

  it('has no timeline for a slot never written, and an empty one after everything expired', () => {
    const timelines = new IdTimelines(new MemberNames());
    timelines.addName(3, 'a', 10, 5);
    timelines.addName(3, 'b', 1_000, 5, 500);
    timelines.addName(3, 'c', 100, 5, 500);
    expect(timelines.has(2)).toBe(false);
    expect(timelines.entries(2)).toEqual([]);
    expect(timelines.has(3)).toBe(true);
    expect(timelines.entries(3)).toEqual([{ member: 'b', timeMs: 1_000 }]);
    timelines.clear();
    expect(timelines.has(3)).toBe(false);
  });
});
