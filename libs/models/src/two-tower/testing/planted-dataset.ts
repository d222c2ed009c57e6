import type { InteractionDataset } from '../../data/interaction-dataset';
import { SeededRandom } from '../seeded-random';

export interface PlantedDataset {
  dataset: InteractionDataset;
  train: Int32Array;
  test: Int32Array;
  /** Cluster of each user and item index: users mostly like items of their own cluster. */
  userCluster: Int32Array;
  itemCluster: Int32Array;
  creatorsPerCluster: number;
}

/**
 * Users and items in planted clusters: a user's positives come mostly from their cluster, by a
 * within-cluster power-law popularity, the rest from the global popularity. Each item has a
 * creator and a category of its cluster. The last `testPerUser` positives of each user (by time)
 * are the test split; explicit negatives are mixed into the training rows.
 */
export function plantedDataset(options: { users?: number; clusters?: number; itemsPerCluster?: number; positivesPerUser?: number; testPerUser?: number; seed?: number } = {}): PlantedDataset {
  const { users = 400, clusters = 8, itemsPerCluster = 50, positivesPerUser = 24, testPerUser = 4, seed = 3 } = options;
  const random = new SeededRandom(seed);
  const creatorsPerCluster = 5;
  const itemCount = clusters * itemsPerCluster;
  const itemCluster = Int32Array.from({ length: itemCount }, (_, i) => i % clusters);
  const popularity = Float64Array.from({ length: itemCount }, (_, i) => 1 / (1 + Math.floor(i / clusters)));
  const itemIds = Array.from({ length: itemCount }, (_, i) => `item-${i}`);
  const items = itemIds.map((_, i) => ({
    creatorId: `creator-${itemCluster[i]}-${Math.floor(i / clusters) % creatorsPerCluster}`,
    categories: [`topic-${itemCluster[i]}`],
    durationMs: 15_000,
  }));
  const userCluster = Int32Array.from({ length: users }, (_, u) => u % clusters);
  const draw = (weights: Float64Array, allowed: (i: number) => boolean, taken: Set<number>): number => {
    let total = 0;
    for (let i = 0; i < itemCount; i++) if (allowed(i) && !taken.has(i)) total += weights[i]!;
    let x = random.next() * total;
    for (let i = 0; i < itemCount; i++) {
      if (!allowed(i) || taken.has(i)) continue;
      x -= weights[i]!;
      if (x <= 0) return i;
    }
    return itemCount - 1;
  };
  const columns = { user: [] as number[], item: [] as number[], label: [] as number[], timeMs: [] as number[] };
  const train: number[] = [];
  const test: number[] = [];
  for (let u = 0; u < users; u++) {
    const taken = new Set<number>();
    for (let k = 0; k < positivesPerUser; k++) {
      const own = random.next() < 0.85;
      const i = draw(popularity, (j) => !own || itemCluster[j] === userCluster[u], taken);
      taken.add(i);
      (k >= positivesPerUser - testPerUser ? test : train).push(columns.user.length);
      columns.user.push(u);
      columns.item.push(i);
      columns.label.push(1);
      columns.timeMs.push(1_700_000_000_000 + k * 3_600_000);
    }
    for (let k = 0; k < 5; k++) {
      train.push(columns.user.length);
      columns.user.push(u);
      columns.item.push(random.int(itemCount));
      columns.label.push(0);
      columns.timeMs.push(1_700_000_000_000 + k * 7_200_000);
    }
  }
  return {
    dataset: {
      name: 'planted',
      source: `planted:seed=${seed}`,
      userIds: Array.from({ length: users }, (_, u) => `user-${u}`),
      itemIds,
      items,
      interactions: {
        user: Int32Array.from(columns.user),
        item: Int32Array.from(columns.item),
        label: Float32Array.from(columns.label),
        timeMs: Float64Array.from(columns.timeMs),
      },
    },
    train: Int32Array.from(train),
    test: Int32Array.from(test),
    userCluster,
    itemCluster,
    creatorsPerCluster,
  };
}

/** Mean Recall@k over users with test positives, training positives masked (full ranking). */
export function recallAt(k: number, scores: Float32Array, planted: PlantedDataset): number {
  const { dataset } = planted;
  const n = dataset.itemIds.length;
  const { user, item, label } = dataset.interactions;
  const trainItems = dataset.userIds.map(() => new Set<number>());
  for (const r of planted.train) if (label[r]! >= 0.5) trainItems[user[r]!]!.add(item[r]!);
  const testItems = dataset.userIds.map(() => new Set<number>());
  for (const r of planted.test) testItems[user[r]!]!.add(item[r]!);
  let sum = 0;
  let users = 0;
  testItems.forEach((wanted, u) => {
    if (wanted.size === 0) return;
    const ranked = Array.from({ length: n }, (_, i) => i)
      .filter((i) => !trainItems[u]!.has(i))
      .sort((a, b) => scores[u * n + b]! - scores[u * n + a]! || a - b)
      .slice(0, k);
    sum += ranked.filter((i) => wanted.has(i)).length / wanted.size;
    users++;
  });
  return sum / users;
}
