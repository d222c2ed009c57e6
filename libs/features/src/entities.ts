/**
 * Entities whose state the online store keeps. Keys carry a Redis Cluster hash tag so that every
 * key of one entity lands in one slot and can be updated atomically.
 */
export type EntityKind = 'user' | 'item' | 'creator';

export interface EntityRef {
  kind: EntityKind;
  id: string;
}

const prefixes: Record<EntityKind, string> = { user: 'u', item: 'i', creator: 'c' };

export function entityKey(ref: EntityRef): string {
  return `{${prefixes[ref.kind]}:${ref.id}}`;
}

export const user = (id: string): EntityRef => ({ kind: 'user', id });
export const item = (id: string): EntityRef => ({ kind: 'item', id });
export const creator = (id: string): EntityRef => ({ kind: 'creator', id });
