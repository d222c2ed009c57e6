/**
 * Entity ids of a world: `u<index>`, `i<index>`, `c<index>`. Indexes are the rows of the world's
 * tables; item indexes are in upload order. Event, session and request ids carry the world's
 * idPrefix so that worlds of different seeds never share an event id.
 */

export const userId = (u: number): string => `u${u}`;
export const itemId = (i: number): string => `i${i}`;
export const creatorId = (c: number): string => `c${c}`;

function parseId(prefix: string, id: string): number {
  if (id.length < 2 || id[0] !== prefix) return -1;
  const n = Number(id.slice(1));
  return Number.isSafeInteger(n) && n >= 0 && String(n) === id.slice(1) ? n : -1;
}

/** Row index of a user id, or −1 when it is not of this format. */
export const userIndex = (id: string): number => parseId('u', id);
/** Row index of an item id, or −1 when it is not of this format. */
export const itemIndex = (id: string): number => parseId('i', id);
/** Row index of a creator id, or −1 when it is not of this format. */
export const creatorIndex = (id: string): number => parseId('c', id);
