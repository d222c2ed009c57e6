/** Parameters of a synthetic world, their defaults and the named presets. */

const DAY_MS = 86_400_000;

export interface WorldParams {
  /** Everything derives from this seed: same seed and parameters give byte-identical output. */
  seed: number;
  users: number;
  items: number;
  /** Number of creators; default `ceil(items / 50)`. */
  creators: number;
  categories: number;
  /** Dimension of the latent topic space shared by users, creators, items and categories. */
  latentDim: number;
  /** Dimension of the observable content embedding of each item (noisy projection of its latent); 0 = none. */
  embeddingDim: number;
  /** Start of the simulated engagement window, epoch ms. */
  startMs: number;
  /** Length of the simulated engagement window. */
  days: number;
  /** Catalogue history before the window: items uploaded then exist when the window opens. */
  backfillDays: number;
  /** Share of items uploaded during the window (the rest during the backfill). */
  newItemFraction: number;
  /** Share of creators who first upload during the backfill or window rather than before it. */
  newCreatorFraction: number;
  /** Share of items deleted some time after upload (those with a delete time inside the catalogue span). */
  deleteFraction: number;
  /** Mean sessions per user per day (per-user activity is log-normal around it, heavy tailed). */
  sessionsPerUserDay: number;
  /** Mean impressions per session. */
  impressionsPerSession: number;
  /** Mean number of creators a user already follows when the window opens. */
  initialFollows: number;
  /** How often (simulated minutes) the logging policy rebuilds its popularity/category pools. */
  policyRefreshMinutes: number;
  /** Prefix of event, session and request ids; default `w<seed>` so that worlds of different seeds never collide. */
  idPrefix: string;
}

export type PresetName = 'tiny' | 'small' | 'medium' | 'large';

/** Parameters a preset or a caller may set; the rest come from DEFAULTS. */
export type WorldOptions = Partial<WorldParams> & { preset?: PresetName };

/** 2025-01-01T00:00:00Z: a fixed default so that output never depends on the clock. */
export const DEFAULT_START_MS = Date.UTC(2025, 0, 1);

export const DEFAULTS: Omit<WorldParams, 'creators' | 'idPrefix'> = {
  seed: 42,
  users: 1_000,
  items: 5_000,
  categories: 20,
  latentDim: 16,
  embeddingDim: 32,
  startMs: DEFAULT_START_MS,
  days: 7,
  backfillDays: 30,
  newItemFraction: 0.3,
  newCreatorFraction: 0.2,
  deleteFraction: 0.02,
  sessionsPerUserDay: 1.5,
  impressionsPerSession: 12,
  initialFollows: 4,
  policyRefreshMinutes: 120,
};

/**
 * Named sizes. Expected engagement events ≈ users × days × sessionsPerUserDay × impressionsPerSession × ~2.3
 * (IMPRESSION plus SKIP or VIEW plus the rarer outcomes).
 */
export const PRESETS: Readonly<Record<PresetName, Partial<WorldParams>>> = {
  /** Unit tests: ~6k engagement events in well under a second. */
  tiny: { users: 60, items: 400, categories: 8, days: 2, backfillDays: 7, sessionsPerUserDay: 2, impressionsPerSession: 10, embeddingDim: 8 },
  /** Integration tests: 1k users, 5k items, ~250k events over a week. */
  small: { users: 1_000, items: 5_000, categories: 20, days: 7, sessionsPerUserDay: 1.5, impressionsPerSession: 12 },
  /** Local quickstart: 10k users, 50k items, ~2M events over a week. */
  medium: { users: 10_000, items: 50_000, categories: 40, days: 7, sessionsPerUserDay: 1, impressionsPerSession: 12 },
  /** Training, evaluation and benchmarks: 100k users, 1M items, ~10M events over two weeks. */
  large: {
    users: 100_000,
    items: 1_000_000,
    categories: 80,
    days: 14,
    sessionsPerUserDay: 0.25,
    impressionsPerSession: 12,
    policyRefreshMinutes: 180,
  },
};

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

function requireInt(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`world parameter ${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
}

function requireNumber(name: string, value: number, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`world parameter ${name} must be a number in [${min}, ${max}], got ${value}`);
  }
}

/** Defaults ← preset ← explicit options, validated. Throws RangeError naming the bad parameter. */
export function resolveParams(options: WorldOptions = {}): WorldParams {
  const { preset, ...explicit } = options;
  if (preset !== undefined && !(preset in PRESETS)) {
    throw new RangeError(`unknown world preset "${String(preset)}"; known: ${PRESET_NAMES.join(', ')}`);
  }
  const merged = { ...DEFAULTS, ...(preset ? PRESETS[preset] : {}), ...stripUndefined(explicit) };
  const params: WorldParams = {
    ...merged,
    creators: merged.creators ?? Math.max(1, Math.ceil(merged.items / 50)),
    idPrefix: merged.idPrefix ?? `w${merged.seed}`,
  };
  requireInt('seed', params.seed, -0x80000000, 0xffffffff);
  requireInt('users', params.users, 1, 50_000_000);
  requireInt('items', params.items, 1, 50_000_000);
  requireInt('creators', params.creators, 1, params.items);
  requireInt('categories', params.categories, 1, 65_535);
  requireInt('latentDim', params.latentDim, 2, 1024);
  requireInt('embeddingDim', params.embeddingDim, 0, 4096);
  requireInt('startMs', params.startMs, 1);
  requireNumber('days', params.days, 1 / 24, 3650);
  requireNumber('backfillDays', params.backfillDays, 0, 3650);
  requireNumber('newItemFraction', params.newItemFraction, 0, 1);
  requireNumber('newCreatorFraction', params.newCreatorFraction, 0, 1);
  requireNumber('deleteFraction', params.deleteFraction, 0, 1);
  requireNumber('sessionsPerUserDay', params.sessionsPerUserDay, 0, 1000);
  requireNumber('impressionsPerSession', params.impressionsPerSession, 1, 10_000);
  requireNumber('initialFollows', params.initialFollows, 0, 10_000);
  requireNumber('policyRefreshMinutes', params.policyRefreshMinutes, 1, 10 * 24 * 60);
  if (!/^[A-Za-z0-9_.]{1,32}$/.test(params.idPrefix)) {
    throw new RangeError(`world parameter idPrefix must be 1–32 characters of [A-Za-z0-9_.], got "${params.idPrefix}"`);
  }
  if (params.backfillDays === 0 && params.newItemFraction < 1) {
    // Without a backfill every item is uploaded inside the window.
    params.newItemFraction = 1;
  }
  return params;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Window and catalogue boundaries in epoch ms. */
export function windowOf(p: WorldParams): { catalogStartMs: number; startMs: number; endMs: number } {
  return {
    catalogStartMs: p.startMs - Math.round(p.backfillDays * DAY_MS),
    startMs: p.startMs,
    endMs: p.startMs + Math.round(p.days * DAY_MS),
  };
}

export { DAY_MS };
