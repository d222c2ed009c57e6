import { DedupeWindow, splitDuplicates } from './dedupe-window';

describe('DedupeWindow', () => {
  it('reports first sightings and duplicates', () => {
    const w = new DedupeWindow({ maxEntries: 10 });
    expect(w.add('a')).toBe(true);
    expect(w.add('b')).toBe(true);
    expect(w.add('a')).toBe(false);
    expect(w.has('b')).toBe(true);
    expect(w.size).toBe(2);
  });

  it('forgets the oldest ids beyond maxEntries', () => {
    const w = new DedupeWindow({ maxEntries: 2 });
    w.add('a');
    w.add('b');
    w.add('c');
    expect(w.has('a')).toBe(false);
    expect(w.has('b')).toBe(true);
    expect(w.has('c')).toBe(true);
    expect(w.add('a')).toBe(true); // forgotten, so seen as new again
  });

  it('forgets ids older than ttlMs', () => {
    let now = 1000;
    const w = new DedupeWindow({ maxEntries: 100, ttlMs: 50, now: () => now });
    w.add('a');
    now = 1030;
    w.add('b');
    expect(w.add('a')).toBe(false);
    now = 1051;
    expect(w.has('a')).toBe(false);
    expect(w.has('b')).toBe(true);
    now = 1081;
    expect(w.size).toBe(0);
  });

  it('can forget an id whose apply failed', () => {
    const w = new DedupeWindow({ maxEntries: 5 });
    w.add('a');
    expect(w.delete('a')).toBe(true);
    expect(w.add('a')).toBe(true);
  });

  it('rejects nonsense bounds', () => {
    expect(() => new DedupeWindow({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => new DedupeWindow({ maxEntries: 5, ttlMs: 0 })).toThrow(RangeError);
  });
});

describe('splitDuplicates', () => {
  it('splits by id, catching repeats inside the batch and across batches, keeping order', () => {
    const w = new DedupeWindow({ maxEntries: 100 });
    const first = splitDuplicates([{ id: '1' }, { id: '2' }, { id: '1' }], (x) => x.id, w);
    expect(first.fresh.map((x) => x.id)).toEqual(['1', '2']);
    expect(first.duplicates.map((x) => x.id)).toEqual(['1']);
    const second = splitDuplicates([{ id: '3' }, { id: '2' }], (x) => x.id, w);
    expect(second.fresh.map((x) => x.id)).toEqual(['3']);
    expect(second.duplicates.map((x) => x.id)).toEqual(['2']);
  });
});
