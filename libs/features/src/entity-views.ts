import type { HistoryEntry } from './engagement-mutations';
import type { EntitySnapshot } from './mutations';
import { decayedValue, parsedCounterField, slotOf } from './decayed-field-parser';
import { DecayedValues } from './decayed-values';

export { counterSlot, DecayedValues } from './decayed-values';
import { layout } from './state-layout';
import type { HalfLife } from './time-decay';


function hasPrefix(field: string, prefix: string): boolean {
  return field.startsWith(prefix) && field.charCodeAt(prefix.length) === 46; /* . */
}

/** Decayed counters of one prefix at `nowMs`, keyed `<key>.<halfLife>` (e.g. "like.7d"). */
export function readDecayed(counters: Record<string, number>, prefix: string, nowMs: number): DecayedValues {
  const out = new DecayedValues();
  for (const field in counters) {
    if (!hasPrefix(field, prefix)) continue;
    const parsed = parsedCounterField(field);
    if (!parsed) continue;
    out.add(slotOf(parsed), decayedValue(parsed, counters[field]!, nowMs));
  }
  return out;
}

/** Decayed counters grouped by key: key → halfLife → value. */
export function readDecayedByKey(counters: Record<string, number>, prefix: string, nowMs: number): Map<string, Partial<Record<HalfLife, number>>> {
  const out = new Map<string, Partial<Record<HalfLife, number>>>();
  for (const field in counters) {
    if (!hasPrefix(field, prefix)) continue;
    const parsed = parsedCounterField(field);
    if (!parsed) continue;
    const entry = out.get(parsed.key) ?? {};
    entry[parsed.halfLife] = (entry[parsed.halfLife] ?? 0) + decayedValue(parsed, counters[field]!, nowMs);
    out.set(parsed.key, entry);
  }
  return out;
}

function isEmpty(snapshot: EntitySnapshot | undefined): boolean {
  if (!snapshot) return true;
  if (snapshot.direct) return snapshot.direct.isEmpty();
  for (const _ in snapshot.registers) return false;
  for (const _ in snapshot.counters) return false;
  for (const name in snapshot.timelines) if ((snapshot.timelines[name]?.length ?? 0) > 0) return false;
  return true;
}

const MAX_PARSED_LISTS = 50_000;
/** Stored lists by their JSON text: items share few distinct category lists, and each read would parse them again. */
const parsedLists = new Map<string, string[] | undefined>();

/** The strings of a stored JSON list, parsed once per distinct text (callers share the array and must not change it). */
function parseList(json: string | undefined): string[] | undefined {
  if (json === undefined) return undefined;
  if (parsedLists.has(json)) return parsedLists.get(json);
  if (parsedLists.size >= MAX_PARSED_LISTS) parsedLists.clear();
  const list = parseListText(json);
  parsedLists.set(json, list);
  return list;
}

function parseListText(json: string): string[] | undefined {
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

function positive(value: number | undefined): number | undefined {
  return value && value > 0 ? value : undefined;
}

const attributeFields = new Map<string, string>();

/** `layout.attribute(name)`, built once per attribute name. */
function attributeField(name: string): string {
  let field = attributeFields.get(name);
  if (field === undefined) attributeFields.set(name, (field = layout.attribute(name)));
  return field;
}

/** An item's creator, read from its registers alone (no counters materialised). */
export function creatorIdOf(snapshot: EntitySnapshot | undefined): string | undefined {
  return snapshot?.registers[attributeField('creator_id')]?.value || undefined;
}

/** The snapshot's signal counters decayed to `nowMs` (empty without a snapshot). */
function decayedCounters(snapshot: EntitySnapshot | undefined, nowMs: number): DecayedValues {
  if (!snapshot) return new DecayedValues();
  return snapshot.direct ? snapshot.direct.decayedSignals(nowMs) : readDecayed(snapshot.counters, layout.counterPrefix, nowMs);
}

const unset = Symbol('unset');
type Memo<T> = T | typeof unset;

/** An item's state as features see it; counters and parsed attributes are computed on first use, once. */
export class ItemView {
  readonly known: boolean;
  private decayed: DecayedValues | undefined;
  private creator: Memo<string | undefined> = unset;
  private categoryList: Memo<string[] | undefined> = unset;
  private hashtagList: Memo<string[] | undefined> = unset;
  private createdAt: Memo<number | undefined> = unset;
  private duration: Memo<number | undefined> = unset;
  constructor(
    readonly itemId: string,
    private readonly snapshot: EntitySnapshot | undefined,
    private readonly nowMs: number,
  ) {
    this.known = !isEmpty(snapshot);
  }
  get counters(): DecayedValues {
    return (this.decayed ??= decayedCounters(this.snapshot, this.nowMs));
  }
  attribute(name: string): string | undefined {
    return this.snapshot?.registers[attributeField(name)]?.value;
  }
  get creatorId(): string | undefined {
    if (this.creator === unset) this.creator = creatorIdOf(this.snapshot);
    return this.creator;
  }
  /** Parsed once per view: callers share the array and must not change it. */
  get categories(): string[] | undefined {
    if (this.categoryList === unset) this.categoryList = parseList(this.attribute('categories'));
    return this.categoryList;
  }
  /** Parsed once per view: callers share the array and must not change it. */
  get hashtags(): string[] | undefined {
    if (this.hashtagList === unset) this.hashtagList = parseList(this.attribute('hashtags'));
    return this.hashtagList;
  }
  get createdAtMs(): number | undefined {
    if (this.createdAt === unset) this.createdAt = positive(parseNumber(this.attribute('created_at_ms')));
    return this.createdAt;
  }
  get durationMs(): number | undefined {
    if (this.duration === unset) this.duration = positive(parseNumber(this.attribute('duration_ms')));
    return this.duration;
  }
  get deleted(): boolean {
    return this.attribute('deleted') === '1';
  }
}

/** A creator's state as features see it; counters are computed on first use, once. */
export class CreatorView {
  readonly known: boolean;
  readonly followers: number;
  private decayed: DecayedValues | undefined;
  constructor(
    readonly creatorId: string | undefined,
    private readonly snapshot: EntitySnapshot | undefined,
    private readonly nowMs: number,
  ) {
    this.known = !isEmpty(snapshot);
    const followers = snapshot?.direct ? snapshot.direct.counter(layout.followerCount) : snapshot?.counters[layout.followerCount];
    this.followers = Math.max(0, followers ?? 0);
  }
  get counters(): DecayedValues {
    return (this.decayed ??= decayedCounters(this.snapshot, this.nowMs));
  }
}

function parsedHistory(snapshot: EntitySnapshot | undefined): HistoryEntry[] {
  const history: HistoryEntry[] = [];
  for (const entry of snapshot?.timelines[layout.historyTimeline] ?? []) {
    try {
      history.push(JSON.parse(entry.member) as HistoryEntry);
    } catch {
      // a corrupt entry is skipped rather than failing the read
    }
  }
  return history;
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
    this.history = snapshot?.direct ? snapshot.direct.historyEntries() : parsedHistory(snapshot);
    this.seen = new Map();
    for (const entry of snapshot?.timelines[layout.seenTimeline] ?? []) {
      if (entry.timeMs >= nowMs - seenTtlMs) this.seen.set(entry.member, entry.timeMs);
    }
  }
}
