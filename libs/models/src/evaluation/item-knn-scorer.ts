import type { InteractionDataset } from '../data/interaction-dataset';
import { itemsOf, userItemLists, type UserItemLists } from '../data/user-item-lists';
import type { RetrievalScorer } from './retrieval-scorer';

export interface ItemKnnOptions {
  /** Neighbours kept per item (default 100). */
  neighbours?: number;
  /**
   * Added to the cosine denominator (default 0): damps similarities resting on few co-occurrences,
   * which otherwise make rarely seen items everyone's nearest neighbours.
   */
  shrinkage?: number;
}

/** Each item's nearest neighbours in compressed sparse rows, most similar first. */
export interface ItemNeighbours {
  offsets: Int32Array;
  items: Int32Array;
  similarities: Float32Array;
}

/** Users of each item: the transpose of the user → item lists. */
function itemUserLists(byUser: UserItemLists, itemCount: number): UserItemLists {
  const userCount = byUser.offsets.length - 1;
  const offsets = new Int32Array(itemCount + 1);
  for (const i of byUser.items) offsets[i + 1]!++;
  for (let i = 0; i < itemCount; i++) offsets[i + 1]! += offsets[i]!;
  const cursor = offsets.slice(0, itemCount);
  const users = new Int32Array(byUser.items.length);
  for (let u = 0; u < userCount; u++) for (const i of itemsOf(byUser, u)) users[cursor[i]!++] = u;
  return { offsets, items: users };
}

/**
 * Cosine similarity of items over the binary user × item matrix of training positives,
 * sim(i, j) = |U(i) ∩ U(j)| / (sqrt(|U(i)| |U(j)|) + shrinkage), keeping the top `neighbours` per item.
 * Cost Σ_users |positives(u)|², with a dense scratch row reused across items.
 */
export function itemNeighbours(byUser: UserItemLists, itemCount: number, neighbours: number, shrinkage = 0): ItemNeighbours {
  const byItem = itemUserLists(byUser, itemCount);
  const degree = (i: number): number => byItem.offsets[i + 1]! - byItem.offsets[i]!;
  const co = new Float32Array(itemCount);
  const touched = new Int32Array(itemCount);
  const offsets = new Int32Array(itemCount + 1);
  const keptItems: number[] = [];
  const keptSims: number[] = [];
  for (let i = 0; i < itemCount; i++) {
    let touchedCount = 0;
    for (const u of itemsOf(byItem, i)) {
      for (const j of itemsOf(byUser, u)) {
        if (j === i) continue;
        if (co[j] === 0) touched[touchedCount++] = j;
        co[j]!++;
      }
    }
    const candidates = Array.from(touched.subarray(0, touchedCount), (j) => ({ j, sim: co[j]! / (Math.sqrt(degree(i) * degree(j)) + shrinkage) }));
    for (let t = 0; t < touchedCount; t++) co[touched[t]!] = 0;
    candidates.sort((a, b) => b.sim - a.sim || a.j - b.j);
    for (const { j, sim } of candidates.slice(0, neighbours)) {
      keptItems.push(j);
      keptSims.push(sim);
    }
    offsets[i + 1] = keptItems.length;
  }
  return { offsets, items: Int32Array.from(keptItems), similarities: Float32Array.from(keptSims) };
}

/** The first `n` neighbours of each item (lists are most similar first), e.g. to try several n from one build. */
export function truncateNeighbours(neighbours: ItemNeighbours, n: number): ItemNeighbours {
  const itemCount = neighbours.offsets.length - 1;
  const offsets = new Int32Array(itemCount + 1);
  for (let i = 0; i < itemCount; i++) offsets[i + 1] = offsets[i]! + Math.min(n, neighbours.offsets[i + 1]! - neighbours.offsets[i]!);
  const items = new Int32Array(offsets[itemCount]!);
  const similarities = new Float32Array(offsets[itemCount]!);
  for (let i = 0; i < itemCount; i++) {
    const from = neighbours.offsets[i]!;
    const count = offsets[i + 1]! - offsets[i]!;
    items.set(neighbours.items.subarray(from, from + count), offsets[i]!);
    similarities.set(neighbours.similarities.subarray(from, from + count), offsets[i]!);
  }
  return { offsets, items, similarities };
}

/**
 * Item-kNN baseline: a user's score for item j is the sum of sim(p, j) over the user's training
 * positives p that have j among their neighbours.
 */
export class ItemKnnScorer implements RetrievalScorer {
  readonly name = 'item-knn';
  readonly neighbours: ItemNeighbours;
  private readonly positives: UserItemLists;
  private readonly itemCount: number;

  constructor(dataset: InteractionDataset, trainRows: Int32Array, options: ItemKnnOptions | { precomputed: ItemNeighbours } = {}) {
    this.itemCount = dataset.itemIds.length;
    this.positives = userItemLists(dataset, trainRows, { positivesOnly: true });
    this.neighbours =
      'precomputed' in options
        ? options.precomputed
        : itemNeighbours(this.positives, this.itemCount, options.neighbours ?? 100, options.shrinkage ?? 0);
  }

  scoreUsers(users: Int32Array): Float32Array {
    const { offsets, items, similarities } = this.neighbours;
    const scores = new Float32Array(users.length * this.itemCount);
    for (let b = 0; b < users.length; b++) {
      const row = b * this.itemCount;
      for (const p of itemsOf(this.positives, users[b]!)) {
        for (let n = offsets[p]!; n < offsets[p + 1]!; n++) scores[row + items[n]!]! += similarities[n]!;
      }
    }
    return scores;
  }
}
