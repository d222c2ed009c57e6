import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetPath } from './datasets-dir';
import type { ItemAttributes, UserAttributes } from './interaction-dataset';

/** A catalogue without interactions: item ids and their attributes, row for row. */
export interface ItemSideTable {
  itemIds: string[];
  items: ItemAttributes[];
}

export interface UserSideTable {
  userIds: string[];
  users: UserAttributes[];
}

const FOLDER = 'kuairand-pure-side-features';

function optionalNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** `2022-04-10` → epoch ms (UTC). */
function dateMs(text: string | undefined): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : undefined;
}

/**
 * `video_features_basic_pure.csv`: author → creatorId, tag list → categories, video_duration (ms)
 * → durationMs, upload_dt → createdAtMs (midnight UTC of that day).
 */
export function parseKuaiRandItems(csv: string): ItemSideTable {
  const rows = parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const table: ItemSideTable = { itemIds: [], items: [] };
  for (const row of rows) {
    const item: ItemAttributes = {
      creatorId: row['author_id'] ?? '',
      categories: (row['tag'] ?? '').split(',').map((t) => t.trim()).filter((t) => t.length > 0),
    };
    const durationMs = optionalNumber(row['video_duration']);
    if (durationMs !== undefined) item.durationMs = durationMs;
    const createdAtMs = dateMs(row['upload_dt']);
    if (createdAtMs !== undefined) item.createdAtMs = createdAtMs;
    table.itemIds.push(row['video_id']!);
    table.items.push(item);
  }
  return table;
}

/** `user_features_pure.csv`: every column but user_id becomes a categorical tag (counts as their range buckets and raw values alike). */
export function parseKuaiRandUsers(csv: string): UserSideTable {
  const rows = parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const table: UserSideTable = { userIds: [], users: [] };
  for (const row of rows) {
    const { user_id: id, ...rest } = row;
    table.userIds.push(id!);
    table.users.push({ tags: rest });
  }
  return table;
}

/** KuaiRand-Pure video side table (7,583 videos). There are no interactions in this folder. */
export async function readKuaiRandItems(dir?: string): Promise<ItemSideTable> {
  return parseKuaiRandItems(await readFile(join(datasetPath(FOLDER, dir), 'video_features_basic_pure.csv'), 'utf8'));
}

/** KuaiRand-Pure user side table (27,285 users). */
export async function readKuaiRandUsers(dir?: string): Promise<UserSideTable> {
  return parseKuaiRandUsers(await readFile(join(datasetPath(FOLDER, dir), 'user_features_pure.csv'), 'utf8'));
}
