import { setImmediate as nextTurn } from 'node:timers/promises';
import { AnnIndex } from './ann-index';
import { buildAnnIndex } from './build-ann-index';
import { IndexHolder } from './index-holder';
import { randomUnitVectors } from './synthetic-vectors';

describe('IndexHolder', () => {
  const dim = 8;
  const build = (version: string, seed: number) =>
    buildAnnIndex({ ids: Array.from({ length: 400 }, (_, i) => `${version}-${i}`), vectors: randomUnitVectors(400, dim, seed), dim }, { modelVersion: version });

  it('is empty until the first index and returns the one it replaces', async () => {
    const holder = new IndexHolder<AnnIndex>();
    expect(holder.current()).toBeUndefined();
    const first = await build('v1', 1);
    expect(holder.swap(first)).toBeUndefined();
    expect(holder.swap(await build('v2', 2))).toBe(first);
    expect(holder.current()?.modelVersion).toBe('v2');
  });

  it('never fails a search while indexes are swapped, even from inside a running search', async () => {
    const versions = [await build('v1', 1), await build('v2', 2), await build('v3', 3)];
    const holder = new IndexHolder(versions[0]!);
    const queries = randomUnitVectors(50, dim, 4);
    let swaps = 0;
    const swapNext = () => holder.swap(versions[++swaps % versions.length]!);
    const searched: string[] = [];

    const searcher = async (worker: number) => {
      for (let i = 0; i < 200; i++) {
        const index = holder.current()!;
        // The filter runs inside the native search: swapping there replaces the index mid-search.
        const result = index.search(queries.subarray(((i + worker) % 50) * dim, ((i + worker) % 50 + 1) * dim), 20, {
          filter: (id) => {
            if (id.endsWith('-7')) swapNext();
            return true;
          },
        });
        expect(result.ids).toHaveLength(20);
        expect(result.ids.every((id) => id.startsWith(`${index.modelVersion}-`))).toBe(true);
        searched.push(index.modelVersion);
        await nextTurn();
      }
    };
    const swapper = async () => {
      for (let i = 0; i < 300; i++) {
        swapNext();
        await nextTurn();
      }
    };
    await Promise.all([searcher(0), searcher(1), searcher(2), swapper()]);
    expect(searched).toHaveLength(600);
    expect(new Set(searched)).toEqual(new Set(['v1', 'v2', 'v3']));
  });
});
