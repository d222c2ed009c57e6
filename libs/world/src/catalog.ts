/**
 * The static part of a world: categories, creators, items and users, as struct-of-arrays tables
 * (typed arrays, no per-entity objects) so that a 1M-item world stays around 100 MB.
 */
import { AliasTable, Rng, clamp, zipfWeights } from './random';
import { COUNTRIES, HASHTAG_SUFFIXES, LANGUAGES, categoryNames } from './vocabulary';
import { DAY_MS, windowOf, type WorldParams } from './params';

/** Most categories an item carries. */
export const MAX_ITEM_CATEGORIES = 3;
/** Most interest categories of a user's mixture. */
export const MAX_USER_INTERESTS = 4;
/** Marks an unused slot in the fixed-width category arrays. */
export const NO_CATEGORY = 0xffff;

export interface CategoryTable {
  readonly count: number;
  readonly names: readonly string[];
  /** Hashtag vocabulary of each category (without '#'). */
  readonly hashtags: readonly (readonly string[])[];
  /** Relative popularity (Zipf over the category index). */
  readonly weight: Float64Array;
  /** Median duration of items in the category. */
  readonly medianDurationMs: Float64Array;
  /** Unit topic vector of each category, `count × latentDim`. Ground truth. */
  readonly center: Float32Array;
}

export interface CreatorTable {
  readonly count: number;
  /** Index into COUNTRIES. */
  readonly country: Uint8Array;
  /** Index into LANGUAGES: the language of the creator's items. */
  readonly language: Uint8Array;
  readonly primaryCategory: Uint16Array;
  /** NO_CATEGORY when the creator has a single category. */
  readonly secondaryCategory: Uint16Array;
  /** Standard-normal quality; the mean of the creator's items' quality. */
  readonly quality: Float32Array;
  /** Power-law follower appeal (Pareto, tail index 1.6, minimum 1). */
  readonly appeal: Float32Array;
  /** Relative upload rate (log-normal). */
  readonly uploadRate: Float32Array;
  /** When the creator could first upload. */
  readonly joinedAtMs: Float64Array;
  /** Upload time of the creator's first item (Infinity when none). */
  readonly firstUploadMs: Float64Array;
  /** Items of creator c are `itemIndex[itemOffsets[c] .. itemOffsets[c+1])`, oldest first. */
  readonly itemOffsets: Uint32Array;
  readonly itemIndex: Uint32Array;
  /** Unit latent vector, `count × latentDim`. Ground truth. */
  readonly latent: Float32Array;
}

export interface ItemTable {
  readonly count: number;
  readonly creator: Uint32Array;
  /** `count × MAX_ITEM_CATEGORIES`, primary first, NO_CATEGORY padding. */
  readonly categories: Uint16Array;
  readonly categoryCount: Uint8Array;
  readonly durationMs: Uint32Array;
  /** Upload time, ascending in item index: item ids are issued in upload order. */
  readonly createdAtMs: Float64Array;
  /** Deletion time, Infinity when the item is never deleted. */
  readonly deletedAtMs: Float64Array;
  /** Index into LANGUAGES. */
  readonly language: Uint8Array;
  /** Index into COUNTRIES. */
  readonly country: Uint8Array;
  /** Standard-normal-ish intrinsic quality. Ground truth. */
  readonly quality: Float32Array;
  /** Power-law popularity prior (how broadly appealing / promotable the item is). Ground truth. */
  readonly appeal: Float32Array;
  /** Unit latent vector, `count × latentDim`. Ground truth. */
  readonly latent: Float32Array;
}

export interface UserTable {
  readonly count: number;
  /** Index into COUNTRIES (locale, language and time zone follow from it). */
  readonly country: Uint8Array;
  /** Index into DEVICES. */
  readonly device: Uint8Array;
  /** Mean sessions per day (log-normal, heavy tailed). */
  readonly activity: Float32Array;
  /** Mean impressions per session. */
  readonly sessionLength: Float32Array;
  /** In (0, 1): high means fewer quick skips and more full watches. */
  readonly patience: Float32Array;
  /** Multipliers (mean about 1) of the like and follow probabilities. */
  readonly likePropensity: Float32Array;
  readonly followPropensity: Float32Array;
  /** `count × MAX_USER_INTERESTS` interest categories, strongest first, NO_CATEGORY padding. */
  readonly interests: Uint16Array;
  /** Mixture weights of `interests` (sum 1). */
  readonly interestWeights: Float32Array;
  /** Creators followed when the window opens: `initialFollows[followOffsets[u] .. followOffsets[u+1])`. */
  readonly followOffsets: Uint32Array;
  readonly initialFollows: Uint32Array;
  /** Unit latent interest vector, `count × latentDim`. Ground truth. */
  readonly latent: Float32Array;
}

export interface Catalog {
  readonly categories: CategoryTable;
  readonly creators: CreatorTable;
  readonly items: ItemTable;
  readonly users: UserTable;
}

/** Diurnal activity by local hour (peak 1 in the evening). */
export const DIURNAL: readonly number[] = [
  0.35, 0.22, 0.13, 0.08, 0.07, 0.1, 0.2, 0.38, 0.52, 0.58, 0.6, 0.64, 0.74, 0.7, 0.64, 0.64, 0.7, 0.8, 0.93, 1, 1, 0.95, 0.8,
  0.58,
];
export const DIURNAL_MEAN = DIURNAL.reduce((a, b) => a + b, 0) / DIURNAL.length;

export function localHour(timeMs: number, utcOffsetHours: number): number {
  const h = Math.floor((timeMs / 3_600_000 + utcOffsetHours) % 24);
  return h < 0 ? h + 24 : h;
}

/** Writes a unit-normalized copy of `v` into `out[offset..]`. */
function normalizeInto(v: Float64Array, out: Float32Array, offset: number): void {
  let n = 0;
  for (let k = 0; k < v.length; k++) n += v[k]! * v[k]!;
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  for (let k = 0; k < v.length; k++) out[offset + k] = v[k]! * inv;
}

function hashtagVocabulary(name: string): string[] {
  const stem = name.replace(/[^a-z0-9]/g, '');
  return HASHTAG_SUFFIXES.map((s) => stem + s);
}

function buildCategories(p: WorldParams, rng: Rng): CategoryTable {
  const n = p.categories;
  const D = p.latentDim;
  const names = categoryNames(n);
  const center = new Float32Array(n * D);
  const tmp = new Float64Array(D);
  const medianDurationMs = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    for (let k = 0; k < D; k++) tmp[k] = rng.normal();
    normalizeInto(tmp, center, c * D);
    medianDurationMs[c] = clamp(rng.logNormal(24_000, 0.4), 9_000, 60_000);
  }
  return {
    count: n,
    names,
    hashtags: names.map(hashtagVocabulary),
    weight: zipfWeights(n, 0.9),
    medianDurationMs,
    center,
  };
}

const countryTable = new AliasTable(COUNTRIES.map((c) => c.weight));
const languageOfCountry = COUNTRIES.map((c) => LANGUAGES.indexOf(c.language));
const ENGLISH = LANGUAGES.indexOf('en');

function buildCreators(p: WorldParams, cats: CategoryTable, rng: Rng): Omit<CreatorTable, 'itemOffsets' | 'itemIndex' | 'firstUploadMs'> {
  const n = p.creators;
  const D = p.latentDim;
  const { catalogStartMs, endMs } = windowOf(p);
  const catTable = new AliasTable(cats.weight);
  const country = new Uint8Array(n);
  const language = new Uint8Array(n);
  const primaryCategory = new Uint16Array(n);
  const secondaryCategory = new Uint16Array(n);
  const quality = new Float32Array(n);
  const appeal = new Float32Array(n);
  const uploadRate = new Float32Array(n);
  const joinedAtMs = new Float64Array(n);
  const latent = new Float32Array(n * D);
  const tmp = new Float64Array(D);
  const lastJoin = Math.max(catalogStartMs, endMs - DAY_MS);
  for (let c = 0; c < n; c++) {
    const ct = countryTable.sample(rng);
    country[c] = ct;
    // Some creators outside English-speaking countries publish in English.
    language[c] = rng.chance(0.12) ? ENGLISH : languageOfCountry[ct]!;
    const primary = catTable.sample(rng);
    primaryCategory[c] = primary;
    let secondary = NO_CATEGORY;
    if (cats.count > 1 && rng.chance(0.5)) {
      do secondary = catTable.sample(rng);
      while (secondary === primary);
    }
    secondaryCategory[c] = secondary;
    quality[c] = rng.normal();
    appeal[c] = rng.pareto(1.6);
    uploadRate[c] = rng.logNormal(1, 1);
    joinedAtMs[c] = rng.chance(p.newCreatorFraction) ? Math.floor(rng.uniform(catalogStartMs, lastJoin)) : catalogStartMs;
    for (let k = 0; k < D; k++) {
      const ps = cats.center[primary * D + k]!;
      const ss = secondary === NO_CATEGORY ? 0 : 0.5 * cats.center[secondary * D + k]!;
      tmp[k] = ps + ss + (0.7 / Math.sqrt(D)) * rng.normal();
    }
    normalizeInto(tmp, latent, c * D);
  }
  return { count: n, country, language, primaryCategory, secondaryCategory, quality, appeal, uploadRate, joinedAtMs, latent };
}

/** Upload time in [lo, hi) with the creator's local diurnal rhythm. */
function uploadTime(rng: Rng, lo: number, hi: number, utcOffsetHours: number): number {
  let t = rng.uniform(lo, hi);
  for (let tries = 0; tries < 8; tries++) {
    if (rng.next() < DIURNAL[localHour(t, utcOffsetHours)]!) break;
    t = rng.uniform(lo, hi);
  }
  return Math.floor(t);
}

/** Item indexes sorted by (upload time, draw index). */
function uploadOrder(rawTime: Float64Array, originMs: number): Uint32Array {
  const n = rawTime.length;
  const order = new Uint32Array(n);
  const bits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  let maxRel = 0;
  for (let j = 0; j < n; j++) maxRel = Math.max(maxRel, rawTime[j]! - originMs);
  if (maxRel * 2 ** bits < Number.MAX_SAFE_INTEGER) {
    // Pack (time, index) into one exact double and sort numerically: much faster than a comparator.
    const keys = new Float64Array(n);
    const scale = 2 ** bits;
    for (let j = 0; j < n; j++) keys[j] = (rawTime[j]! - originMs) * scale + j;
    keys.sort();
    for (let r = 0; r < n; r++) order[r] = keys[r]! % scale;
    return order;
  }
  for (let j = 0; j < n; j++) order[j] = j;
  return order.sort((a, b) => rawTime[a]! - rawTime[b]! || a - b);
}

function buildItems(
  p: WorldParams,
  cats: CategoryTable,
  creators: ReturnType<typeof buildCreators>,
  rng: Rng,
): { items: ItemTable; itemOffsets: Uint32Array; itemIndex: Uint32Array; firstUploadMs: Float64Array } {
  const n = p.items;
  const D = p.latentDim;
  const { catalogStartMs, startMs, endMs } = windowOf(p);
  const K = creators.count;

  // 1. Who uploads and when. Each period (backfill, window) draws creators by upload rate times the
  //    time they were active in it; a creator who joined late uploads less.
  const periods = [
    { lo: catalogStartMs, hi: startMs, share: 1 - p.newItemFraction },
    { lo: startMs, hi: endMs, share: p.newItemFraction },
  ].filter((x) => x.hi > x.lo && x.share > 0);
  const periodTables = periods.map((per) => {
    const w = new Float64Array(K);
    let total = 0;
    for (let c = 0; c < K; c++) {
      const active = Math.max(0, per.hi - Math.max(per.lo, creators.joinedAtMs[c]!));
      w[c] = creators.uploadRate[c]! * active;
      total += w[c]!;
    }
    return total > 0 ? new AliasTable(w) : undefined;
  });
  const rawCreator = new Uint32Array(n);
  const rawTime = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let pi = 0;
    if (periods.length > 1 && rng.next() >= periods[0]!.share) pi = 1;
    if (periodTables[pi] === undefined) pi = 1 - pi;
    const per = periods[pi]!;
    const c = periodTables[pi]!.sample(rng);
    rawCreator[j] = c;
    const lo = Math.max(per.lo, creators.joinedAtMs[c]!);
    rawTime[j] = uploadTime(rng, lo, per.hi, COUNTRIES[creators.country[c]!]!.utcOffsetHours);
  }

  // 2. Item ids are issued in upload order.
  const order = uploadOrder(rawTime, catalogStartMs);

  const creator = new Uint32Array(n);
  const createdAtMs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    creator[i] = rawCreator[order[i]!]!;
    createdAtMs[i] = rawTime[order[i]!]!;
  }

  // 3. Attributes, in item order.
  const categories = new Uint16Array(n * MAX_ITEM_CATEGORIES).fill(NO_CATEGORY);
  const categoryCount = new Uint8Array(n);
  const durationMs = new Uint32Array(n);
  const deletedAtMs = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const language = new Uint8Array(n);
  const country = new Uint8Array(n);
  const quality = new Float32Array(n);
  const appeal = new Float32Array(n);
  const latent = new Float32Array(n * D);
  const catTable = new AliasTable(cats.weight);
  const tmp = new Float64Array(D);
  const catalogEnd = endMs;
  const cw = [1, 0.5, 0.35];
  for (let i = 0; i < n; i++) {
    const c = creator[i]!;
    const base = i * MAX_ITEM_CATEGORIES;
    // Categories: mostly the creator's own, sometimes something else.
    const cp = creators.primaryCategory[c]!;
    const cs = creators.secondaryCategory[c]!;
    const r = rng.next();
    const primary = r < 0.78 ? cp : r < 0.9 && cs !== NO_CATEGORY ? cs : catTable.sample(rng);
    categories[base] = primary;
    let count = 1;
    const wanted = 1 + (rng.chance(0.45) ? 1 : 0) + (rng.chance(0.15) ? 1 : 0);
    for (let tries = 0; count < Math.min(wanted, cats.count) && tries < 8; tries++) {
      const extra = rng.chance(0.5) && cs !== NO_CATEGORY ? (primary === cs ? cp : cs) : catTable.sample(rng);
      let dup = false;
      for (let k = 0; k < count; k++) if (categories[base + k] === extra) dup = true;
      if (!dup) categories[base + count++] = extra;
    }
    categoryCount[i] = count;

    durationMs[i] = Math.round(clamp(rng.logNormal(cats.medianDurationMs[primary]!, 0.45), 3_000, 180_000));
    language[i] = creators.language[c]!;
    country[i] = creators.country[c]!;
    const q = 0.6 * creators.quality[c]! + 0.8 * rng.normal();
    quality[i] = q;
    appeal[i] = Math.exp(0.5 * q) * rng.pareto(1.3) * Math.pow(creators.appeal[c]!, 0.3);

    // Latent: the creator's style, the categories' topics, and the item's own twist.
    for (let k = 0; k < D; k++) {
      let topic = 0;
      for (let m = 0; m < count; m++) topic += cw[m]! * cats.center[categories[base + m]! * D + k]!;
      tmp[k] = 0.55 * creators.latent[c * D + k]! + 0.55 * topic + (0.45 / Math.sqrt(D)) * rng.normal();
    }
    normalizeInto(tmp, latent, i * D);

    if (rng.chance(p.deleteFraction)) {
      const at = Math.floor(createdAtMs[i]! + 3_600_000 + rng.exponential(4 * DAY_MS));
      if (at < catalogEnd) deletedAtMs[i] = at;
    }
  }

  // 4. Creator → items index (counting sort; oldest first within a creator).
  const itemOffsets = new Uint32Array(K + 1);
  for (let i = 0; i < n; i++) itemOffsets[creator[i]! + 1] = itemOffsets[creator[i]! + 1]! + 1;
  for (let c = 0; c < K; c++) itemOffsets[c + 1] = itemOffsets[c + 1]! + itemOffsets[c]!;
  const fill = itemOffsets.slice(0, K);
  const itemIndex = new Uint32Array(n);
  for (let i = 0; i < n; i++) itemIndex[fill[creator[i]!]!++] = i;
  const firstUploadMs = new Float64Array(K).fill(Number.POSITIVE_INFINITY);
  for (let c = 0; c < K; c++) {
    if (itemOffsets[c + 1]! > itemOffsets[c]!) firstUploadMs[c] = createdAtMs[itemIndex[itemOffsets[c]!]!]!;
  }

  return {
    items: { count: n, creator, categories, categoryCount, durationMs, createdAtMs, deletedAtMs, language, country, quality, appeal, latent },
    itemOffsets,
    itemIndex,
    firstUploadMs,
  };
}

function buildUsers(p: WorldParams, cats: CategoryTable, creators: CreatorTable, rng: Rng): UserTable {
  const n = p.users;
  const D = p.latentDim;
  const { startMs } = windowOf(p);
  const catTable = new AliasTable(cats.weight);
  const country = new Uint8Array(n);
  const device = new Uint8Array(n);
  const activity = new Float32Array(n);
  const sessionLength = new Float32Array(n);
  const patience = new Float32Array(n);
  const likePropensity = new Float32Array(n);
  const followPropensity = new Float32Array(n);
  const interests = new Uint16Array(n * MAX_USER_INTERESTS).fill(NO_CATEGORY);
  const interestWeights = new Float32Array(n * MAX_USER_INTERESTS);
  const latent = new Float32Array(n * D);
  const tmp = new Float64Array(D);
  const w = new Float64Array(MAX_USER_INTERESTS);
  const chosen: number[] = [];
  // Log-normal activity with the requested mean: median = mean · e^(−σ²/2).
  const activitySigma = 1.1;
  const activityMedian = p.sessionsPerUserDay * Math.exp((-activitySigma * activitySigma) / 2);
  const lengthSigma = 0.5;
  const lengthMedian = p.impressionsPerSession * Math.exp((-lengthSigma * lengthSigma) / 2);

  // Creators a new user may already follow, per category, weighted by appeal.
  const creatorsByCategory: number[][] = Array.from({ length: cats.count }, () => []);
  for (let c = 0; c < creators.count; c++) {
    if (creators.firstUploadMs[c]! < startMs) creatorsByCategory[creators.primaryCategory[c]!]!.push(c);
  }
  const followTables = creatorsByCategory.map((list) =>
    list.length > 0 ? new AliasTable(list.map((c) => creators.appeal[c]!)) : undefined,
  );
  const followOffsets = new Uint32Array(n + 1);
  const follows: number[] = [];

  for (let u = 0; u < n; u++) {
    const ct = countryTable.sample(rng);
    country[u] = ct;
    const r = rng.next();
    device[u] = r < 0.05 ? 2 : r < 0.05 + 0.95 * COUNTRIES[ct]!.iosShare ? 0 : 1;
    activity[u] = rng.logNormal(activityMedian, activitySigma);
    sessionLength[u] = Math.max(1, rng.logNormal(lengthMedian, lengthSigma));
    patience[u] = 1 / (1 + Math.exp(-rng.normal(0, 1)));
    likePropensity[u] = rng.logNormal(0.8, 0.65);
    followPropensity[u] = rng.logNormal(0.7, 0.8);

    // Interest mixture over 1–4 categories with Dirichlet(1) weights.
    const k = Math.min(MAX_USER_INTERESTS, cats.count, 1 + rng.poisson(1.1));
    chosen.length = 0;
    for (let tries = 0; chosen.length < k && tries < 32; tries++) {
      const c = catTable.sample(rng);
      if (!chosen.includes(c)) chosen.push(c);
    }
    let total = 0;
    for (let m = 0; m < chosen.length; m++) {
      w[m] = rng.exponential(1);
      total += w[m]!;
    }
    const idx = chosen.map((_, m) => m).sort((a, b) => w[b]! - w[a]! || a - b);
    for (let m = 0; m < idx.length; m++) {
      interests[u * MAX_USER_INTERESTS + m] = chosen[idx[m]!]!;
      interestWeights[u * MAX_USER_INTERESTS + m] = w[idx[m]!]! / total;
    }
    for (let d = 0; d < D; d++) {
      let topic = 0;
      for (let m = 0; m < chosen.length; m++) topic += (w[m]! / total) * cats.center[chosen[m]! * D + d]!;
      tmp[d] = topic + (0.5 / Math.sqrt(D)) * rng.normal();
    }
    normalizeInto(tmp, latent, u * D);

    // Follows at the start: creators of the user's interests, by appeal.
    const nFollows = rng.poisson(p.initialFollows * followPropensity[u]!);
    const start = follows.length;
    for (let f = 0, tries = 0; f < nFollows && tries < nFollows * 4; tries++) {
      const m = rng.categorical(interestWeights.subarray(u * MAX_USER_INTERESTS, u * MAX_USER_INTERESTS + chosen.length));
      const table = followTables[interests[u * MAX_USER_INTERESTS + m]!];
      if (table === undefined) continue;
      const c = creatorsByCategory[interests[u * MAX_USER_INTERESTS + m]!]![table.sample(rng)]!;
      let dup = false;
      for (let q = start; q < follows.length; q++) if (follows[q] === c) dup = true;
      if (!dup) {
        follows.push(c);
        f++;
      }
    }
    followOffsets[u + 1] = follows.length;
  }
  return {
    count: n,
    country,
    device,
    activity,
    sessionLength,
    patience,
    likePropensity,
    followPropensity,
    interests,
    interestWeights,
    followOffsets,
    initialFollows: Uint32Array.from(follows),
    latent,
  };
}

/** Builds the static world. Each table draws from its own named stream of the seed. */
export function buildCatalog(p: WorldParams): Catalog {
  const categories = buildCategories(p, Rng.derive(p.seed, 'categories'));
  const creatorBase = buildCreators(p, categories, Rng.derive(p.seed, 'creators'));
  const { items, itemOffsets, itemIndex, firstUploadMs } = buildItems(p, categories, creatorBase, Rng.derive(p.seed, 'items'));
  const creators: CreatorTable = { ...creatorBase, itemOffsets, itemIndex, firstUploadMs };
  const users = buildUsers(p, categories, creators, Rng.derive(p.seed, 'users'));
  return { categories, creators, items, users };
}
