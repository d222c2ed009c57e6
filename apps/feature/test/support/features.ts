import type { FeatureColumn, GetFeaturesResponse } from '@cascade/contracts';

/** Column access by feature name over a GetFeatures response. */
export class FeatureTable {
  private readonly columns = new Map<string, { column: FeatureColumn; block: 'user' | 'item' | 'cross' }>();

  constructor(readonly response: GetFeaturesResponse) {
    for (const column of response.userFeatures) this.columns.set(column.name, { column, block: 'user' });
    for (const column of response.itemFeatures) this.columns.set(column.name, { column, block: 'item' });
    for (const column of response.crossFeatures) this.columns.set(column.name, { column, block: 'cross' });
  }

  column(name: string): FeatureColumn {
    const entry = this.columns.get(name);
    if (!entry) throw new Error(`no column ${name} in the response`);
    return entry.column;
  }

  /** Numbers of a number feature: one per item row (or the single user row). */
  numbers(name: string): number[] {
    return this.column(name).numbers;
  }

  number(name: string, row = 0): number {
    const value = this.column(name).numbers[row];
    if (value === undefined) throw new Error(`${name} has no row ${row}`);
    return value;
  }

  ids(name: string): string[] {
    return this.column(name).ids;
  }

  idList(name: string, row = 0): string[] {
    return this.column(name).idLists[row]?.ids ?? [];
  }

  defaultedRows(name: string): number[] {
    return this.column(name).defaultedRows;
  }

  /** Every column as plain values, for comparing two responses. */
  values(): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const [name, { column }] of this.columns) {
      out[name] = column.numbers.length > 0 ? column.numbers : column.ids.length > 0 ? column.ids : column.idLists.map((l) => l.ids);
    }
    return out;
  }
}

/**
 * Differences between two responses' values: numbers within a relative tolerance (float sums
 * depend on the order of additions, and Redis adds in long double), everything else exactly.
 */
export function featureDifferences(actual: GetFeaturesResponse, expected: GetFeaturesResponse, tolerance = 1e-9): string[] {
  const a = new FeatureTable(actual).values();
  const e = new FeatureTable(expected).values();
  const problems: string[] = [];
  for (const name of new Set([...Object.keys(a), ...Object.keys(e)])) {
    const av = a[name] ?? [];
    const ev = e[name] ?? [];
    if (av.length !== ev.length) {
      problems.push(`${name}: ${av.length} rows, expected ${ev.length}`);
      continue;
    }
    ev.forEach((want, row) => {
      const got = av[row];
      const same =
        typeof want === 'number' && typeof got === 'number'
          ? Math.abs(got - want) <= tolerance * Math.max(1, Math.abs(want))
          : JSON.stringify(got) === JSON.stringify(want);
      if (!same) problems.push(`${name}[${row}]: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    });
  }
  for (const [label, x, y] of [['userDefaulted', actual.userDefaulted, expected.userDefaulted]] as const) {
    if (x !== y) problems.push(`${label}: ${x}, expected ${y}`);
  }
  return problems;
}
