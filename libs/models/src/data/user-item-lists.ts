import type { InteractionDataset } from './interaction-dataset';
import { isPositiveLabel } from './interaction-dataset';

/**
 * Each user's distinct items among some rows, in compressed sparse rows: the items of user u are
 * `items[offsets[u] .. offsets[u + 1])`, ascending.
 */
export interface UserItemLists {
  offsets: Int32Array;
  items: Int32Array;
}

export interface UserItemListOptions {
  /** Keep only positive rows (isPositiveLabel). Default false: every row. */
  positivesOnly?: boolean;
}

/** Builds the per-user item lists of `rows` (duplicates of a user-item pair collapse to one). */
export function userItemLists(dataset: InteractionDataset, rows: Int32Array, options: UserItemListOptions = {}): UserItemLists {
  const { user, item, label } = dataset.interactions;
  const userCount = dataset.userIds.length;
  const kept = options.positivesOnly ? rows.filter((r) => isPositiveLabel(label[r]!)) : rows;
  const counts = new Int32Array(userCount + 1);
  for (const r of kept) counts[user[r]! + 1]!++;
  for (let u = 0; u < userCount; u++) counts[u + 1]! += counts[u]!;
  const raw = new Int32Array(kept.length);
  const cursor = counts.slice(0, userCount);
  for (const r of kept) raw[cursor[user[r]!]!++] = item[r]!;

  const offsets = new Int32Array(userCount + 1);
  const items = new Int32Array(kept.length);
  let written = 0;
  for (let u = 0; u < userCount; u++) {
    const own = raw.subarray(counts[u]!, counts[u + 1]!).sort();
    for (let k = 0; k < own.length; k++) if (k === 0 || own[k] !== own[k - 1]) items[written++] = own[k]!;
    offsets[u + 1] = written;
  }
  return { offsets, items: items.slice(0, written) };
}

/** The items of one user (a view, no copy). */
export function itemsOf(lists: UserItemLists, user: number): Int32Array {
  return lists.items.subarray(lists.offsets[user]!, lists.offsets[user + 1]!);
}

/** Union of two users' lists sets, per user (e.g. train and valid rows as one mask). */
export function mergeUserItemLists(a: UserItemLists, b: UserItemLists): UserItemLists {
  const userCount = a.offsets.length - 1;
  const offsets = new Int32Array(userCount + 1);
  const items = new Int32Array(a.items.length + b.items.length);
  let written = 0;
  for (let u = 0; u < userCount; u++) {
    const x = itemsOf(a, u);
    const y = itemsOf(b, u);
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      const next = j >= y.length || (i < x.length && x[i]! <= y[j]!) ? x[i++]! : y[j++]!;
      if (written === offsets[u] || items[written - 1] !== next) items[written++] = next;
    }
    offsets[u + 1] = written;
  }
  return { offsets, items: items.slice(0, written) };
}
