import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDatasetsDir } from './datasets-dir';
import { isPositiveLabel } from './interaction-dataset';
import { readKuaiRecSmall } from './kuairec';

describe('readKuaiRecSmall', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kuairec-'));
    await writeFile(join(dir, 'info.txt'), 'users 3\nitems 4\ntrain 3\n    1.00: 2\n');
    await writeFile(join(dir, 'train.txt'), '0 2 1.00\n1 3 0.00\n2 2 1.00\n');
    await writeFile(join(dir, 'valid.txt'), '0 1 0.00\n');
    await writeFile(join(dir, 'test.txt'), '1 0 1.00\n2 1 0.00\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps the files’ ids as indices and their split as the predefined split', async () => {
    const dataset = await readKuaiRecSmall(dir);
    expect(dataset.userIds).toEqual(['0', '1', '2']);
    expect(dataset.itemIds).toEqual(['0', '1', '2', '3']);
    expect(Array.from(dataset.interactions.item)).toEqual([2, 3, 2, 1, 0, 1]);
    expect(Array.from(dataset.interactions.label)).toEqual([1, 0, 1, 0, 1, 0]);
    expect(dataset.interactions.timeMs).toBeUndefined();
    const split = dataset.predefinedSplit!;
    expect(Array.from(split.train)).toEqual([0, 1, 2]);
    expect(Array.from(split.valid!)).toEqual([3]);
    expect(Array.from(split.test)).toEqual([4, 5]);
  });

  it('names the file and line of a malformed row', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'kuairec-bad-'));
    await Promise.all([
      writeFile(join(bad, 'info.txt'), 'users 1\nitems 1\n'),
      writeFile(join(bad, 'train.txt'), '0 0 1.00\n'),
      writeFile(join(bad, 'valid.txt'), '0 0 yes\n'),
      writeFile(join(bad, 'test.txt'), ''),
    ]);
    await expect(readKuaiRecSmall(bad)).rejects.toThrow('valid.txt:1');
    await rm(bad, { recursive: true, force: true });
  });
});

const real = join(defaultDatasetsDir(), 'kuairec-small-matrix-signed-sigformer');
if (existsSync(join(real, 'train.txt'))) {
  describe('KuaiRec small signed files', () => {
    it('match info.txt: 1,411 users, 3,327 items, 177,789 / 25,398 / 50,796 rows, 36,560 positives', async () => {
      const dataset = await readKuaiRecSmall(real);
      expect(dataset.userIds.length).toBe(1411);
      expect(dataset.itemIds.length).toBe(3327);
      const split = dataset.predefinedSplit!;
      expect([split.train.length, split.valid!.length, split.test.length]).toEqual([177_789, 25_398, 50_796]);
      expect(dataset.interactions.label.filter(isPositiveLabel).length).toBe(36_560);
    });
  });
}
