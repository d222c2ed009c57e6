// The benchmarks the suite runs, in order, with their full and quick arguments and the
// infrastructure each one needs.

export type Infrastructure = 'kafka' | 'redis';

export interface BenchSpec {
  /** Id for --only / --skip. */
  name: string;
  /** Script path from the repository root. */
  script: string;
  /** Arguments of the recorded (full) run. */
  args: readonly string[];
  /** Arguments of a --quick smoke run: each bench's small sizes. */
  quickArgs: readonly string[];
  needs: readonly Infrastructure[];
}

export const benchCatalog: readonly BenchSpec[] = [
  { name: 'ranker', script: 'tools/bench/ranker-inference.ts', args: [], quickArgs: ['--seconds', '1'], needs: [] },
  { name: 'blending', script: 'tools/bench/blending.ts', args: [], quickArgs: ['--requests', '300'], needs: [] },
  {
    name: 'ann',
    script: 'tools/bench/ann.ts',
    // efConstruction 100: the recorded 1M build (~18 minutes, then cached under .cache/bench/ann).
    args: ['--ef-construction', '100'],
    quickArgs: ['--items', '20000', '--queries', '200', '--efs', '100,200', '--ef-construction', '100'],
    needs: [],
  },
  { name: 'feature-serving', script: 'tools/bench/feature-serving.ts', args: [], quickArgs: ['--quick'], needs: ['kafka', 'redis'] },
  { name: 'feature', script: 'tools/bench/feature-ingestion.ts', args: [], quickArgs: ['--quick'], needs: ['kafka', 'redis'] },
  {
    name: 'retrieval',
    script: 'tools/bench/retrieval.ts',
    args: ['--preset', 'medium', '--max-events', '100000'],
    quickArgs: ['--preset', 'small', '--max-events', '20000', '--requests', '50', '--probes', '10'],
    needs: ['kafka'],
  },
  { name: 'end-to-end', script: 'tools/bench/end-to-end.ts', args: [], quickArgs: ['--quick'], needs: ['kafka', 'redis'] },
];

/** The catalogue filtered by --only and --skip (comma lists of names); unknown names are an error. */
export function selectBenches(catalog: readonly BenchSpec[], only: readonly string[], skip: readonly string[]): BenchSpec[] {
  const known = new Set(catalog.map((b) => b.name));
  const unknown = [...only, ...skip].filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${[...known].join(', ')}`);
  return catalog.filter((b) => (only.length === 0 || only.includes(b.name)) && !skip.includes(b.name));
}

/** A comma list from the command line ("a,b" → ["a", "b"]). */
export function nameList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
