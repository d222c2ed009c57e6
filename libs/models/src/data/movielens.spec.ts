import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InteractionDatasetBuilder } from './dataset-builder';
import { defaultDatasetsDir } from './datasets-dir';
import { isPositiveLabel } from './interaction-dataset';
import {
  addMovieLens100kItems,
  addMovieLens100kRatings,
  addMovieLensCsvMovies,
  addMovieLensCsvRatings,
  readMovieLens100k,
  readMovieLensLatestSmall,
} from './movielens';

describe('MovieLens 100K format', () => {
  const genres = 'unknown|0\nAction|1\nComedy|2\n\n';
  const items = '1|Toy Story (1995)|01-Jan-1995||http://x|0|0|1\n2|GoldenEye (1995)||||0|1|1\n';
  const ratings = '7\t2\t5\t881250949\n7\t1\t3\t881250950\n9\t1\t4\t881250951\n';

  it('reads titles, genre flags as categories and release dates from u.item', () => {
    const builder = new InteractionDatasetBuilder();
    addMovieLens100kItems(builder, items, genres);
    const dataset = builder.build('t', 'memory');
    expect(dataset.itemIds).toEqual(['1', '2']);
    expect(dataset.items[0]).toEqual({ title: 'Toy Story (1995)', categories: ['Comedy'], createdAtMs: Date.UTC(1995, 0, 1) });
    expect(dataset.items[1]).toEqual({ title: 'GoldenEye (1995)', categories: ['Action', 'Comedy'] });
  });

  it('labels 4 and 5 stars positive and keeps stars and timestamps (ms)', () => {
    const builder = new InteractionDatasetBuilder();
    addMovieLens100kItems(builder, items, genres);
    addMovieLens100kRatings(builder, ratings);
    const { interactions, userIds } = builder.build('t', 'memory');
    expect(userIds).toEqual(['7', '9']);
    expect(Array.from(interactions.item)).toEqual([1, 0, 0]);
    expect(Array.from(interactions.label)).toEqual([1, 0, 1]);
    expect(Array.from(interactions.rating!)).toEqual([5, 3, 4]);
    expect(interactions.timeMs![0]).toBe(881250949000);
  });
});

describe('MovieLens CSV format (latest-small)', () => {
  it('reads quoted titles, pipe-separated genres and CRLF lines, with unrated movies in the catalogue', () => {
    const builder = new InteractionDatasetBuilder();
    addMovieLensCsvMovies(builder, 'movieId,title,genres\r\n1,"American President, The (1995)",Comedy|Drama|Romance\r\n5,Unrated,(no genres listed)\r\n');
    addMovieLensCsvRatings(builder, 'userId,movieId,rating,timestamp\r\n3,1,3.5,964982703\r\n3,1,4.0,964982704\r\n');
    const dataset = builder.build('t', 'memory');
    expect(dataset.itemIds).toEqual(['1', '5']);
    expect(dataset.items[0]).toEqual({ title: 'American President, The (1995)', categories: ['Comedy', 'Drama', 'Romance'] });
    expect(dataset.items[1]).toEqual({ title: 'Unrated', categories: [] });
    expect(Array.from(dataset.interactions.label)).toEqual([0, 1]);
    expect(Array.from(dataset.interactions.rating!)).toEqual([3.5, 4]);
  });
});

// Reads the real files in place when the shared datasets folder is there (it is in CI).
const ml100k = join(defaultDatasetsDir(), 'movielens-100k');
if (existsSync(join(ml100k, 'u.data'))) {
  describe('MovieLens 100K files', () => {
    it('match the published counts: 100,000 ratings, 943 users, 1,682 items, 55,375 of them ≥ 4 stars', async () => {
      const dataset = await readMovieLens100k(ml100k);
      expect(dataset.interactions.label.length).toBe(100_000);
      expect(dataset.userIds.length).toBe(943);
      expect(dataset.itemIds.length).toBe(1682);
      expect(dataset.interactions.label.filter(isPositiveLabel).length).toBe(34_174 + 21_201);
    });
  });
}

const mlSmall = join(defaultDatasetsDir(), 'movielens-latest-small');
if (existsSync(join(mlSmall, 'ratings.csv'))) {
  describe('MovieLens latest-small files', () => {
    it('match the published counts: 100,836 ratings by 610 users over a 9,742-movie catalogue', async () => {
      const dataset = await readMovieLensLatestSmall(mlSmall);
      expect(dataset.interactions.label.length).toBe(100_836);
      expect(dataset.userIds.length).toBe(610);
      expect(dataset.itemIds.length).toBe(9742);
    });
  });
}
