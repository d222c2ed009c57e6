/** Fixed vocabularies of the world: countries, category names, hashtag parts, devices. */

export interface CountryInfo {
  /** ISO 3166-1 alpha-2. */
  code: string;
  /** ISO 639-1 language of most content and users there. */
  language: string;
  /** BCP 47 locale. */
  locale: string;
  /** Hours to add to UTC for local time (one representative zone). */
  utcOffsetHours: number;
  /** Relative share of users and creators. */
  weight: number;
  /** Share of iOS among mobile devices. */
  iosShare: number;
}

export const COUNTRIES: readonly CountryInfo[] = [
  { code: 'US', language: 'en', locale: 'en-US', utcOffsetHours: -5, weight: 24, iosShare: 0.58 },
  { code: 'BR', language: 'pt', locale: 'pt-BR', utcOffsetHours: -3, weight: 11, iosShare: 0.18 },
  { code: 'IN', language: 'hi', locale: 'hi-IN', utcOffsetHours: 5.5, weight: 10, iosShare: 0.05 },
  { code: 'MX', language: 'es', locale: 'es-MX', utcOffsetHours: -6, weight: 7, iosShare: 0.22 },
  { code: 'GB', language: 'en', locale: 'en-GB', utcOffsetHours: 0, weight: 6, iosShare: 0.52 },
  { code: 'ID', language: 'id', locale: 'id-ID', utcOffsetHours: 7, weight: 6, iosShare: 0.1 },
  { code: 'DE', language: 'de', locale: 'de-DE', utcOffsetHours: 1, weight: 5, iosShare: 0.38 },
  { code: 'FR', language: 'fr', locale: 'fr-FR', utcOffsetHours: 1, weight: 5, iosShare: 0.35 },
  { code: 'JP', language: 'ja', locale: 'ja-JP', utcOffsetHours: 9, weight: 5, iosShare: 0.68 },
  { code: 'ES', language: 'es', locale: 'es-ES', utcOffsetHours: 1, weight: 4, iosShare: 0.25 },
  { code: 'CA', language: 'en', locale: 'en-CA', utcOffsetHours: -5, weight: 3, iosShare: 0.55 },
  { code: 'KR', language: 'ko', locale: 'ko-KR', utcOffsetHours: 9, weight: 3, iosShare: 0.3 },
  { code: 'TR', language: 'tr', locale: 'tr-TR', utcOffsetHours: 3, weight: 3, iosShare: 0.15 },
  { code: 'IT', language: 'it', locale: 'it-IT', utcOffsetHours: 1, weight: 3, iosShare: 0.3 },
  { code: 'PH', language: 'en', locale: 'en-PH', utcOffsetHours: 8, weight: 3, iosShare: 0.12 },
  { code: 'AR', language: 'es', locale: 'es-AR', utcOffsetHours: -3, weight: 2, iosShare: 0.15 },
];

/** Distinct languages of COUNTRIES, in first-seen order. */
export const LANGUAGES: readonly string[] = [...new Set(COUNTRIES.map((c) => c.language))];

export const DEVICES: readonly string[] = ['ios', 'android', 'web'];

/** Base category names; worlds with more categories derive further names from these. */
export const BASE_CATEGORIES: readonly string[] = [
  'comedy', 'dance', 'music', 'food', 'pets', 'gaming', 'beauty', 'fashion', 'sports', 'fitness',
  'travel', 'diy', 'art', 'education', 'science', 'tech', 'cars', 'nature', 'asmr', 'lifehacks',
  'motivation', 'relationships', 'parenting', 'pranks', 'memes', 'news', 'finance', 'movies', 'anime', 'books',
  'photography', 'skincare', 'outdoors', 'fishing', 'gardening', 'home', 'cleaning', 'storytime', 'magic', 'skateboarding',
  'football', 'basketball', 'yoga', 'baking', 'vlog', 'lipsync', 'history', 'languages', 'kpop', 'cosplay',
];

/** Modifiers for derived category names ("street-food", "retro-gaming", ...). */
export const CATEGORY_MODIFIERS: readonly string[] = ['street', 'retro', 'pro', 'mini', 'live', 'indie', 'extreme', 'local'];

/** Suffixes combined with a category name into its hashtag vocabulary. */
export const HASHTAG_SUFFIXES: readonly string[] = [
  '', 'tok', 'challenge', 'tips', 'daily', 'life', 'vibes', 'hacks', 'tutorial', 'pov', 'fails', 'trend', 'lover', 'time',
];

/** Generic hashtags that appear across categories. */
export const GENERIC_HASHTAGS: readonly string[] = ['fyp', 'foryou', 'viral', 'trending', 'new', 'funny', 'satisfying'];

/** Category names for a world of `n` categories: the base list first, then derived names. */
export function categoryNames(n: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const base = BASE_CATEGORIES[i % BASE_CATEGORIES.length]!;
    const round = Math.floor(i / BASE_CATEGORIES.length);
    if (round === 0) names.push(base);
    else {
      const modifier = CATEGORY_MODIFIERS[(round - 1) % CATEGORY_MODIFIERS.length]!;
      const cycle = Math.floor((round - 1) / CATEGORY_MODIFIERS.length);
      names.push(cycle === 0 ? `${modifier}-${base}` : `${modifier}-${base}-${cycle + 1}`);
    }
  }
  return names;
}
