import type { Source, Surface } from '@cascade/contracts';

/** What the sources know of the user, from the feature service (empty when it is unavailable). */
export interface UserSignals {
  /** Recent positively engaged items, newest first. */
  positiveItemIds: readonly string[];
  /** Recent engaged items of any kind, newest first. */
  historyItemIds: readonly string[];
  followedCreatorIds: readonly string[];
  /** Items hidden or reported, newest first. */
  negativeItemIds: readonly string[];
  /** Items recently shown to the user. */
  seenItemIds: readonly string[];
}

export const noUserSignals: UserSignals = { positiveItemIds: [], historyItemIds: [], followedCreatorIds: [], negativeItemIds: [], seenItemIds: [] };

export interface SourceQuery {
  userId: string;
  surface: Surface;
  country: string;
  language: string;
  nowMs: number;
  user: UserSignals;
  /** How many candidates the source should return at most. */
  quota: number;
  signal: AbortSignal;
}

export interface SourceCandidate {
  itemId: string;
  /** Source-specific relevance: similarity, velocity, recency... Higher is better. */
  score: number;
  /**
   * The item's catalogue slot, when the source has it (the ANN sources from their labels' keys,
   * fresh and following from the catalogue's lists): the filters then reach the item's record by
   * indexing instead of a lookup in the map of every item. Absent or -1: resolved by id.
   */
  slot?: number;
}

export interface SourceResult {
  candidates: SourceCandidate[];
  /** Model versions the source used, keyed by model name. */
  modelVersions?: Record<string, string>;
}

/** One way of finding candidates. Each runs with its own quota and timeout; failures are contained. */
export interface CandidateSource {
  readonly source: Source;
  /** Configuration name, e.g. "two_tower", "trending". */
  readonly name: string;
  /**
   * Whether the source reads `query.user`. Sources that do not run while the user's signals are
   * still being fetched, and see no signals.
   */
  readonly needsUserSignals: boolean;
  retrieve(query: SourceQuery): Promise<SourceResult> | SourceResult;
}
