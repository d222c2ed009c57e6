import type { HistoryEntry } from './engagement-mutations';
import type { EntitySnapshot } from './mutations';
import { layout, parseDecayedField } from './state-layout';
import { decayedAt, HalfLife } from './time-decay';

export type DecayedValues = Map<string, number>;

/** Decayed counters of one prefix at `nowMs`, keyed `<key>.<halfLife>` (e.g. "like.7d"). */
export function readDecayed(counters: Record<string, number>, prefix: string, nowMs: number): DecayedValues {
  const out: DecayedValues = new Map();
  for (const field in counters) {
    if (!field.startsWith(prefix) || field.charCodeAt(prefix.length) !== 46 /* . */) continue;
    const parsed = parseDecayedField(field);
    if (!parsed) continue;
    const name = `${parsed.key}.${parsed.halfLife}`;
    out.set(name, (out.get(name) ?? 0) + decayedAt(counters[field]!, parsed.epoch, parsed.halfLife, nowMs));
  }
  return out;
}

/** Decayed counters grouped by key: key → halfLife → value. */
export function readDecayedByKey(counters: Record<string, number>, prefix: string, nowMs: number): Map<string, Partial<Record<HalfLife, number>>> {
  const out = new Map<string, Partial<Record<HalfLife, number>>>();
  for (const field in counters) {
    if (!field.startsWith(prefix) || field.charCodeAt(prefix.length) !== 46) continue;
    const parsed = parseDecayedField(field);
    if (!parsed) continue;
    const entry = out.get(parsed.key) ?? {};
    entry[parsed.halfLife] = (entry[parsed.halfLife] ?? 0) + decayedAt(counters[field]!, parsed.epoch, parsed.halfLife, nowMs);
    out.set(parsed.key, entry);
  }
  return out;
}

function isEmpty(snapshot: EntitySnapshot | undefined): boolean {
  if (!snapshot) return true;
  for (const _ in snapshot.counters) return false;
  for (const _ in snapshot.registers) return false;
  for (const name in snapshot.timelines) if ((snapshot.timelines[name]?.length ?? 0) > 0) return false;
  return true;
}

function parseList(json: string | undefined): string[] | undefined {
  if (json === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : undefined;
  } catch {
    return undefined;
  }
}

function parseNumber(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export class ItemView {
  readonly known: boolean;
  readonly counters: DecayedValues;
  constructor(
    readonly itemId: string,
    private readonly snapshot: EntitySnapshot | undefined,
    nowMs: number,
  ) {
    this.known = !isEmpty(snapshot);
    this.counters = snapshot ? readDecayed(snapshot.counters, layout.counterPrefix, nowMs) : new Map();
  }
  attribute(name: string): string | undefined {
    return this.snapshot?.registers[layout.attribute(name)]?.value;
  }
  get creatorId(): string | undefined {
    return this.attribute('creator_id') || undefined;
  }
  get categories(): string[] | undefined {
    return parseList(this.attribute('categories'));
  }
  get hashtags(): string[] | undefined {
    return parseList(this.attribute('hashtags'));
  }
  get createdAtMs(): number | undefined {
    const v = parseNumber(this.attribute('created_at_ms'));
    return v && v > 0 ? v : undefined;
  }
  get durationMs(): number | undefined {
    const v = parseNumber(this.attribute('duration_ms'));
    return v && v > 0 ? v : undefined;
  }
  get deleted(): boolean {
    return this.attribute('deleted') === '1';
  }
}

export class CreatorView {
  readonly known: boolean;
  readonly counters: DecayedValues;
  readonly followers: number;
  constructor(
    readonly creatorId: string | undefined,
    snapshot: EntitySnapshot | undefined,
    nowMs: number,
  ) {
    this.known = !isEmpty(snapshot);
    this.counters = snapshot ? readDecayed(snapshot.counters, layout.counterPrefix, nowMs) : new Map();
    this.followers = Math.max(0, snapshot?.counters[layout.followerCount] ?? 0);
  }
}

export class UserView {
  readonly known: boolean;
  readonly counters: DecayedValues;
  readonly creatorAffinity: Map<string, Partial<Record<HalfLife, number>>>;
  readonly categoryAffinity: Map<string, Partial<Record<HalfLife, number>>>;
  readonly follows: Set<string>;
  readonly history: HistoryEntry[];
  /** Recently seen items → last time seen, within the seen window. */
  readonly seen: Map<string, number>;
  constructor(
    readonly userId: string,
    snapshot: EntitySnapshot | undefined,
    nowMs: number,
    seenTtlMs: number,
  ) {
    this.known = !isEmpty(snapshot);
    const counters = snapshot?.counters ?? {};
    this.counters = readDecayed(counters, layout.counterPrefix, nowMs);
    this.creatorAffinity = readDecayedByKey(counters, layout.creatorAffinityPrefix, nowMs);
    this.categoryAffinity = readDecayedByKey(counters, layout.categoryAffinityPrefix, nowMs);
    this.follows = new Set();
    for (const field in snapshot?.registers ?? {}) {
      if (field.startsWith(layout.followRegisterPrefix) && snapshot!.registers[field]!.value === '1') {
        this.follows.add(field.slice(layout.followRegisterPrefix.length));
      }
    }
    this.history = [];
    for (const entry of snapshot?.timelines[layout.historyTimeline] ?? []) {
      try {
        this.history.push(JSON.parse(entry.member) as HistoryEntry);
      } catch {
        // a corrupt entry is skipped rather than failing the read
      }
    }
    this.seen = new Map();
    for (const entry of snapshot?.timelines[layout.seenTimeline] ?? []) {
      if (entry.timeMs >= nowMs - seenTtlMs) this.seen.set(entry.member, entry.timeMs);
    }
  }
}
