import type { MemberNames } from './member-names';
import { TimelineArena } from './timeline-arena';

export interface TimelineEntry {
  member: string;
  timeMs: number;
}

/** Timelines whose members are names numbered by a shared MemberNames (the users' seen items). */
export class IdTimelines extends TimelineArena {
  private members = new Int32Array(this.times.length);

  constructor(private readonly names: MemberNames) {
    super();
  }

  /** Scores `member` at `timeMs` in the slot's timeline (a member keeps its latest time), then expires and trims. */
  add(slot: number, member: number, timeMs: number, keep: number, expireBeforeMs?: number): void {
    this.select(slot);
    const found = this.indexOf(member);
    if (found < 0 || this.times[found]! < timeMs) {
      if (found >= 0) this.removeAt(found);
      this.reserve();
      this.times[this.tail] = timeMs;
      this.members[this.tail] = member;
      this.insertWritten();
    }
    this.dropOld(keep, expireBeforeMs);
    this.save();
  }

  addName(slot: number, name: string, timeMs: number, keep: number, expireBeforeMs?: number): void {
    this.add(slot, this.names.numberOf(name), timeMs, keep, expireBeforeMs);
  }

  /** Newest first; equal times by member ascending. */
  entries(slot: number): TimelineEntry[] {
    const [head, tail] = this.bounds(slot);
    const out: TimelineEntry[] = [];
    for (let i = tail - 1; i >= head; i--) out.push({ member: this.names.nameOf(this.members[i]!), timeMs: this.times[i]! });
    return out;
  }

  protected compareMembers(i: number, j: number): number {
    return this.names.compare(this.members[i]!, this.members[j]!);
  }

  protected moveMembers(target: number, start: number, end: number): void {
    this.members.copyWithin(target, start, end);
  }

  protected growMembers(capacity: number, used: number): void {
    const members = new Int32Array(capacity);
    members.set(this.members.subarray(0, used));
    this.members = members;
  }

  private indexOf(member: number): number {
    const members = this.members;
    for (let i = this.tail - 1; i >= this.head; i--) if (members[i] === member) return i;
    return -1;
  }
}
