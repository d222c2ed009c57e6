import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWeights } from './read-weights';

describe('readWeights', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-read-weights-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every file, in order, into one buffer through bounded chunks', async () => {
    const first = Uint8Array.from({ length: 23 }, (_, i) => i);
    const second = Uint8Array.from({ length: 10 }, (_, i) => 100 + i);
    writeFileSync(join(dir, 'a.bin'), first);
    writeFileSync(join(dir, 'b.bin'), second);
    const buffer = await readWeights([join(dir, 'a.bin'), join(dir, 'b.bin')], 7);
    expect(Array.from(new Uint8Array(buffer))).toEqual([...first, ...second]);
  });

  it('reads an empty manifest as no bytes', async () => {
    expect((await readWeights([])).byteLength).toBe(0);
  });
});
