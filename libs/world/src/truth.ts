/**
 * Ground truth of the generative model: how much a user likes an item. The simulation draws every
 * outcome from this (plus per-impression noise), so evaluation can check a model against it.
 */
import type { Catalog } from './catalog';
import { COUNTRIES, LANGUAGES } from './vocabulary';
import { DAY_MS, type WorldParams } from './params';
import { sigmoid } from './random';

/** Weights of the affinity logit. */
export const AFFINITY = {
  /** × dot(user latent, item latent), both unit vectors. */
  interest: 4,
  /** × item quality (standard-normal-ish). */
  quality: 0.5,
  /** Same language as the user; English content gets half of it everywhere. */
  language: 0.8,
  /** The user follows the item's creator. */
  following: 0.8,
  /** Upload less than a day old (decays linearly to 0 over the day). */
  freshness: 0.3,
  bias: -2,
} as const;

const ENGLISH = LANGUAGES.indexOf('en');
const languageOfCountry = COUNTRIES.map((c) => LANGUAGES.indexOf(c.language));

export interface AffinityContext {
  /** Whether the user follows the item's creator (default false). */
  following?: boolean;
  /** When the user sees the item (adds the freshness bonus); default: no freshness bonus. */
  atMs?: number;
}

export class GroundTruth {
  private readonly D: number;

  constructor(
    params: WorldParams,
    private readonly catalog: Catalog,
  ) {
    this.D = params.latentDim;
  }

  /** dot(user latent, item latent) in [−1, 1]. */
  interest(user: number, item: number): number {
    const D = this.D;
    const ul = this.catalog.users.latent;
    const il = this.catalog.items.latent;
    const uo = user * D;
    const io = item * D;
    let s = 0;
    for (let k = 0; k < D; k++) s += ul[uo + k]! * il[io + k]!;
    return s;
  }

  /** The affinity logit (before per-impression noise). */
  logit(user: number, item: number, context?: AffinityContext): number {
    return this.logitAt(user, item, context?.following ?? false, context?.atMs ?? Number.NaN);
  }

  /** logit() without an options object, for hot loops; `atMs` NaN means no freshness bonus. */
  logitAt(user: number, item: number, following: boolean, atMs: number): number {
    const { items, users } = this.catalog;
    const userLanguage = languageOfCountry[users.country[user]!]!;
    const itemLanguage = items.language[item]!;
    const lang = itemLanguage === userLanguage ? 1 : itemLanguage === ENGLISH ? 0.5 : 0;
    let s =
      AFFINITY.bias +
      AFFINITY.interest * this.interest(user, item) +
      AFFINITY.quality * items.quality[item]! +
      AFFINITY.language * lang;
    if (following) s += AFFINITY.following;
    const age = atMs - items.createdAtMs[item]!;
    if (age >= 0 && age < DAY_MS) s += AFFINITY.freshness * (1 - age / DAY_MS);
    return s;
  }

  /** Probability-like affinity in (0, 1): the expected engagement of `user` with `item`. */
  affinity(user: number, item: number, context?: AffinityContext): number {
    return sigmoid(this.logit(user, item, context));
  }

  /** Copy of a user's latent interest vector. */
  userLatent(user: number): Float32Array {
    return this.catalog.users.latent.slice(user * this.D, (user + 1) * this.D);
  }

  /** Copy of an item's latent vector. */
  itemLatent(item: number): Float32Array {
    return this.catalog.items.latent.slice(item * this.D, (item + 1) * this.D);
  }

  /** The `k` items with the highest static affinity for `user` among items alive at `atMs` (exact scan). */
  topItems(user: number, k: number, atMs?: number): number[] {
    const { items } = this.catalog;
    const scored: { item: number; score: number }[] = [];
    for (let i = 0; i < items.count; i++) {
      if (atMs !== undefined && (items.createdAtMs[i]! > atMs || items.deletedAtMs[i]! <= atMs)) continue;
      scored.push({ item: i, score: this.logit(user, i) });
    }
    scored.sort((a, b) => b.score - a.score || a.item - b.item);
    return scored.slice(0, k).map((s) => s.item);
  }
}
