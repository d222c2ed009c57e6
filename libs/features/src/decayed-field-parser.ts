import { counterSlot } from './decayed-values';
import { parseDecayedField } from './state-layout';
import { epochLengthMs, halfLives, HalfLife } from './time-decay';

/** One counter field name parsed once: what readDecayed needs of it, and its decay factor at the last `nowMs` asked. */
export interface ParsedCounterField {
  prefix: string;
  key: string;
  halfLife: HalfLife;
  /** counterSlot of `<key>.<halfLife>`, where readDecayed adds the field's value; found on first use (affinity fields never need one). */
  slot: number | undefined;
  epochStartMs: number;
  factorNowMs: number;
  factor: number;
}

const MAX_CACHED_FIELDS = 200_000;
const parsedFields = new Map<string, ParsedCounterField | null>();

/**
 * parseDecayedField with a bounded cache: the same field names (signal counters of the current
 * epochs, affinity keys) recur across every entity and every read. Null for a field that does not parse.
 */
export function parsedCounterField(field: string): ParsedCounterField | null {
  let parsed = parsedFields.get(field);
  if (parsed !== undefined) return parsed;
  if (parsedFields.size >= MAX_CACHED_FIELDS) parsedFields.clear();
  const fields = parseDecayedField(field);
  parsed = fields
    ? {
        prefix: fields.prefix,
        key: fields.key,
        halfLife: fields.halfLife,
        slot: undefined,
        epochStartMs: fields.epoch * epochLengthMs(fields.halfLife),
        factorNowMs: NaN,
        factor: NaN,
      }
    : null;
  parsedFields.set(field, parsed);
  return parsed;
}

/** The decayed value at `nowMs` of the field's scaled counter: exactly decayedAt(scaled, epoch, halfLife, nowMs). */
export function decayedValue(parsed: ParsedCounterField, scaled: number, nowMs: number): number {
  if (parsed.factorNowMs !== nowMs) {
    parsed.factor = 2 ** ((parsed.epochStartMs - nowMs) / halfLives[parsed.halfLife]);
    parsed.factorNowMs = nowMs;
  }
  return scaled * parsed.factor;
}

/** The field's counterSlot, assigned once. */
export function slotOf(parsed: ParsedCounterField): number {
  return (parsed.slot ??= counterSlot(`${parsed.key}.${parsed.halfLife}`));
}
