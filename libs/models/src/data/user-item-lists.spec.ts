import { InteractionDatasetBuilder } from './dataset-builder';
import { itemsOf, mergeUserItemLists, userItemLists } from './user-item-lists';

function dataset() {
  const builder = new InteractionDatasetBuilder();
  for (const id of ['a', 'b', 'c', 'd']) builder.addItem(id);
  builder.add({ user: 'u0', item: 'c', label: 1 }); // row 0
  builder.add({ user: 'u1', item: 'a', label: 0 }); // row 1
  builder.add({ user: 'u0', item: 'a', label: 1 }); // row 2
  builder.add({ user: 'u0', item: 'c', label: 1 }); // row 3, repeated pair
  builder.add({ user: 'u1', item: 'd', label: 1 }); // row 4
  builder.add({ user: 'u0', item: 'b', label: 0 }); // row 5
  return builder.build('t', 'memory');
}

describe('userItemLists', () => {
  it('lists each user’s distinct items ascending, from the given rows only', () => {
    const lists = userItemLists(dataset(), Int32Array.from([0, 1, 2, 3, 5]));
    expect(Array.from(itemsOf(lists, 0))).toEqual([0, 1, 2]);
    expect(Array.from(itemsOf(lists, 1))).toEqual([0]);
  });

  it('keeps only positive rows when asked', () => {
    const lists = userItemLists(dataset(), Int32Array.from([0, 1, 2, 3, 4, 5]), { positivesOnly: true });
    expect(Array.from(itemsOf(lists, 0))).toEqual([0, 2]);
    expect(Array.from(itemsOf(lists, 1))).toEqual([3]);
  });

  it('merges two lists per user without duplicates', () => {
    const data = dataset();
    const merged = mergeUserItemLists(userItemLists(data, Int32Array.from([0, 1])), userItemLists(data, Int32Array.from([2, 3, 4])));
    expect(Array.from(itemsOf(merged, 0))).toEqual([0, 2]);
    expect(Array.from(itemsOf(merged, 1))).toEqual([0, 3]);
  });
});
