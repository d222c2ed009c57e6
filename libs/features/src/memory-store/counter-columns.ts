import { counterSlot, DecayedValues } from '../decayed-values';
import { decayedValue, parsedCounterField, slotOf } from '../decayed-field-parser';
import { signals } from '../signals';
import { decayedField, layout, parseDecayedField } from '../state-layout';
import { epochLengthMs, halfLifeNames, halfLives } from '../time-decay';
import { FieldCounterTable } from './field-counter-table';

const SIGNALS = signals.length;
const HALF_LIVES = halfLifeNames.length;
/** Epoch cells per signal and half-life: epoch e lives in cell e mod 4 (live epochs are e-1…e+1). */
const EPOCH_CELLS = 4;
/** Doubles per block (one signal of one entity): per half-life and cell, the epoch tag and the value. */
const BLOCK = HALF_LIVES * EPOCH_CELLS * 2;
const signalIndex = new Map<string, number>(signals.map((s, i) => [s, i]));
const halfLifeIndex = new Map<string, number>(halfLifeNames.map((h, i) => [h, i]));

interface SignalField {
  signal: number;
  halfLife: number;
  epoch: number;
}

const parsedFields = new Map<string, SignalField | null>();

/** The signal counter a field names (`n.<halfLife>.<epoch>.<signal>`, canonical spelling only), or null. */
function signalFieldOf(field: string): SignalField | null {
  let parsed = parsedFields.get(field);
  if (parsed === undefined) {
    parsed = null;
    const p = parseDecayedField(field);
    const signal = p && p.prefix === layout.counterPrefix ? signalIndex.get(p.key) : undefined;
    if (p && signal !== undefined && decayedField(p.prefix, p.halfLife, p.epoch, p.key) === field) {
      parsed = { signal, halfLife: halfLifeIndex.get(p.halfLife)!, epoch: p.epoch };
    }
    if (parsedFields.size >= 100_000) parsedFields.clear();
    parsedFields.set(field, parsed);
  }
  return parsed;
}

const fieldNames: Map<number, string>[] = Array.from({ length: SIGNALS * HALF_LIVES }, () => new Map());

/** The field name of a signal counter (as decayedField spells it), cached. */
export function signalFieldName(signal: number, halfLife: number, epoch: number): string {
  const byEpoch = fieldNames[signal * HALF_LIVES + halfLife]!;
  let name = byEpoch.get(epoch);
  if (name === undefined) {
    name = decayedField(layout.counterPrefix, halfLifeNames[halfLife]!, epoch, signals[signal]!);
    byEpoch.set(epoch, name);
  }
  return name;
}

export { signalIndex, halfLifeIndex };

/** The DecayedValues slot of each (signal, half-life): counterSlot of `<signal>.<halfLife>`. */
const decayedSlots = Int32Array.from({ length: SIGNALS * HALF_LIVES }, (_, i) => counterSlot(`${signals[Math.floor(i / HALF_LIVES)]!}.${halfLifeNames[i % HALF_LIVES]!}`));
const halfLifeMs = Float64Array.from(halfLifeNames, (h) => halfLives[h]);
const epochMs = Float64Array.from(halfLifeNames, (h) => epochLengthMs(h));
/** Per half-life and epoch cell: the decay factor to `factorNowMs` of `factorEpoch` (recomputed when either changes). */
const factorEpoch = new Float64Array(HALF_LIVES * EPOCH_CELLS).fill(NaN);
const factorNowMs = new Float64Array(HALF_LIVES * EPOCH_CELLS).fill(NaN);
const factors = new Float64Array(HALF_LIVES * EPOCH_CELLS);

/** 2^((epochStart − nowMs)/halfLife), exactly as decayedAt computes it. */
function decayFactor(halfLife: number, epoch: number, nowMs: number): number {
  const at = halfLife * EPOCH_CELLS + (epoch & (EPOCH_CELLS - 1));
  if (factorEpoch[at] !== epoch || factorNowMs[at] !== nowMs) {
    factors[at] = 2 ** ((epoch * epochMs[halfLife]! - nowMs) / halfLifeMs[halfLife]!);
    factorEpoch[at] = epoch;
    factorNowMs[at] = nowMs;
  }
  return factors[at]!;
}

/**
 * The counters of every entity of one kind. Signal counters (a few dozen per entity, all named
 * `n.<halfLife>.<epoch>.<signal>`) live in columns of doubles: per entity and signal a block of
 * cells, one per half-life and epoch modulo 4, each an (epoch, value) pair; no objects per entity,
 * no field names to hash per update. Other counters (affinities, followers, and the rare signal
 * counter whose cell holds another epoch, an "overflow") are in a FieldCounterTable. A counter is
 * in exactly one place: a signal counter is looked up in that table only while
 * its block has overflowed.
 */
export class CounterColumns {
  /** Per entity and signal, 1 + the block index (0: none yet). */
  private directory = new Int32Array(0);
  private cells = new Float64Array(BLOCK * 1024);
  /** Per block, how many of its signal's counters are in the field table. */
  private overflow = new Int32Array(1024);
  private blocks = 0;
  private readonly fields = new FieldCounterTable();

  /** Makes room for entity slots below `slots`. */
  ensureCapacity(slots: number): void {
    if (slots * SIGNALS <= this.directory.length) return;
    const grown = new Int32Array(Math.max(slots, 1024, (this.directory.length / SIGNALS) * 2) * SIGNALS);
    grown.set(this.directory);
    this.directory = grown;
  }

  addSignal(slot: number, signal: number, halfLife: number, epoch: number, amount: number): void {
    this.addInBlock(this.blockOf(slot, signal), slot, signal, halfLife, epoch, amount);
  }

  deleteSignal(slot: number, signal: number, halfLife: number, epoch: number): void {
    const entry = this.directory[slot * SIGNALS + signal]!;
    if (entry !== 0) this.deleteInBlock(entry - 1, slot, signal, halfLife, epoch);
  }

  /**
   * For each half-life h, adds `weight * scales[h]` at `epochs[h]`, then drops the signal's counters
   * of epochs[h] - 2 and - 3 (prunableEpochs): addSignal and deleteSignal with one block lookup.
   */
  addSignalAndPrune(slot: number, signal: number, epochs: Float64Array, scales: Float64Array, weight: number): void {
    const block = this.blockOf(slot, signal);
    for (let h = 0; h < epochs.length; h++) this.addInBlock(block, slot, signal, h, epochs[h]!, weight * scales[h]!);
    for (let h = 0; h < epochs.length; h++) {
      this.deleteInBlock(block, slot, signal, h, epochs[h]! - 2);
      this.deleteInBlock(block, slot, signal, h, epochs[h]! - 3);
    }
  }

  /** Adds to a counter by field name. */
  add(slot: number, field: string, amount: number): void {
    const signal = signalFieldOf(field);
    if (signal) this.addSignal(slot, signal.signal, signal.halfLife, signal.epoch, amount);
    else this.fields.add(slot, field, amount);
  }

  /** Adds to a counter that is not a signal counter (`add` without the name check). */
  addOther(slot: number, field: string, amount: number): void {
    this.fields.add(slot, field, amount);
  }

  /** The number of a counter that is not a signal counter, for addOtherNumbered (valid until clear). */
  otherFieldNumber(field: string): number {
    return this.fields.numberOf(field);
  }

  /** addOther by the field's number. */
  addOtherNumbered(slot: number, number: number, amount: number): void {
    this.fields.addNumbered(slot, number, amount);
  }

  /** Removes a counter by field name. */
  delete(slot: number, field: string): void {
    const signal = signalFieldOf(field);
    if (signal) this.deleteSignal(slot, signal.signal, signal.halfLife, signal.epoch);
    else this.fields.delete(slot, field);
  }

  /** The entity's counters by field name: signal counters by signal, half-life and cell, then the others in insertion order. */
  record(slot: number): Record<string, number> {
    const record: Record<string, number> = {};
    for (let signal = 0; signal < SIGNALS; signal++) {
      const entry = this.directory[slot * SIGNALS + signal]!;
      if (entry === 0) continue;
      const base = (entry - 1) * BLOCK;
      for (let halfLife = 0; halfLife < HALF_LIVES; halfLife++) {
        for (let c = 0; c < EPOCH_CELLS; c++) {
          const cell = base + (halfLife * EPOCH_CELLS + c) * 2;
          const epoch = this.cells[cell]!;
          if (epoch === epoch) record[signalFieldName(signal, halfLife, epoch)] = this.cells[cell + 1]!;
        }
      }
    }
    this.fields.copyInto(slot, record);
    return record;
  }

  /**
   * The entity's signal counters decayed to `nowMs`: exactly readDecayed(record(slot), counter prefix,
   * nowMs), the same values added in the same order, without building or parsing field names.
   */
  decayedSignals(slot: number, nowMs: number): DecayedValues {
    const out = new DecayedValues();
    const cells = this.cells;
    for (let signal = 0; signal < SIGNALS; signal++) {
      const entry = this.directory[slot * SIGNALS + signal]!;
      if (entry === 0) continue;
      const base = (entry - 1) * BLOCK;
      for (let halfLife = 0; halfLife < HALF_LIVES; halfLife++) {
        for (let c = 0; c < EPOCH_CELLS; c++) {
          const cell = base + (halfLife * EPOCH_CELLS + c) * 2;
          const epoch = cells[cell]!;
          if (epoch === epoch) out.add(decayedSlots[signal * HALF_LIVES + halfLife]!, cells[cell + 1]! * decayFactor(halfLife, epoch, nowMs));
        }
      }
    }
    if (this.fields.hasAny(slot)) {
      this.fields.forEach(slot, (field, value) => {
        if (!field.startsWith(layout.counterPrefix) || field.charCodeAt(layout.counterPrefix.length) !== 46 /* . */) return;
        const parsed = parsedCounterField(field);
        if (parsed) out.add(slotOf(parsed), decayedValue(parsed, value, nowMs));
      });
    }
    return out;
  }

  /** Whether record(slot) would have any counter. */
  hasAny(slot: number): boolean {
    for (let signal = 0; signal < SIGNALS; signal++) {
      const entry = this.directory[slot * SIGNALS + signal]!;
      if (entry === 0) continue;
      const base = (entry - 1) * BLOCK;
      for (let cell = base; cell < base + BLOCK; cell += 2) if (this.cells[cell] === this.cells[cell]) return true;
    }
    return this.fields.hasAny(slot);
  }

  /** A counter that is not a signal counter (e.g. followers), by field name. */
  other(slot: number, field: string): number | undefined {
    return this.fields.get(slot, field);
  }

  clear(): void {
    this.directory.fill(0);
    this.overflow.fill(0);
    this.blocks = 0;
    this.fields.clear();
  }

  private addInBlock(block: number, slot: number, signal: number, halfLife: number, epoch: number, amount: number): void {
    if (this.overflow[block]! > 0) {
      const field = signalFieldName(signal, halfLife, epoch);
      if (this.fields.has(slot, field)) return this.fields.add(slot, field, amount);
    }
    const cell = block * BLOCK + (halfLife * EPOCH_CELLS + (epoch & (EPOCH_CELLS - 1))) * 2;
    const tag = this.cells[cell]!;
    if (tag === epoch) {
      this.cells[cell + 1]! += amount;
    } else if (tag !== tag) {
      this.cells[cell] = epoch;
      this.cells[cell + 1] = 0 + amount;
    } else {
      this.fields.add(slot, signalFieldName(signal, halfLife, epoch), amount);
      this.overflow[block]!++;
    }
  }

  private deleteInBlock(block: number, slot: number, signal: number, halfLife: number, epoch: number): void {
    const cell = block * BLOCK + (halfLife * EPOCH_CELLS + (epoch & (EPOCH_CELLS - 1))) * 2;
    if (this.cells[cell] === epoch) {
      this.cells[cell] = NaN;
      this.cells[cell + 1] = 0;
    } else if (this.overflow[block]! > 0 && this.fields.delete(slot, signalFieldName(signal, halfLife, epoch))) {
      this.overflow[block]!--;
    }
  }

  /** The block of (slot, signal), allocated (all cells empty) on first use. */
  private blockOf(slot: number, signal: number): number {
    const at = slot * SIGNALS + signal;
    const entry = this.directory[at]!;
    if (entry !== 0) return entry - 1;
    const block = this.blocks++;
    if (this.blocks * BLOCK > this.cells.length) {
      const cells = new Float64Array(this.cells.length * 2);
      cells.set(this.cells);
      this.cells = cells;
      const overflow = new Int32Array(this.overflow.length * 2);
      overflow.set(this.overflow);
      this.overflow = overflow;
    }
    this.cells.fill(NaN, block * BLOCK, (block + 1) * BLOCK);
    this.overflow[block] = 0;
    this.directory[at] = block + 1;
    return block;
  }
}
