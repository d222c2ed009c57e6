import { FeatureColumn, FeatureType } from '@cascade/contracts';
import type { DecayedValues } from './decayed-values';
import type { FeatureDefinition, FeatureValueType } from './feature-definition';

/** numberBytes of a column whose values are in `numbers` (shared: nothing writes into it). */
const noBytes = Buffer.alloc(0);

const protoType: Record<FeatureValueType, FeatureType> = {
  number: FeatureType.FEATURE_TYPE_NUMBER,
  id: FeatureType.FEATURE_TYPE_ID,
  id_list: FeatureType.FEATURE_TYPE_ID_LIST,
};

/** Whether each row's entity has state: the same answer for every row, or one per row. */
export type RowsKnown = boolean | readonly boolean[];

const isKnown = (known: RowsKnown, row: number): boolean => (typeof known === 'boolean' ? known : known[row] === true);

/**
 * One feature's column over `contexts` (one per row). A row whose value is unknown, or whose
 * entity has no state, gets the feature's default and is listed in `defaultedRows`; a number
 * feature's non-finite value is replaced by the default without being listed.
 */
export function featureColumn<C>(def: FeatureDefinition, contexts: readonly C[], known: RowsKnown): FeatureColumn {
  const column: FeatureColumn = { name: def.name, type: protoType[def.type], numbers: [], ids: [], idLists: [], defaultedRows: [], numberBytes: noBytes };
  const compute = def.compute as (ctx: C) => unknown;
  const { defaultedRows } = column;
  for (let row = 0; row < contexts.length; row++) {
    let value = compute(contexts[row]!);
    if (value === undefined || !isKnown(known, row)) {
      value = def.defaultValue;
      defaultedRows.push(row);
    }
    if (def.type === 'number') column.numbers.push(Number.isFinite(value as number) ? (value as number) : (def.defaultValue as number));
    else if (def.type === 'id') column.ids.push(value as string);
    else column.idLists.push({ ids: value as string[] });
  }
  return column;
}

/**
 * featureColumn of a number feature that is one decayed counter (`def.counter`), read straight from
 * each row's view: the same values as calling `def.compute` per row.
 */
export function counterColumn(def: FeatureDefinition, slot: number, views: readonly { counters: DecayedValues }[], known: readonly boolean[]): FeatureColumn {
  const column: FeatureColumn = { name: def.name, type: protoType[def.type], numbers: new Array<number>(views.length), ids: [], idLists: [], defaultedRows: [], numberBytes: noBytes };
  const fallback = def.defaultValue as number;
  const { numbers, defaultedRows } = column;
  for (let row = 0; row < views.length; row++) {
    let value = fallback;
    if (known[row] === true) value = views[row]!.counters.at(slot);
    else defaultedRows.push(row);
    numbers[row] = Number.isFinite(value) ? value : fallback;
  }
  return column;
}
