import { FeatureColumn, FeatureType } from '@cascade/contracts';
import type { FeatureDefinition, FeatureValueType } from './feature-definition';

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
  const column: FeatureColumn = { name: def.name, type: protoType[def.type], numbers: [], ids: [], idLists: [], defaultedRows: [] };
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
