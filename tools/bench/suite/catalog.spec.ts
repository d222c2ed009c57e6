import { benchCatalog, nameList, selectBenches } from './catalog';

describe('bench selection', () => {
  it('keeps catalogue order, applies --only then --skip', () => {
    expect(selectBenches(benchCatalog, [], []).map((b) => b.name)).toEqual(benchCatalog.map((b) => b.name));
    expect(selectBenches(benchCatalog, ['retrieval', 'ann'], []).map((b) => b.name)).toEqual(['ann', 'retrieval']);
    expect(selectBenches(benchCatalog, [], ['ann', 'end-to-end']).map((b) => b.name)).not.toContain('ann');
  });

  it('refuses an unknown name, listing the known ones', () => {
    expect(() => selectBenches(benchCatalog, ['nope'], [])).toThrow(/unknown bench "nope"; known: ranker/);
  });

  it('parses comma lists', () => {
    expect(nameList(' a, b,,c ')).toEqual(['a', 'b', 'c']);
    expect(nameList(undefined)).toEqual([]);
  });

  it('lists the end-to-end bench and every per-stage bench', () => {
    expect(benchCatalog.map((b) => b.name)).toEqual(expect.arrayContaining(['end-to-end', 'feature-serving', 'blending', 'ranker', 'retrieval', 'ann', 'feature']));
  });
});
