import { beginMarker, BenchOutcome, demoteHeadings, endMarker, generatedBlock, replaceGeneratedBlock, summaryTable, summaryText, SuiteRun } from './markdown';

const ok = (name: string, bars: { bar: string; target: string; measured: string; met: boolean | null }[], markdown = '| a |\n| --- |\n| 1 |'): BenchOutcome => ({
  name,
  status: 'ok',
  result: { name, title: `${name} title`, command: `npx tsx tools/bench/${name}.ts`, backend: 'wasm', markdown, bars },
});

const outcomes: BenchOutcome[] = [
  ok('ann', [{ bar: 'recall@100 at ≥ 2,000 q/s per core', target: '≥ 0.95', measured: '0.976 | ef 100', met: true }]),
  ok('ranker', [{ bar: 'ranker throughput', target: '≥ 50% of matmul', measured: '9.2%', met: false }]),
  ok('blending', [{ bar: 'blending alone p99', target: '–', measured: '1.2 ms', met: null }]),
  { name: 'end-to-end', status: 'missing', detail: 'tools/bench/end-to-end.ts does not exist' },
];

const run: SuiteRun = {
  date: '2026-11-26T02:00:00.000Z',
  command: 'npm run bench -- --quick',
  machine: { cpus: 2, cpuModel: 'Test CPU', memoryGiB: 8, node: 'v20.0.0' },
  loadBefore: '0.50 0.40 0.30',
  loadAfter: '1.50 1.40 1.30',
  quick: true,
  outcomes,
};

describe('summary table', () => {
  it('has one row per bar, met as yes / **no** / –, pipes escaped, and a row for a bench that did not run', () => {
    expect(summaryTable(outcomes).split('\n')).toEqual([
      '| bench | bar | target | measured | met |',
      '| --- | --- | --- | --- | --- |',
      '| ann | recall@100 at ≥ 2,000 q/s per core | ≥ 0.95 | 0.976 \\| ef 100 | yes |',
      '| ranker | ranker throughput | ≥ 50% of matmul | 9.2% | **no** |',
      '| blending | blending alone p99 | – | 1.2 ms | – |',
      '| end-to-end | (missing) | – | tools/bench/end-to-end.ts does not exist | – |',
    ]);
  });

  it('aligns the terminal version in columns', () => {
    const lines = summaryText(outcomes).split('\n');
    expect(lines).toHaveLength(6);
    const metColumn = lines[0]!.indexOf('met');
    expect(lines[3]!.slice(metColumn)).toBe('NO');
    expect(lines[2]!.slice(metColumn)).toBe('yes');
  });
});

describe('demoteHeadings', () => {
  it('shifts headings so the highest is at the given level, leaving fenced code alone', () => {
    expect(demoteHeadings('## A\ntext\n### B\n```\n# not a heading\n```', 4)).toBe('#### A\ntext\n##### B\n```\n# not a heading\n```');
    expect(demoteHeadings('#### already deep', 4)).toBe('#### already deep');
    expect(demoteHeadings('no headings', 4)).toBe('no headings');
  });
});

describe('generated block', () => {
  const block = generatedBlock(run);

  it('is wrapped in the markers and records machine, command, date, load and backend', () => {
    expect(block.startsWith(`${beginMarker}\n`)).toBe(true);
    expect(block.endsWith(`\n${endMarker}`)).toBe(true);
    expect(block).toContain('quick smoke run');
    expect(block).toContain('`npm run bench -- --quick`');
    expect(block).toContain('2026-11-26T02:00:00.000Z');
    expect(block).toContain('2 CPUs (`nproc`), Test CPU, 8.0 GiB memory, Node v20.0.0, TF.js backend wasm');
    expect(block).toContain('Load average 0.50 0.40 0.30 before, 1.50 1.40 1.30 after');
    expect(block).toContain(summaryTable(outcomes));
  });

  it('has a section per bench with its command and markdown, and says which bench is missing', () => {
    expect(block).toContain('### ann title\n\n`npx tsx tools/bench/ann.ts`. TF.js backend wasm.\n\n| a |');
    expect(block).toContain('### end-to-end: missing');
  });
});

describe('replaceGeneratedBlock', () => {
  const history = '## ANN index (issue 5)\n\nhand-written history\n';
  const intro = '# Benchmarks\n\nIntro paragraph.\n\n';

  it('inserts the block below the intro, before the first section, when there are no markers', () => {
    const updated = replaceGeneratedBlock(intro + history, `${beginMarker}\nnew\n${endMarker}`);
    expect(updated).toBe(`${intro}${beginMarker}\nnew\n${endMarker}\n\n${history}`);
  });

  it('replaces only what is between the markers and keeps the rest byte for byte', () => {
    const once = replaceGeneratedBlock(intro + history, `${beginMarker}\nfirst\n${endMarker}`);
    const twice = replaceGeneratedBlock(once, `${beginMarker}\nsecond\n${endMarker}`);
    expect(twice).toBe(`${intro}${beginMarker}\nsecond\n${endMarker}\n\n${history}`);
    expect(twice).not.toContain('first');
  });

  it('refuses a document with only one marker', () => {
    expect(() => replaceGeneratedBlock(`${intro}${beginMarker}\n${history}`, 'x')).toThrow(/unmatched/);
  });
});
