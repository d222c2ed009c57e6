import type { EngagementEvent, Surface } from '@cascade/contracts';
import { DecayedLeaderboard, ScoredId } from './decayed-leaderboard';
import { engagementVelocityWeights } from './engagement-weights';

export interface TrendOptions {
  /** Half-life of trending velocity (short: what is taking off now). */
  trendingHalfLifeMs: number;
  /** Half-life of popularity (long: what has been good lately). */
  popularHalfLifeMs: number;
  maxItemsPerKey: number;
  refreshMs: number;
}

export const defaultTrendOptions: TrendOptions = {
  trendingHalfLifeMs: 3_600_000,
  popularHalfLifeMs: 86_400_000,
  maxItemsPerKey: 2_000,
  refreshMs: 1_000,
};

const ANY = '*';
const MAX_CACHED_COUNTRIES = 1_000;

function trendKey(surface: Surface | typeof ANY, country: string): string {
  return `${surface}|${country || ANY}`;
}

/**
 * Engagement velocity per surface and country (trending) and over everything (popular), from the
 * engagement topic. Each event counts towards its exact (surface, country) key and the broader
 * keys a sparse market falls back to.
 */
export class EngagementTrends {
  private readonly trending: DecayedLeaderboard;
  private readonly popular: DecayedLeaderboard;
  private readonly keyCache = new Map<Surface, Map<string, readonly string[]>>();

  /** `slotOf`: the catalogue slot of an item, carried by the top lists' entries (see ScoredId.slot). */
  constructor(
    private readonly options: TrendOptions = defaultTrendOptions,
    slotOf?: (itemId: string) => number | undefined,
  ) {
    const shared = { maxEntriesPerKey: options.maxItemsPerKey, refreshMs: options.refreshMs, ...(slotOf ? { slotOf } : {}) };
    this.trending = new DecayedLeaderboard({ halfLifeMs: options.trendingHalfLifeMs, ...shared });
    this.popular = new DecayedLeaderboard({ halfLifeMs: options.popularHalfLifeMs, ...shared });
  }

  apply(event: EngagementEvent): void {
    const weight = engagementVelocityWeights[event.type] ?? 0;
    if (weight === 0 || !event.itemId) return;
    const time = event.eventTimeMs;
    for (const key of this.keysOf(event.surface, event.country)) this.trending.add(key, event.itemId, weight, time);
    this.popular.add(ANY, event.itemId, weight, time);
  }

  /** The distinct keys an event counts towards, built once per (surface, country) rather than per event. */
  private keysOf(surface: Surface, country: string): readonly string[] {
    let byCountry = this.keyCache.get(surface);
    if (!byCountry) this.keyCache.set(surface, (byCountry = new Map()));
    let keys = byCountry.get(country);
    if (!keys) {
      // Bounded by the surfaces and countries in use; a flood of made-up countries starts it over.
      if (byCountry.size >= MAX_CACHED_COUNTRIES) byCountry.clear();
      byCountry.set(country, (keys = [...new Set([trendKey(surface, country), trendKey(surface, ANY), trendKey(ANY, country), trendKey(ANY, ANY)])]));
    }
    return keys;
  }

  /** Trending for a surface and country, widened to the surface, the country, then everywhere until `limit` are found. */
  trendingFor(surface: Surface, country: string, limit: number, nowMs?: number): ScoredId[] {
    const found = new Map<string, ScoredId>();
    for (const key of [trendKey(surface, country), trendKey(surface, ANY), trendKey(ANY, country), trendKey(ANY, ANY)]) {
      for (const entry of this.trending.top(key, limit, nowMs)) {
        if (found.size >= limit) break;
        if (!found.has(entry.id)) found.set(entry.id, entry);
      }
      if (found.size >= limit) break;
    }
    return [...found.values()];
  }

  popularItems(limit: number, nowMs?: number): ScoredId[] {
    return this.popular.top(ANY, limit, nowMs);
  }
}
