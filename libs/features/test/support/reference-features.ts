// The straightforward feature computation as it was before the serving path was made fast: every
// counter field parsed and decayed anew per entity (names built per field), attributes parsed on
// every access, a context object per row and feature. Tests compare the fast path against it.
import type { FeatureColumn } from '@cascade/contracts';
import {
  counterSlot,
  CreatorView,
  decayedAt,
  DecayedValues,
  defaultUserStateLimits,
  EntitySnapshot,
  EntitySnapshots,
  FeatureDefinition,
  HalfLife,
  ItemView,
  layout,
  parseDecayedField,
  UserView,
} from '../../src';
import { featureColumn } from '../../src/feature-column';

/** Decayed counters of one prefix, keyed `<key>.<halfLife>`, summed in field order. */
export function referenceDecayed(counters: Record<string, number>, prefix: string, nowMs: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const field in counters) {
    if (!field.startsWith(prefix) || field.charCodeAt(prefix.length) !== 46) continue;
    const parsed = parseDecayedField(field);
    if (!parsed) continue;
    const name = `${parsed.key}.${parsed.halfLife}`;
    out.set(name, (out.get(name) ?? 0) + decayedAt(counters[field]!, parsed.epoch, parsed.halfLife, nowMs));
  }
  return out;
}

function referenceDecayedByKey(counters: Record<string, number>, prefix: string, nowMs: number): Map<string, Partial<Record<HalfLife, number>>> {
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

function asDecayedValues(byName: Map<string, number>): DecayedValues {
  const values = new DecayedValues();
  for (const [name, value] of byName) values.add(counterSlot(name), value);
  return values;
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

class ReferenceItemView {
  readonly known: boolean;
  readonly counters: DecayedValues;
  constructor(
    readonly itemId: string,
    private readonly snapshot: EntitySnapshot | undefined,
    nowMs: number,
  ) {
    this.known = !isEmpty(snapshot);
    this.counters = asDecayedValues(snapshot ? referenceDecayed(snapshot.counters, layout.counterPrefix, nowMs) : new Map());
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

function referenceCreatorView(creatorId: string | undefined, snapshot: EntitySnapshot | undefined, nowMs: number): CreatorView {
  return {
    creatorId,
    known: !isEmpty(snapshot),
    counters: asDecayedValues(snapshot ? referenceDecayed(snapshot.counters, layout.counterPrefix, nowMs) : new Map()),
    followers: Math.max(0, snapshot?.counters[layout.followerCount] ?? 0),
  } as unknown as CreatorView;
}

function referenceUserView(userId: string, snapshot: EntitySnapshot | undefined, nowMs: number, seenTtlMs: number): UserView {
  const counters = snapshot?.counters ?? {};
  const follows = new Set<string>();
  for (const field in snapshot?.registers ?? {}) {
    if (field.startsWith(layout.followRegisterPrefix) && snapshot!.registers[field]!.value === '1') follows.add(field.slice(layout.followRegisterPrefix.length));
  }
  const history = [];
  for (const entry of snapshot?.timelines[layout.historyTimeline] ?? []) {
    try {
      history.push(JSON.parse(entry.member));
    } catch {
      // skipped
    }
  }
  const seen = new Map<string, number>();
  for (const entry of snapshot?.timelines[layout.seenTimeline] ?? []) if (entry.timeMs >= nowMs - seenTtlMs) seen.set(entry.member, entry.timeMs);
  return {
    userId,
    known: !isEmpty(snapshot),
    counters: asDecayedValues(referenceDecayed(counters, layout.counterPrefix, nowMs)),
    creatorAffinity: referenceDecayedByKey(counters, layout.creatorAffinityPrefix, nowMs),
    categoryAffinity: referenceDecayedByKey(counters, layout.categoryAffinityPrefix, nowMs),
    follows,
    history,
    seen,
  } as unknown as UserView;
}

function referenceColumn(def: FeatureDefinition, values: readonly unknown[], known: readonly boolean[]): FeatureColumn {
  const column: FeatureColumn = { ...featureColumn(def, [], true) };
  values.forEach((value, row) => {
    let v = value;
    if (v === undefined || !known[row]) {
      v = def.defaultValue;
      column.defaultedRows.push(row);
    }
    if (def.type === 'number') column.numbers.push(Number.isFinite(v as number) ? (v as number) : (def.defaultValue as number));
    else if (def.type === 'id') column.ids.push(v as string);
    else column.idLists.push({ ids: v as string[] });
  });
  return column;
}

/** computeFeatures' result, the straightforward way. */
export function referenceFeatures(userId: string, itemIds: readonly string[], definitions: readonly FeatureDefinition[], snapshots: EntitySnapshots, nowMs: number) {
  const user = referenceUserView(userId, snapshots.user, nowMs, defaultUserStateLimits.seenTtlMs);
  const items = itemIds.map((id) => new ReferenceItemView(id, snapshots.items.get(id), nowMs) as unknown as ItemView);
  const creatorViews = new Map<string, CreatorView>();
  const creators = items.map((item) => {
    const creatorId = item.creatorId;
    if (creatorId === undefined) return referenceCreatorView(undefined, undefined, nowMs);
    if (!creatorViews.has(creatorId)) creatorViews.set(creatorId, referenceCreatorView(creatorId, snapshots.creators.get(creatorId), nowMs));
    return creatorViews.get(creatorId)!;
  });
  const columns = { userFeatures: [] as FeatureColumn[], itemFeatures: [] as FeatureColumn[], crossFeatures: [] as FeatureColumn[] };
  for (const def of definitions) {
    if (def.entity === 'user') {
      columns.userFeatures.push(referenceColumn(def, [(def as FeatureDefinition<'user'>).compute({ user, nowMs })], [user.known]));
    } else if (def.entity === 'item') {
      const compute = (def as FeatureDefinition<'item'>).compute;
      const values = items.map((item, row) => compute({ item, creator: creators[row]!, nowMs }));
      columns.itemFeatures.push(referenceColumn(def, values, items.map((item) => item.known)));
    } else {
      const compute = (def as FeatureDefinition<'cross'>).compute;
      columns.crossFeatures.push(referenceColumn(def, items.map((item) => compute({ user, item, nowMs })), items.map(() => true)));
    }
  }
  return { ...columns, userDefaulted: !user.known };
}
