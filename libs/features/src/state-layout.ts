import { epochsToPrune, HalfLife, halfLifeNames, prunableEpochs, scaledIncrement } from './time-decay';
import type { EntityKind } from './entities';
import type { StateOp } from './mutations';

/**
 * Field and timeline names inside an entity's state. Ids come last in a field name so that ids
 * containing dots still parse.
 */
export const layout = {
  counterPrefix: 'n',
  creatorAffinityPrefix: 'ac',
  categoryAffinityPrefix: 'ak',
  followerCount: 'followers',
  followRegisterPrefix: 'f.',
  historyTimeline: 'history',
  seenTimeline: 'seen',
  attribute: (name: string) => `attr.${name}`,
} as const;

/** Timelines each kind of entity keeps (stores read only these). */
export const timelinesOf: Record<EntityKind, readonly string[]> = {
  user: [layout.historyTimeline, layout.seenTimeline],
  item: [],
  creator: [],
};

/** Half-lives kept for affinities (short for in-session adaptation, long for taste). */
export const affinityHalfLives: HalfLife[] = ['1h', '7d'];

/** Name of a decayed counter: `<prefix>.<halfLife>.<epoch>.<key>`. */
export function decayedField(prefix: string, halfLife: HalfLife, epoch: number, key: string): string {
  return `${prefix}.${halfLife}.${epoch}.${key}`;
}

export interface ParsedDecayedField {
  prefix: string;
  halfLife: HalfLife;
  epoch: number;
  key: string;
}

export function parseDecayedField(field: string): ParsedDecayedField | undefined {
  const first = field.indexOf('.');
  const second = field.indexOf('.', first + 1);
  const third = field.indexOf('.', second + 1);
  if (first < 0 || second < 0 || third < 0) return undefined;
  const halfLife = field.slice(first + 1, second) as HalfLife;
  if (!halfLifeNames.includes(halfLife)) return undefined;
  const epoch = Number(field.slice(second + 1, third));
  if (!Number.isInteger(epoch)) return undefined;
  return { prefix: field.slice(0, first), halfLife, epoch, key: field.slice(third + 1) };
}

/** Ops adding `weight` at `timeMs` to the decayed counter `<prefix>/<key>` for each half-life. */
export function decayedAddOps(prefix: string, key: string, weight: number, timeMs: number, halfLives: readonly HalfLife[]): StateOp[] {
  const ops: StateOp[] = [];
  pushDecayedAddOps(ops, prefix, key, weight, timeMs, halfLives);
  return ops;
}

const affinityFieldCaches = new Map<string, DecayedFieldCache>();

/** decayedField for open-ended keys (creator ids, categories), from a bounded cache per prefix. */
export function cachedDecayedField(prefix: string, key: string, halfLife: HalfLife, epoch: number): string {
  let cache = affinityFieldCaches.get(prefix);
  if (!cache) affinityFieldCaches.set(prefix, (cache = new DecayedFieldCache(prefix, 100_000)));
  return cache.fields(key, halfLife, epoch).field;
}

/** decayedAddOps appended to `ops`, with field names from a bounded cache per prefix. */
export function pushDecayedAddOps(ops: StateOp[], prefix: string, key: string, weight: number, timeMs: number, halfLives: readonly HalfLife[]): void {
  for (const halfLife of halfLives) {
    const { epoch, amount } = scaledIncrement(weight, timeMs, halfLife);
    ops.push({ kind: 'add', field: cachedDecayedField(prefix, key, halfLife, epoch), amount });
  }
}

/** Ops dropping the counters of `<prefix>/<key>` that are too old to matter after `timeMs`. */
export function decayedPruneOps(prefix: string, key: string, timeMs: number, halfLives: readonly HalfLife[]): StateOp[] {
  const fields: string[] = [];
  for (const halfLife of halfLives) {
    for (const epoch of prunableEpochs(timeMs, halfLife)) fields.push(decayedField(prefix, halfLife, epoch, key));
  }
  return [{ kind: 'delete', fields }];
}

/** The counter of one epoch, with the counters `prunableEpochs` drops once an event of that epoch arrives. */
class EpochFields {
  private prunableFields: readonly string[] | undefined;

  constructor(
    readonly epoch: number,
    readonly field: string,
    private readonly prefix: string,
    private readonly halfLife: HalfLife,
    private readonly key: string,
  ) {}

  /** Built on first use: affinity counters are never pruned, so most entries never need them. */
  get prunable(): readonly string[] {
    return (this.prunableFields ??= epochsToPrune(this.epoch).map((e) => decayedField(this.prefix, this.halfLife, e, this.key)));
  }
}

/**
 * Field names of decayed counters for a small, fixed set of keys (the engagement signals), cached per
 * half-life and epoch. Every event needs them; building them anew each time (and having stores
 * hash fresh strings) dominated ingestion. Same names as decayedField.
 */
export class DecayedFieldCache {
  private readonly byHalfLife = new Map<HalfLife, Map<string, EpochFields>>();

  /** `maxKeys` bounds a cache of open-ended keys (creator ids, categories): past it, it starts over. */
  constructor(
    private readonly prefix: string,
    private readonly maxKeys = Infinity,
  ) {}

  fields(key: string, halfLife: HalfLife, epoch: number): EpochFields {
    let byKey = this.byHalfLife.get(halfLife);
    if (!byKey) this.byHalfLife.set(halfLife, (byKey = new Map()));
    let cached = byKey.get(key);
    if (cached === undefined && byKey.size >= this.maxKeys) byKey.clear();
    if (cached?.epoch !== epoch) {
      cached = new EpochFields(epoch, decayedField(this.prefix, halfLife, epoch, key), this.prefix, halfLife, key);
      byKey.set(key, cached);
    }
    return cached;
  }
}
