import type { ItemAttributes, UserAttributes } from '../data/interaction-dataset';

/** What the user tower reads for one request. */
export interface UserTowerInput {
  userId: string;
  /** Ids of the user's recent positive items, newest first (as the feature service keeps them). */
  history: readonly string[];
  attributes?: UserAttributes;
  context?: RequestContext;
}

export interface RequestContext {
  /** Product surface, e.g. "spotlight", "discover", "stories". */
  surface?: string;
  /** Request time; its UTC hour of day is a context token. */
  timeMs?: number;
}

/** What the item tower reads: an item's id and whatever attributes are known. */
export interface ItemTowerInput extends ItemAttributes {
  itemId: string;
}

/** Keys of the shared user-token table for a user's attributes. */
export function userAttributeKeys(attributes: UserAttributes | undefined): string[] {
  if (!attributes) return [];
  const keys: string[] = [];
  if (attributes.country) keys.push(`country:${attributes.country}`);
  if (attributes.language) keys.push(`language:${attributes.language}`);
  for (const [name, value] of Object.entries(attributes.tags ?? {})) keys.push(`tag:${name}=${value}`);
  return keys;
}

export function hourOfDay(timeMs: number): number {
  return Math.floor(timeMs / 3_600_000) % 24;
}

export function contextKeys(context: RequestContext | undefined): string[] {
  if (!context) return [];
  const keys: string[] = [];
  if (context.surface) keys.push(`surface:${context.surface}`);
  if (context.timeMs !== undefined && Number.isFinite(context.timeMs)) keys.push(`hour:${hourOfDay(context.timeMs)}`);
  return keys;
}

export const creatorKey = (creatorId: string): string => `creator:${creatorId}`;
export const categoryKey = (category: string): string => `category:${category}`;

/** Duration in log2-second buckets: 1s, 2s, 4s … so 15s and 16s share a bucket but 15s and 60s do not. */
export function durationBucket(durationMs: number): number {
  return Math.max(0, Math.floor(Math.log2(Math.max(1, durationMs / 1000))));
}

/** Keys of the item-token table for an item's single-valued attributes other than creator. */
export function itemAttributeKeys(item: ItemAttributes): string[] {
  const keys: string[] = [];
  if (item.durationMs !== undefined && item.durationMs > 0) keys.push(`duration:${durationBucket(item.durationMs)}`);
  if (item.language) keys.push(`language:${item.language}`);
  if (item.country) keys.push(`country:${item.country}`);
  return keys;
}

/** Recency weights for a newest-first history: 1, 2^(-1/h), 2^(-2/h)…; uniform without a half-life. */
export function recencyWeights(length: number, halfLife: number | null): Float32Array {
  const weights = new Float32Array(length);
  for (let k = 0; k < length; k++) weights[k] = halfLife === null ? 1 : 2 ** (-k / halfLife);
  return weights;
}
