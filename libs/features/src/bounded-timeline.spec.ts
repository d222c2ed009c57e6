import { BoundedTimeline } from './bounded-timeline';

describe('BoundedTimeline', () => {
  it('keeps the newest members, a member keeping its latest time', () => {
    const timeline = new BoundedTimeline();
    for (let i = 0; i < 10; i++) timeline.add(`m${i}`, i * 10, 3);
    timeline.add('m8', 5, 3); // an older sighting does not move it back
    expect(timeline.entries()).toEqual([
      { member: 'm9', timeMs: 90 },
      { member: 'm8', timeMs: 80 },
      { member: 'm7', timeMs: 70 },
    ]);
  });

  it('ends in the same state whatever the arrival order', () => {
    const writes = Array.from({ length: 40 }, (_, i) => [`m${i % 13}`, (i * 7919) % 97] as const);
    const inOrder = new BoundedTimeline();
    for (const [m, t] of [...writes].sort((a, b) => a[1] - b[1])) inOrder.add(m, t, 5, 10);
    const shuffled = new BoundedTimeline();
    for (const [m, t] of writes) shuffled.add(m, t, 5, 10);
    expect(shuffled.entries()).toEqual(inOrder.entries());
  });

  it('drops members older than the expiry horizon', () => {
    const timeline = new BoundedTimeline();
    timeline.add('old', 100, 10);
    timeline.add('new', 1_000, 10, 500);
    expect(timeline.entries().map((e) => e.member)).toEqual(['new']);
  });

  it('keeps exactly the members a naive model keeps, with late writes, expiry and trimming mixed', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const timeline = new BoundedTimeline();
    const model = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const member = `m${Math.floor(rand() * 60)}`;
      const t = 1_700_000_000_000 + i * 1000 - (rand() < 0.2 ? Math.floor(rand() * 50_000) : 0);
      const expireBefore = t - 40_000;
      timeline.add(member, t, 25, expireBefore);
      model.set(member, Math.max(model.get(member) ?? -Infinity, t));
      for (const [m, mt] of model) if (mt < expireBefore) model.delete(m);
      if (model.size > 25) {
        const sorted = [...model].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? 1 : -1));
        for (const [m] of sorted.slice(0, model.size - 25)) model.delete(m);
      }
      const members = timeline.entries();
      expect(new Map(members.map((e) => [e.member, e.timeMs]))).toEqual(model);
    }
  });
});
