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
});
