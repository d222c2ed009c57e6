import { IdIndex, InteractionDatasetBuilder } from './dataset-builder';

describe('IdIndex', () => {
  it('gives dense indices in first-seen order and the same index to a repeated id', () => {
    const index = new IdIndex();
    expect([index.intern('b'), index.intern('a'), index.intern('b')]).toEqual([0, 1, 0]);
    expect(index.ids).toEqual(['b', 'a']);
    expect(index.get('a')).toBe(1);
    expect(index.get('z')).toBeUndefined();
  });
});

describe('InteractionDatasetBuilder', () => {
  it('builds columns row for row, items in declaration order before first use', () => {
    const builder = new InteractionDatasetBuilder();
    builder.addItem('i9', { title: 'Nine' });
    builder.add({ user: 'u1', item: 'i3', label: 1, timeMs: 30, rating: 5 });
    builder.add({ user: 'u2', item: 'i9', label: 0, timeMs: 10, rating: 2 });
    builder.add({ user: 'u1', item: 'i9', label: 1, timeMs: 20, rating: 4 });
    const dataset = builder.build('t', 'memory');
    expect(dataset.itemIds).toEqual(['i9', 'i3']);
    expect(dataset.userIds).toEqual(['u1', 'u2']);
    expect(Array.from(dataset.interactions.user)).toEqual([0, 1, 0]);
    expect(Array.from(dataset.interactions.item)).toEqual([1, 0, 0]);
    expect(Array.from(dataset.interactions.label)).toEqual([1, 0, 1]);
    expect(Array.from(dataset.interactions.timeMs!)).toEqual([30, 10, 20]);
    expect(Array.from(dataset.interactions.rating!)).toEqual([5, 2, 4]);
    expect(dataset.interactions.watchRatio).toBeUndefined();
    expect(dataset.items).toEqual([{ title: 'Nine' }, {}]);
    expect(dataset.users).toBeUndefined();
  });

  it('drops an optional column that some rows lack', () => {
    const builder = new InteractionDatasetBuilder();
    builder.add({ user: 'u', item: 'a', label: 1, timeMs: 1 });
    builder.add({ user: 'u', item: 'b', label: 1 });
    expect(builder.build('t', 'memory').interactions.timeMs).toBeUndefined();
  });

  it('grows past its initial capacity without losing rows', () => {
    const builder = new InteractionDatasetBuilder();
    for (let r = 0; r < 5000; r++) builder.add({ user: `u${r % 7}`, item: `i${r % 13}`, label: r % 2, timeMs: r });
    const { interactions } = builder.build('t', 'memory');
    expect(interactions.label.length).toBe(5000);
    expect(interactions.timeMs![4999]).toBe(4999);
    expect(interactions.user[4999]).toBe(4999 % 7);
  });

  it('merges attributes given for the same item or user twice', () => {
    const builder = new InteractionDatasetBuilder();
    builder.addItem('i', { creatorId: 'c' });
    builder.addItem('i', { durationMs: 5 });
    builder.addUser('u', { country: 'FR' });
    const dataset = builder.build('t', 'memory');
    expect(dataset.items[0]).toEqual({ creatorId: 'c', durationMs: 5 });
    expect(dataset.users).toEqual([{ country: 'FR' }]);
  });
});
