import { ItemLabels, NO_KEY } from './item-labels';

describe('ItemLabels', () => {
  it('gives each new id the next label and keeps an id on its label', () => {
    const labels = new ItemLabels();
    expect([labels.assign('a'), labels.assign('b'), labels.assign('a')]).toEqual([0, 1, 0]);
    expect(labels.id(1)).toBe('b');
    expect(labels.size).toBe(2);
    expect(labels.issued).toBe(2);
  });

  it('reuses the label of a released id for the next new id', () => {
    const labels = new ItemLabels();
    ['a', 'b', 'c'].forEach((id) => labels.assign(id));
    expect(labels.release('b')).toBe(1);
    expect(labels.release('b')).toBeUndefined();
    expect(labels.id(1)).toBeUndefined();
    expect(labels.label('b')).toBeUndefined();
    expect(labels.assign('d')).toBe(1);
    expect(labels.assign('e')).toBe(3);
    expect(labels.size).toBe(4);
    expect(labels.issued).toBe(4);
  });

  it('round-trips through JSON with its free labels', () => {
    const labels = new ItemLabels();
    ['a', 'b', 'c', 'd'].forEach((id) => labels.assign(id));
    labels.release('b');
    labels.release('d');
    const json = labels.toJSON();
    expect(json).toEqual(['a', null, 'c', null]);
    const restored = ItemLabels.fromJSON(JSON.parse(JSON.stringify(json)) as (string | null)[]);
    expect(restored.size).toBe(2);
    expect(restored.label('c')).toBe(2);
    expect([restored.assign('x'), restored.assign('y'), restored.assign('z')]).toEqual([1, 3, 4]);
  });

  it('keeps a key with its label, clears it on release, and never hands it to the id that reuses the label', () => {
    const labels = new ItemLabels();
    expect([labels.assign('a', 10), labels.assign('b', 11), labels.assign('c')]).toEqual([0, 1, 2]);
    expect([labels.key(0), labels.key(1), labels.key(2), labels.key(99)]).toEqual([10, 11, NO_KEY, NO_KEY]);
    labels.assign('a');
    expect(labels.key(0)).toBe(10);
    labels.assign('a', 12);
    expect(labels.key(0)).toBe(12);
    expect(labels.setKey('c', 13)).toBe(true);
    expect(labels.setKey('nobody', 14)).toBe(false);
    expect(labels.key(2)).toBe(13);

    labels.release('b');
    expect(labels.key(1)).toBe(NO_KEY);
    expect(labels.assign('d')).toBe(1);
    expect(labels.key(1)).toBe(NO_KEY);
    labels.release('d');
    expect(labels.assign('e', 15)).toBe(1);
    expect(labels.key(1)).toBe(15);
    expect(() => labels.assign('f', 1.5)).toThrow('label key');
    expect(() => labels.setKey('a', -2)).toThrow('label key');
    expect(labels.label('f')).toBeUndefined();
  });

  it('keeps keys past its first thousand labels', () => {
    const labels = new ItemLabels();
    for (let i = 0; i < 3_000; i++) labels.assign(`i${i}`, i % 7 === 0 ? undefined : 2 * i);
    for (let i = 0; i < 3_000; i += 13) expect(labels.key(i)).toBe(i % 7 === 0 ? NO_KEY : 2 * i);
  });

  it('rejects an id map that gives one id two labels', () => {
    expect(() => ItemLabels.fromJSON(['a', 'b', 'a'])).toThrow('two labels');
  });
});
