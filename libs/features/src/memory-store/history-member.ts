import { EngagementType } from '@cascade/contracts';
import type { HistoryEntry } from '../engagement-mutations';
import { engagementTypeName } from '../signals';

/**
 * The history timeline's member text, JSON of a HistoryEntry, taken apart so the memory store keeps
 * its fields instead of a string per entry (and rebuilt, identical, on read).
 */
export interface HistoryFields {
  eventId: string;
  itemId: string;
  creatorId: string;
  /** Index into the engagement type names (see historyTypeIndex). */
  typeIndex: number;
  watchRatio: number;
}

const typeNames = [...new Set(Object.values(EngagementType).flatMap((t) => (typeof t === 'number' ? [engagementTypeName(t)] : [])))];
const typeIndexByName = new Map(typeNames.map((name, i) => [name, i]));
const typeIndexByType = new Map<number, number>();

/** The index of engagementTypeName(type). */
export function historyTypeIndex(type: EngagementType): number {
  let index = typeIndexByType.get(type);
  if (index === undefined) typeIndexByType.set(type, (index = typeIndexByName.get(engagementTypeName(type))!));
  return index;
}

/** The member text engagementMutations writes for these fields. */
export function historyMemberText(eventId: string, itemId: string, creatorId: string, typeIndex: number, watchRatio: number): string {
  return JSON.stringify({ eventId, itemId, creatorId, type: typeNames[typeIndex], watchRatio });
}

/** JSON.parse(historyMemberText(...)) of finite fields, without the text. */
export function historyEntryOf(eventId: string, itemId: string, creatorId: string, typeIndex: number, watchRatio: number): HistoryEntry {
  // JSON writes -0 as 0.
  return { eventId, itemId, creatorId, type: typeNames[typeIndex]!, watchRatio: watchRatio === 0 ? 0 : watchRatio };
}

/** The fields of a member text, when it is exactly what historyMemberText makes of them. */
export function parseHistoryMember(text: string): HistoryFields | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const { eventId, itemId, creatorId, type, watchRatio } = parsed as Record<string, unknown>;
  if (typeof eventId !== 'string' || typeof itemId !== 'string' || typeof creatorId !== 'string' || typeof type !== 'string') return undefined;
  const typeIndex = typeIndexByName.get(type);
  if (typeIndex === undefined || typeof watchRatio !== 'number') return undefined;
  // Anything else (other keys, order, spacing, escapes) is kept as text by the caller.
  if (historyMemberText(eventId, itemId, creatorId, typeIndex, watchRatio) !== text) return undefined;
  return { eventId, itemId, creatorId, typeIndex, watchRatio };
}
