import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InteractionDatasetBuilder } from './dataset-builder';
import { datasetPath } from './datasets-dir';
import type { InteractionDataset } from './interaction-dataset';

/** Ratings of 4 stars or more are positives (label 1); lower ratings are explicit negatives (label 0). */
export const MOVIELENS_POSITIVE_RATING = 4;
export const MOVIELENS_POSITIVE_RULE = `rating >= ${MOVIELENS_POSITIVE_RATING} stars is a positive (label 1), lower ratings are negatives (label 0); the stars are kept in the rating column`;

const ratingLabel = (rating: number): number => (rating >= MOVIELENS_POSITIVE_RATING ? 1 : 0);

function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.length > 0);
}

function parseNumber(value: string | undefined, what: string): number {
  const parsed = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(parsed)) throw new Error(`MovieLens: bad ${what} "${value}"`);
  return parsed;
}

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** "01-Jan-1995" → epoch ms (UTC), undefined when empty or malformed. */
function releaseDateMs(text: string | undefined): number | undefined {
  const match = /^(\d{1,2})-([A-Z][a-z]{2})-(\d{4})$/.exec(text ?? '');
  const month = match ? MONTHS[match[2]!] : undefined;
  return match && month !== undefined ? Date.UTC(Number(match[3]), month, Number(match[1])) : undefined;
}

/** Parsed `u.item` (`|`-separated, latin-1): title, release date and the genre flags → categories. */
export function addMovieLens100kItems(builder: InteractionDatasetBuilder, itemText: string, genreText: string): void {
  const genres: string[] = [];
  for (const line of lines(genreText)) {
    const [name, index] = line.split('|');
    if (name !== undefined && index !== undefined) genres[Number(index)] = name;
  }
  for (const line of lines(itemText)) {
    const fields = line.split('|');
    const flags = fields.slice(5);
    const categories = flags.flatMap((flag, g) => (flag === '1' && genres[g] !== undefined ? [genres[g]!] : []));
    const createdAtMs = releaseDateMs(fields[2]);
    builder.addItem(fields[0]!, { title: fields[1] ?? '', categories, ...(createdAtMs !== undefined ? { createdAtMs } : {}) });
  }
}

/** Parsed `u.data`: tab-separated `user item rating unix-seconds`. */
export function addMovieLens100kRatings(builder: InteractionDatasetBuilder, dataText: string): void {
  for (const line of lines(dataText)) {
    const [user, item, rating, seconds] = line.split('\t');
    const stars = parseNumber(rating, 'rating');
    builder.add({ user: user!, item: item!, label: ratingLabel(stars), rating: stars, timeMs: parseNumber(seconds, 'timestamp') * 1000 });
  }
}

/**
 * MovieLens 100K (`u.data`, `u.item`, `u.genre`) in catalogue order of `u.item`. Positive rule:
 * MOVIELENS_POSITIVE_RULE; timestamps kept.
 */
export async function readMovieLens100k(dir?: string): Promise<InteractionDataset> {
  const root = datasetPath('movielens-100k', dir);
  const [data, item, genre] = await Promise.all([
    readFile(join(root, 'u.data'), 'utf8'),
    readFile(join(root, 'u.item'), 'latin1'),
    readFile(join(root, 'u.genre'), 'latin1'),
  ]);
  const builder = new InteractionDatasetBuilder();
  addMovieLens100kItems(builder, item, genre);
  addMovieLens100kRatings(builder, data);
  return builder.build('movielens-100k', root);
}

/** Parsed `movies.csv` (`movieId,title,genres`, genres `|`-separated). */
export function addMovieLensCsvMovies(builder: InteractionDatasetBuilder, moviesCsv: string): void {
  const rows = parse(moviesCsv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  for (const row of rows) {
    const genres = (row['genres'] ?? '').split('|').filter((g) => g.length > 0 && g !== '(no genres listed)');
    builder.addItem(row['movieId']!, { title: row['title'] ?? '', categories: genres });
  }
}

/** Parsed `ratings.csv` (`userId,movieId,rating,timestamp`, half stars, unix seconds). */
export function addMovieLensCsvRatings(builder: InteractionDatasetBuilder, ratingsCsv: string): void {
  const rows = parse(ratingsCsv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  for (const row of rows) {
    const stars = parseNumber(row['rating'], 'rating');
    builder.add({
      user: row['userId']!,
      item: row['movieId']!,
      label: ratingLabel(stars),
      rating: stars,
      timeMs: parseNumber(row['timestamp'], 'timestamp') * 1000,
    });
  }
}

/**
 * MovieLens latest-small (`ratings.csv`, `movies.csv`). The catalogue is every movie of
 * movies.csv, rated or not. Positive rule: MOVIELENS_POSITIVE_RULE; timestamps kept.
 */
export async function readMovieLensLatestSmall(dir?: string): Promise<InteractionDataset> {
  const root = datasetPath('movielens-latest-small', dir);
  const [ratings, movies] = await Promise.all([readFile(join(root, 'ratings.csv'), 'utf8'), readFile(join(root, 'movies.csv'), 'utf8')]);
  const builder = new InteractionDatasetBuilder();
  addMovieLensCsvMovies(builder, movies);
  addMovieLensCsvRatings(builder, ratings);
  return builder.build('movielens-latest-small', root);
}
