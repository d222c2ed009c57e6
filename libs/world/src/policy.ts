/**
 * A crude "production" logging policy: which item a session shows next. It mixes popularity
 * (global and by language, rich-get-richer on logged engagement), freshness, followed creators,
 * interest-matched items and uniform exploration, so logged data carries exposure bias like real
 * logs: popular and interest-matched items are over-exposed, the long tail is rarely shown.
 */
import { Surface } from '@cascade/contracts';
import { MAX_ITEM_CATEGORIES, MAX_USER_INTERESTS, NO_CATEGORY, type Catalog } from './catalog';
import { COUNTRIES, LANGUAGES } from './vocabulary';
import { AliasTable, type Rng } from './random';
import { DAY_MS, type WorldParams } from './params';

/** How a candidate was found (for statistics and debugging; not part of the events). */
export enum PolicySource {
  POPULAR = 0,
  INTEREST = 1,
  FRESH = 2,
  FOLLOWING = 3,
  EXPLORE = 4,
}

/** Source mixture per surface: [popular, interest, fresh, following, explore]. */
const MIX: Record<number, readonly number[]> = {
  [Surface.SURFACE_SPOTLIGHT]: [0.3, 0.4, 0.1, 0.1, 0.1],
  [Surface.SURFACE_DISCOVER]: [0.45, 0.3, 0.15, 0, 0.1],
  [Surface.SURFACE_STORIES]: [0, 0.1, 0, 0.9, 0],
};

/** Share of popular picks from the user's language pool (the rest from the global pool). */
const LOCAL_POPULAR_SHARE = 0.65;
/** Fresh source: uploads of the last two days. */
const FRESH_WINDOW_MS = 2 * DAY_MS;
/** Popularity score: appeal × 1/(1 + age/τ) + κ × decayed logged engagement. */
const POPULARITY_AGE_MS = 2 * DAY_MS;
const ENGAGEMENT_WEIGHT = 0.05;
const ENGAGEMENT_HALF_LIFE_MS = DAY_MS;
/** Interest source: candidates drawn from a category pool, best by the policy's (noisy) model score. */
const INTEREST_CANDIDATES = 3;
/** Strided sample size used to estimate a pool's score threshold. */
const SAMPLE_SIZE = 512;

const languageOfCountry = COUNTRIES.map((c) => LANGUAGES.indexOf(c.language));

/** Items grouped by a key, ascending item index (= upload order) within a group. */
interface Buckets {
  offsets: Uint32Array;
  members: Uint32Array;
}

function bucketize(n: number, groups: number, key: (i: number) => number): Buckets {
  const offsets = new Uint32Array(groups + 1);
  for (let i = 0; i < n; i++) offsets[key(i) + 1] = offsets[key(i) + 1]! + 1;
  for (let g = 0; g < groups; g++) offsets[g + 1] = offsets[g + 1]! + offsets[g]!;
  const fill = offsets.slice(0, groups);
  const members = new Uint32Array(n);
  for (let i = 0; i < n; i++) members[fill[key(i)]!++] = i;
  return { offsets, members };
}

/** Static indexes the policy needs; built once per world. */
export interface PolicyIndex {
  byLanguage: Buckets;
  byCategory: Buckets;
}

export function buildPolicyIndex(catalog: Catalog): PolicyIndex {
  const { items, categories } = catalog;
  return {
    byLanguage: bucketize(items.count, LANGUAGES.length, (i) => items.language[i]!),
    byCategory: bucketize(items.count, categories.count, (i) => items.categories[i * MAX_ITEM_CATEGORIES]!),
  };
}

class Pool {
  items: Int32Array = new Int32Array(0);
  table: AliasTable | undefined;

  sample(rng: Rng): number {
    return this.table === undefined ? -1 : this.items[this.table.sample(rng)]!;
  }
}

/**
 * Reorders `idx[0..n)` so that its first k entries are the k highest `score[idx[·]]` (quickselect,
 * deterministic median-of-three pivots).
 */
function selectTop(idx: Int32Array, n: number, k: number, score: Float32Array): void {
  if (k >= n) return;
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const a = score[idx[lo]!]!;
    const b = score[idx[mid]!]!;
    const c = score[idx[hi]!]!;
    const pivot = a > b ? (b > c ? b : a > c ? c : a) : a > c ? a : b > c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (score[idx[i]!]! > pivot) i++;
      while (score[idx[j]!]! < pivot) j--;
      if (i <= j) {
        const t = idx[i]!;
        idx[i] = idx[j]!;
        idx[j] = t;
        i++;
        j--;
      }
    }
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else return;
  }
}

export class ProductionPolicy {
  private readonly D: number;
  private readonly score: Float32Array;
  /** Decayed count of positive engagement per item, logged by the simulation. */
  readonly engagement: Float32Array;
  private readonly scratch: Int32Array;
  private readonly identity: Uint32Array;
  private readonly sample = new Float32Array(SAMPLE_SIZE + 1);
  private readonly global = new Pool();
  private readonly byLanguage: Pool[];
  private readonly byCategory: Pool[];
  private liveEnd = 0;
  private freshStart = 0;
  private lastRefreshMs = Number.NaN;
  private readonly mixTables = new Map<number, AliasTable>();

  constructor(
    private readonly params: WorldParams,
    private readonly catalog: Catalog,
    private readonly index: PolicyIndex,
  ) {
    const n = catalog.items.count;
    this.D = params.latentDim;
    this.score = new Float32Array(n);
    this.engagement = new Float32Array(n);
    this.scratch = new Int32Array(n);
    this.identity = new Uint32Array(n);
    for (let i = 0; i < n; i++) this.identity[i] = i;
    this.byLanguage = LANGUAGES.map(() => new Pool());
    this.byCategory = Array.from({ length: catalog.categories.count }, () => new Pool());
    for (const [surface, mix] of Object.entries(MIX)) this.mixTables.set(Number(surface), new AliasTable(mix));
  }

  /** Number of items uploaded at or before `t` (item ids are in upload order). Call with non-decreasing t. */
  advance(t: number): void {
    const created = this.catalog.items.createdAtMs;
    const n = created.length;
    while (this.liveEnd < n && created[this.liveEnd]! <= t) this.liveEnd++;
    while (this.freshStart < this.liveEnd && created[this.freshStart]! < t - FRESH_WINDOW_MS) this.freshStart++;
  }

  get liveCount(): number {
    return this.liveEnd;
  }

  /** Rebuilds the popularity pools for time `t`. */
  refresh(t: number): void {
    this.advance(t);
    const { items } = this.catalog;
    const live = this.liveEnd;
    const score = this.score;
    const eng = this.engagement;
    const decay = Number.isNaN(this.lastRefreshMs) ? 1 : Math.pow(0.5, (t - this.lastRefreshMs) / ENGAGEMENT_HALF_LIFE_MS);
    this.lastRefreshMs = t;
    const created = items.createdAtMs;
    const deleted = items.deletedAtMs;
    const appeal = items.appeal;
    for (let i = 0; i < live; i++) {
      eng[i] = eng[i]! * decay;
      score[i] = deleted[i]! <= t ? -1 : appeal[i]! / (1 + (t - created[i]!) / POPULARITY_AGE_MS) + ENGAGEMENT_WEIGHT * eng[i]!;
    }
    // Global pool over every live item.
    this.fill(this.global, this.identity, 0, live, Math.min(5000, Math.max(50, Math.round(live / 20))));
    const { byLanguage, byCategory } = this.index;
    for (let g = 0; g < this.byLanguage.length; g++) {
      this.fillBucket(this.byLanguage[g]!, byLanguage, g, live, 3000, 10);
    }
    for (let g = 0; g < this.byCategory.length; g++) {
      this.fillBucket(this.byCategory[g]!, byCategory, g, live, 2000, 5);
    }
  }

  private fillBucket(pool: Pool, buckets: Buckets, g: number, live: number, maxK: number, fraction: number): void {
    const start = buckets.offsets[g]!;
    const end = buckets.offsets[g + 1]!;
    // Members are in ascending item order: the live ones are a prefix.
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (buckets.members[mid]! < live) lo = mid + 1;
      else hi = mid;
    }
    const n = lo - start;
    this.fill(pool, buckets.members, start, n, Math.min(maxK, Math.max(20, Math.round(n / fraction))));
  }

  /**
   * Pool of (about) the k highest-scoring live members. Large groups are first cut by a score
   * threshold estimated from an evenly strided sample, so a refresh stays linear and cache friendly.
   */
  private fill(pool: Pool, members: Uint32Array, start: number, n: number, k: number): void {
    const idx = this.scratch;
    const score = this.score;
    let threshold = 0;
    if (n > 2 * k) {
      const stride = Math.max(1, Math.floor(n / SAMPLE_SIZE));
      const sample = this.sample;
      let m = 0;
      for (let j = 0; j < n && m < sample.length; j += stride) sample[m++] = score[members[start + j]!]!;
      const sorted = sample.subarray(0, m).sort();
      // Aim for 1.5k survivors; the exact top k is selected among them.
      const rank = Math.floor(m * (1 - (1.5 * k) / n));
      threshold = Math.max(0, sorted[Math.min(m - 1, Math.max(0, rank))]!);
    }
    let m = 0;
    for (let j = 0; j < n; j++) {
      const i = members[start + j]!;
      const s = score[i]!;
      if (s >= threshold && s >= 0) idx[m++] = i;
    }
    if (m === 0) {
      pool.items = new Int32Array(0);
      pool.table = undefined;
      return;
    }
    selectTop(idx, m, k, score);
    const size = Math.min(k, m);
    const chosen = idx.slice(0, size);
    const weights = new Float64Array(size);
    for (let j = 0; j < size; j++) weights[j] = score[chosen[j]!]!;
    pool.items = chosen;
    pool.table = new AliasTable(weights);
  }

  private isLive(i: number, t: number): boolean {
    return i >= 0 && i < this.liveEnd && this.catalog.items.deletedAtMs[i]! > t;
  }

  /** Picks the source for the next impression on a surface. */
  pickSource(surface: Surface, rng: Rng, hasFollows: boolean): PolicySource {
    const table = this.mixTables.get(surface) ?? this.mixTables.get(Surface.SURFACE_SPOTLIGHT)!;
    const s = table.sample(rng) as PolicySource;
    return s === PolicySource.FOLLOWING && !hasFollows ? PolicySource.INTEREST : s;
  }

  /** An item from `source` for `user` at `t`, or −1 when the source has nothing live. */
  candidate(source: PolicySource, user: number, t: number, rng: Rng, follows: readonly number[] | undefined): number {
    switch (source) {
      case PolicySource.POPULAR: {
        const pool = rng.chance(LOCAL_POPULAR_SHARE)
          ? this.byLanguage[languageOfCountry[this.catalog.users.country[user]!]!]!
          : this.global;
        const i = pool.sample(rng);
        return this.isLive(i, t) ? i : -1;
      }
      case PolicySource.INTEREST:
        return this.interestCandidate(user, t, rng);
      case PolicySource.FRESH: {
        const span = this.liveEnd - this.freshStart;
        if (span <= 0) return -1;
        // Two uniform draws, the more appealing wins: fresh uploads get shown, good ones more.
        const a = this.freshStart + rng.int(span);
        const b = this.freshStart + rng.int(span);
        const i = this.catalog.items.appeal[a]! >= this.catalog.items.appeal[b]! ? a : b;
        return this.isLive(i, t) ? i : -1;
      }
      case PolicySource.FOLLOWING: {
        if (follows === undefined || follows.length === 0) return -1;
        return this.followingCandidate(follows[rng.int(follows.length)]!, t, rng);
      }
      case PolicySource.EXPLORE: {
        if (this.liveEnd === 0) return -1;
        const i = rng.int(this.liveEnd);
        return this.isLive(i, t) ? i : -1;
      }
    }
    return -1;
  }

  private interestCandidate(user: number, t: number, rng: Rng): number {
    const { users } = this.catalog;
    const base = user * MAX_USER_INTERESTS;
    let r = rng.next();
    let category = users.interests[base]!;
    for (let m = 0; m < MAX_USER_INTERESTS && users.interests[base + m] !== NO_CATEGORY; m++) {
      r -= users.interestWeights[base + m]!;
      category = users.interests[base + m]!;
      if (r < 0) break;
    }
    const pool = this.byCategory[category];
    if (pool === undefined || pool.table === undefined) return -1;
    // The policy's "model": a noisy version of the true interest.
    const D = this.D;
    const ul = users.latent;
    const il = this.catalog.items.latent;
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < INTEREST_CANDIDATES; c++) {
      const i = pool.sample(rng);
      if (!this.isLive(i, t)) continue;
      let s = 0;
      for (let k = 0; k < D; k++) s += ul[user * D + k]! * il[i * D + k]!;
      s += rng.normal(0, 0.15);
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    }
    return best;
  }

  private followingCandidate(creator: number, t: number, rng: Rng): number {
    const { creators } = this.catalog;
    const start = creators.itemOffsets[creator]!;
    const end = creators.itemOffsets[creator + 1]!;
    // The creator's items uploaded by t are a prefix (ascending item index).
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (creators.itemIndex[mid]! < this.liveEnd) lo = mid + 1;
      else hi = mid;
    }
    const n = lo - start;
    if (n === 0) return -1;
    // Mostly their latest few uploads.
    const recent = Math.min(n, 6);
    const back = Math.floor(rng.next() * rng.next() * recent);
    const i = creators.itemIndex[lo - 1 - back]!;
    return this.isLive(i, t) ? i : -1;
  }
}
