import type { InteractionDataset, InteractionSplit } from './interaction-dataset';

export interface FractionSplitOptions {
  /** Share of each user's rows held out for test (default 0.2). */
  testFraction?: number;
  /** Share held out for validation, taken just before the test rows (default 0: no validation part). */
  validFraction?: number;
}

function checkFractions(test: number, valid: number): void {
  if (!(test > 0 && valid >= 0 && test + valid < 1)) throw new RangeError(`split fractions must satisfy 0 < test, 0 <= valid, test + valid < 1; got test ${test}, valid ${valid}`);
}

/** Row indices grouped by user, each group in row order. */
export function rowsByUser(dataset: InteractionDataset): Int32Array[] {
  const { user } = dataset.interactions;
  const counts = new Int32Array(dataset.userIds.length);
  for (let r = 0; r < user.length; r++) counts[user[r]!]!++;
  const groups = Array.from(counts, (n) => new Int32Array(n));
  const filled = new Int32Array(dataset.userIds.length);
  for (let r = 0; r < user.length; r++) {
    const u = user[r]!;
    groups[u]![filled[u]!++] = r;
  }
  return groups;
}

/**
 * Cuts each user's ordered rows: the last floor(n × test) go to test, the floor(n × valid) before
 * them to valid, the rest to train. A user with fewer than 1 / test rows therefore has no test rows.
 */
function cutPerUser(ordered: Int32Array[], test: number, valid: number): { train: number[]; valid: number[]; test: number[] } {
  const parts = { train: [] as number[], valid: [] as number[], test: [] as number[] };
  for (const rows of ordered) {
    const nTest = Math.floor(rows.length * test);
    const nValid = Math.floor(rows.length * valid);
    const trainEnd = rows.length - nTest - nValid;
    for (let k = 0; k < rows.length; k++) {
      const part = k < trainEnd ? parts.train : k < trainEnd + nValid ? parts.valid : parts.test;
      part.push(rows[k]!);
    }
  }
  return parts;
}

function toSplit(parts: { train: number[]; valid: number[]; test: number[] }, withValid: boolean, protocol: string): InteractionSplit {
  const sorted = (rows: number[]) => Int32Array.from(rows).sort();
  const split: InteractionSplit = { train: sorted(parts.train), test: sorted(parts.test), protocol };
  if (withValid) split.valid = sorted(parts.valid);
  return split;
}

/**
 * Per-user temporal hold-out (leave-last-20%-out): each user's rows sorted by time (ties by row
 * order); the most recent floor(n × testFraction) are test. Needs timestamps. Users' cuts are
 * independent, so one user's test rows may precede another user's training rows in absolute time.
 */
export function temporalSplitPerUser(dataset: InteractionDataset, options: FractionSplitOptions = {}): InteractionSplit {
  const time = dataset.interactions.timeMs;
  if (!time) throw new Error(`temporalSplitPerUser: ${dataset.name} has no timestamps; use randomSplitPerUser or its predefined split`);
  const test = options.testFraction ?? 0.2;
  const valid = options.validFraction ?? 0;
  checkFractions(test, valid);
  const ordered = rowsByUser(dataset).map((rows) => rows.sort((a, b) => time[a]! - time[b]! || a - b));
  const validText = valid > 0 ? `, the floor(n × ${valid}) before them valid` : '';
  return toSplit(
    cutPerUser(ordered, test, valid),
    valid > 0,
    `temporal per user: each user's interactions sorted by time, the last floor(n × ${test}) are test${validText}, the rest train`,
  );
}

/**
 * Global time cut: rows at or after the (1 − testFraction) time quantile are test, the rest train
 * (validation, when asked, is the slice just before). No future leaks into training for anyone.
 */
export function globalTemporalSplit(dataset: InteractionDataset, options: FractionSplitOptions = {}): InteractionSplit {
  const time = dataset.interactions.timeMs;
  if (!time) throw new Error(`globalTemporalSplit: ${dataset.name} has no timestamps`);
  const test = options.testFraction ?? 0.2;
  const valid = options.validFraction ?? 0;
  checkFractions(test, valid);
  const n = time.length;
  const byTime = Int32Array.from({ length: n }, (_, r) => r).sort((a, b) => time[a]! - time[b]! || a - b);
  const quantile = (share: number): number => (n === 0 ? 0 : time[byTime[Math.min(n - 1, Math.floor(n * share))]!]!);
  const testFrom = quantile(1 - test);
  const validFrom = valid > 0 ? quantile(1 - test - valid) : testFrom;
  const parts = { train: [] as number[], valid: [] as number[], test: [] as number[] };
  for (let r = 0; r < n; r++) (time[r]! >= testFrom ? parts.test : time[r]! >= validFrom ? parts.valid : parts.train).push(r);
  return toSplit(parts, valid > 0, `global time cut: rows at or after t = ${new Date(testFrom).toISOString()} (the ${1 - test} time quantile) are test, the rest train`);
}

/** sfc32, seeded: small, fast and the same everywhere. */
function seededRandom(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/**
 * Per-user random hold-out for sources without timestamps: each user's rows shuffled with a seeded
 * Fisher–Yates, then cut like the temporal split (last floor(n × testFraction) test).
 */
export function randomSplitPerUser(dataset: InteractionDataset, options: FractionSplitOptions & { seed?: number } = {}): InteractionSplit {
  const test = options.testFraction ?? 0.2;
  const valid = options.validFraction ?? 0;
  const seed = options.seed ?? 42;
  checkFractions(test, valid);
  const random = seededRandom(seed);
  const shuffled = rowsByUser(dataset).map((rows) => {
    for (let k = rows.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      const swap = rows[k]!;
      rows[k] = rows[j]!;
      rows[j] = swap;
    }
    return rows;
  });
  return toSplit(cutPerUser(shuffled, test, valid), valid > 0, `random per user (seed ${seed}): each user's interactions shuffled, floor(n × ${test}) of them test, the rest train`);
}

/** The source's own split; throws when it has none. */
export function predefinedSplit(dataset: InteractionDataset): InteractionSplit {
  if (!dataset.predefinedSplit) throw new Error(`${dataset.name} has no predefined split`);
  return dataset.predefinedSplit;
}
