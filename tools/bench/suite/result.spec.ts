import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCommand, BenchResult, jsonOutputPath, parseBenchResult, writeBenchResult } from './result';

const result: BenchResult = {
  name: 'blending',
  title: 'Blending alone',
  command: 'npx tsx tools/bench/blending.ts',
  markdown: '| x |',
  bars: [{ bar: 'b', target: '≤ 1 ms', measured: '0.5 ms', met: true }],
};

describe('bench result contract', () => {
  it('finds --json in both spellings and leaves it out of the command shown', () => {
    expect(jsonOutputPath(['--quick', '--json', 'out.json'])).toBe('out.json');
    expect(jsonOutputPath(['--json=out.json'])).toBe('out.json');
    expect(jsonOutputPath(['--quick'])).toBeUndefined();
    expect(benchCommand('tools/bench/ann.ts', ['--items', '1000', '--json', 'x.json', '--json=y.json'])).toBe('npx tsx tools/bench/ann.ts --items 1000');
  });

  it('writes a file that parses back to the same result', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-result-'));
    try {
      const file = join(dir, 'nested', 'blending.json');
      writeBenchResult(result, file);
      expect(parseBenchResult(readFileSync(file, 'utf8'))).toEqual(result);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a malformed result naming what is wrong', () => {
    expect(() => parseBenchResult(JSON.stringify({ ...result, markdown: 1 }))).toThrow(/markdown/);
    expect(() => parseBenchResult(JSON.stringify({ ...result, bars: [{ bar: 'b', target: 't', measured: 'm', met: 'yes' }] }))).toThrow(/bar row/);
  });
});
