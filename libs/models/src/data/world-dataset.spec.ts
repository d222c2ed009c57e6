import { EngagementType } from '@cascade/contracts';
import { createWorld } from '@cascade/world';
import { datasetFromWorld } from './world-dataset';

describe('datasetFromWorld', () => {
  const world = createWorld({ preset: 'tiny', seed: 3 });
  const dataset = datasetFromWorld(world, 'world-tiny-seed3');

  it('indexes users and items by world row and carries the items’ attributes', () => {
    expect(dataset.userIds.length).toBe(world.users.count);
    expect(dataset.itemIds.length).toBe(world.items.count);
    expect(dataset.userIds[5]).toBe(world.userAttributes(5).userId);
    expect(dataset.itemIds[7]).toBe(world.itemAttributes(7).itemId);
    expect(dataset.items[7]!.creatorId).toBe(world.itemAttributes(7).creatorId);
    expect(dataset.items[7]!.categories).toEqual(world.itemAttributes(7).categories);
    expect(dataset.items[7]!.embedding?.length).toBe(world.params.embeddingDim);
  });

  it('has one row per shown pair, positive exactly where the stream has a like and no hide', () => {
    const liked = new Set<string>();
    const hidden = new Set<string>();
    const shown = new Set<string>();
    for (const batch of world.engagementEvents()) {
      for (const e of batch) {
        const pair = `${e.userId}:${e.itemId}`;
        shown.add(pair);
        if (e.type === EngagementType.ENGAGEMENT_TYPE_LIKE) liked.add(pair);
        if (e.type === EngagementType.ENGAGEMENT_TYPE_HIDE || e.type === EngagementType.ENGAGEMENT_TYPE_REPORT) hidden.add(pair);
      }
    }
    const { user, item, label } = dataset.interactions;
    expect(label.length).toBe(shown.size);
    let likedRows = 0;
    for (let r = 0; r < label.length; r++) {
      const pair = `${dataset.userIds[user[r]!]}:${dataset.itemIds[item[r]!]}`;
      if (liked.has(pair) && !hidden.has(pair)) {
        likedRows++;
        expect(label[r]).toBe(1);
      }
      if (hidden.has(pair)) expect(label[r]).toBe(0);
    }
    expect(likedRows).toBeGreaterThan(0);
  });
});
