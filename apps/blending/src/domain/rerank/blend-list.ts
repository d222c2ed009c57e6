import type { Candidate } from '@cascade/contracts';
import type { SurfaceBlending } from '../policy/blending-policy';
import { planExploration } from './exploration';
import { boostValue, freshnessMultiplier } from './freshness';
import { type MmrCandidate, selectByMmr } from './mmr';

export interface BlendedCandidate {
  candidate: Candidate;
  /** Value-model score after the freshness boost. */
  value: number;
  /** Probability the item was placed where it is; 1 for deterministic placements. */
  propensity: number;
  explored: boolean;
  pinned: boolean;
}

export interface BlendOutcome {
  items: BlendedCandidate[];
  removedByFilter: Record<string, number>;
}

export interface BlendInput {
  /** Ranked candidates (task scores filled) or, when ranking degraded, retrieval's. */
  candidates: readonly Candidate[];
  /** Value of one candidate under the surface's value model. */
  valueOf(candidate: Candidate): number;
  policy: SurfaceBlending;
  limit: number;
  nowMs: number;
  random: () => number;
}

/** A candidate in the running for the list, in the shape MMR compares. */
interface PoolEntry extends MmrCandidate {
  candidate: Candidate;
}

function pinnedCandidate(itemId: string, creatorId: string, found: Candidate | undefined): Candidate {
  return found ?? ({ itemId, creatorId, categories: [], sources: [], taskScores: {}, createdAtMs: 0, durationMs: 0, language: '', country: '', retrievalScore: 0, score: 0, position: 0, explanation: '', propensity: 1 } as Candidate);
}

/**
 * The re-ranking stage: business-rule blocks, dedupe, value with a freshness boost, MMR diversity
 * under a per-creator cap, ε-greedy exploration slots for fresh uploads, then pins.
 */
export function blendList(input: BlendInput): BlendOutcome {
  const { policy, limit } = input;
  const removed: Record<string, number> = { blocked: 0, duplicate: 0, creator_cap: 0 };
  const blockedItems = new Set(policy.blockedItemIds);
  const blockedCreators = new Set(policy.blockedCreatorIds);
  const pinnedIds = new Set(policy.pins.map((p) => p.itemId));

  const seen = new Set<string>();
  const pool: PoolEntry[] = [];
  for (const candidate of input.candidates) {
    if ((blockedItems.size > 0 && blockedItems.has(candidate.itemId)) || (blockedCreators.size > 0 && blockedCreators.has(candidate.creatorId))) {
      removed['blocked']!++;
      continue;
    }
    if (seen.has(candidate.itemId)) {
      removed['duplicate']!++;
      continue;
    }
    seen.add(candidate.itemId);
    if (pinnedIds.size > 0 && pinnedIds.has(candidate.itemId)) continue;
    const multiplier = freshnessMultiplier(candidate.createdAtMs, input.nowMs, policy.freshnessBoost, policy.freshnessHalfLifeMs);
    pool.push({ candidate, creatorId: candidate.creatorId, categories: candidate.categories, value: boostValue(input.valueOf(candidate), multiplier) });
  }

  const { order, cappedOut } = selectByMmr(pool, { limit, diversity: policy.diversity, creatorCap: policy.creatorCap });
  removed['creator_cap'] = cappedOut;
  const list: BlendedCandidate[] = order.map((i) => ({ candidate: pool[i]!.candidate, value: pool[i]!.value, propensity: 1, explored: false, pinned: false }));

  const chosen = new Uint8Array(pool.length);
  for (const i of order) chosen[i] = 1;
  const freshPool = pool.filter((entry, i) => !chosen[i] && entry.candidate.createdAtMs > 0 && input.nowMs - entry.candidate.createdAtMs <= policy.exploration.maxAgeMs);
  for (const placement of planExploration(freshPool.length, policy.exploration, input.random)) {
    const entry = freshPool[placement.pick]!;
    list.splice(Math.min(placement.position, list.length), 0, { candidate: entry.candidate, value: entry.value, propensity: placement.propensity, explored: true, pinned: false });
  }

  const byId = policy.pins.length > 0 ? new Map(input.candidates.map((c) => [c.itemId, c])) : new Map<string, Candidate>();
  for (const pin of [...policy.pins].sort((a, b) => a.position - b.position)) {
    if (blockedItems.has(pin.itemId)) continue;
    const candidate = pinnedCandidate(pin.itemId, pin.creatorId, byId.get(pin.itemId));
    list.splice(Math.min(pin.position, list.length), 0, { candidate, value: 0, propensity: 1, explored: false, pinned: true });
  }

  return { items: list.slice(0, limit), removedByFilter: Object.fromEntries(Object.entries(removed).filter(([, n]) => n > 0)) };
}
