import { ItemLabels } from './item-labels';

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

  it('rejects an id map that gives one id two labels', () => {
    expect(() => ItemLabels.fromJSON(['a', 'b', 'a'])).toThrow('two labels');
  });
});
