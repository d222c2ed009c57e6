import { hashA } from './string-hash';
import type { HistoryEntry } from '../engagement-mutations';
import { historyEntryOf, historyMemberText, parseHistoryMember } from './history-member';
import type { TimelineEntry } from './id-timelines';
import type { MemberNames } from './member-names';
import { TimelineArena } from './timeline-arena';

/** Marks an entry kept as its text (a member not in the form engagementMutations writes). */
const TEXT = 255;

/**
 * History timelines (one per entity slot): members are HistoryEntry JSON texts, kept as their fields
 * in typed columns (item and creator as MemberNames numbers) and rebuilt on read. The same member is
 * the same fields; a text of any other form is kept as it is.
 */
export class HistoryTimelines extends TimelineArena {
  /** The event id, or the whole text of a TEXT entry. */
  private readonly eventIds: (string | undefined)[] = new Array<string | undefined>(this.times.length).fill(undefined);
  private eventHashes = new Int32Array(this.times.length);
  private items = new Int32Array(this.times.length);
  private creators = new Int32Array(this.times.length);
  private types = new Uint8Array(this.times.length);
  private ratios = new Float64Array(this.times.length);

  constructor(private readonly names: MemberNames) {
    super();
  }

  /**
   * Adds the entry of one engagement (`eventHash` is hashA(eventId); `item` and `creator` are
   * MemberNames numbers), as adding its member text would.
   */
  addEngagement(slot: number, eventId: string, eventHash: number, item: number, creator: number, typeIndex: number, watchRatio: number, timeMs: number, keep: number, expireBeforeMs?: number): void {
    if (!Number.isFinite(watchRatio)) {
      // JSON writes non-finite numbers as null: such a member is only equal to another by its text.
      this.addText(slot, historyMemberText(eventId, this.names.nameOf(item), this.names.nameOf(creator), typeIndex, watchRatio), timeMs, keep, expireBeforeMs);
      return;
    }
    this.select(slot);
    let found = -1;
    for (let i = this.tail - 1; i >= this.head; i--) {
      if (
        this.eventHashes[i] === eventHash &&
        this.types[i] === typeIndex &&
        this.items[i] === item &&
        this.creators[i] === creator &&
        this.ratios[i] === watchRatio &&
        this.eventIds[i] === eventId
      ) {
        found = i;
        break;
      }
    }
    if (found < 0 || this.times[found]! < timeMs) {
      if (found >= 0) this.removeAt(found);
      this.reserve();
      const at = this.tail;
      this.times[at] = timeMs;
      this.eventIds[at] = eventId;
      this.eventHashes[at] = eventHash;
      this.items[at] = item;
      this.creators[at] = creator;
      this.types[at] = typeIndex;
      this.ratios[at] = watchRatio;
      this.insertWritten();
    }
    this.dropOld(keep, expireBeforeMs);
    this.save();
  }

  /** Adds a member by its text (the mutation path). */
  addText(slot: number, text: string, timeMs: number, keep: number, expireBeforeMs?: number): void {
    const fields = parseHistoryMember(text);
    if (fields && Number.isFinite(fields.watchRatio)) {
      const { eventId, itemId, creatorId, typeIndex, watchRatio } = fields;
      this.addEngagement(slot, eventId, hashA(eventId), this.names.numberOf(itemId), this.names.numberOf(creatorId), typeIndex, watchRatio, timeMs, keep, expireBeforeMs);
      return;
    }
    this.select(slot);
    let found = -1;
    for (let i = this.tail - 1; i >= this.head; i--) {
      if (this.types[i] === TEXT && this.eventIds[i] === text) {
        found = i;
        break;
      }
    }
    if (found < 0 || this.times[found]! < timeMs) {
      if (found >= 0) this.removeAt(found);
      this.reserve();
      this.times[this.tail] = timeMs;
      this.eventIds[this.tail] = text;
      this.types[this.tail] = TEXT;
      this.insertWritten();
    }
    this.dropOld(keep, expireBeforeMs);
    this.save();
  }

  /** Newest first; equal times by member text ascending. */
  entries(slot: number): TimelineEntry[] {
    const [head, tail] = this.bounds(slot);
    const out: TimelineEntry[] = [];
    for (let i = tail - 1; i >= head; i--) out.push({ member: this.textOf(i), timeMs: this.times[i]! });
    return out;
  }

  /** entries(slot) with each member parsed as JSON (a member that does not parse is left out), without building the texts. */
  parsedEntries(slot: number): HistoryEntry[] {
    const [head, tail] = this.bounds(slot);
    const out: HistoryEntry[] = [];
    for (let i = tail - 1; i >= head; i--) {
      if (this.types[i] !== TEXT) {
        out.push(historyEntryOf(this.eventIds[i]!, this.names.nameOf(this.items[i]!), this.names.nameOf(this.creators[i]!), this.types[i]!, this.ratios[i]!));
        continue;
      }
      try {
        out.push(JSON.parse(this.eventIds[i]!) as HistoryEntry);
      } catch {
        // as the reads by name do: a corrupt entry is skipped
      }
    }
    return out;
  }

  protected compareMembers(i: number, j: number): number {
    // Entries of one engagement share its time: their texts, which start {"eventId":"<id>", sort by
    // id then '"' when the ids differ and JSON writes them as they are.
    if (this.types[i] !== TEXT && this.types[j] !== TEXT) {
      const a = this.eventIds[i]!;
      const b = this.eventIds[j]!;
      if (a !== b && writtenAsIs(a) && writtenAsIs(b)) return `${a}"` < `${b}"` ? -1 : 1;
    }
    const a = this.textOf(i);
    const b = this.textOf(j);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  protected moveMembers(target: number, start: number, end: number): void {
    this.eventIds.copyWithin(target, start, end);
    this.eventHashes.copyWithin(target, start, end);
    this.items.copyWithin(target, start, end);
    this.creators.copyWithin(target, start, end);
    this.types.copyWithin(target, start, end);
    this.ratios.copyWithin(target, start, end);
  }

  protected growMembers(capacity: number, used: number): void {
    // copyWithin does not lengthen an array: the column is as long as the others.
    while (this.eventIds.length < capacity) this.eventIds.push(undefined);
    this.eventHashes = grown(this.eventHashes, new Int32Array(capacity), used);
    this.items = grown(this.items, new Int32Array(capacity), used);
    this.creators = grown(this.creators, new Int32Array(capacity), used);
    this.types = grown(this.types, new Uint8Array(capacity), used);
    this.ratios = grown(this.ratios, new Float64Array(capacity), used);
  }

  protected override releaseMembers(start: number, end: number): void {
    this.eventIds.fill(undefined, start, end);
  }

  private textOf(i: number): string {
    const eventId = this.eventIds[i]!;
    if (this.types[i] === TEXT) return eventId;
    return historyMemberText(eventId, this.names.nameOf(this.items[i]!), this.names.nameOf(this.creators[i]!), this.types[i]!, this.ratios[i]!);
  }
}

/** Whether JSON.stringify writes the string between its quotes unchanged (no quote, backslash, control character or lone surrogate). */
function writtenAsIs(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) return false;
  }
  return true;
}

function grown<T extends Int32Array | Uint8Array | Float64Array>(from: T, to: T, length: number): T {
  to.set(from.subarray(0, length));
  return to;
}
