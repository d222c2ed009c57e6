import { Surface } from '@cascade/contracts';
import { parseJsonSetting } from '@cascade/service-kit';
import { z } from 'zod';

const weightsSchema = z.record(z.string(), z.number().min(-1000).max(1000));

const surfaceBlendingSchema = z.object({
  /** Value model: weight of each task prediction in an item's value; negative tasks subtract. */
  valueWeights: weightsSchema,
  /** 0 = pure value order, 1 = pure novelty; MMR trade-off between value and similarity to what is above. */
  diversity: z.number().min(0).max(1),
  /** Most items per creator in one list. */
  creatorCap: z.number().int().min(1).max(100),
  /** Extra value share for a brand-new upload, decaying with this half-life. */
  freshnessBoost: z.number().min(0).max(10),
  freshnessHalfLifeMs: z.number().int().min(1),
  exploration: z.object({
    /** Positions (0-based) that may be given to an exploration item. */
    slots: z.array(z.number().int().min(0).max(1000)).max(20),
    /** Chance that each slot is explored. */
    epsilon: z.number().min(0).max(1),
    /** Only items uploaded within this window are explored. */
    maxAgeMs: z.number().int().min(1),
  }),
  /** Business rules: items placed at fixed positions, and items or creators never shown. */
  pins: z.array(z.object({ itemId: z.string().min(1), position: z.number().int().min(0).max(1000), creatorId: z.string().default('') })).max(50),
  blockedItemIds: z.array(z.string()).max(100_000),
  blockedCreatorIds: z.array(z.string()).max(100_000),
});

export type SurfaceBlending = z.output<typeof surfaceBlendingSchema>;
export const blendingPolicySchema = z.object({ spotlight: surfaceBlendingSchema, discover: surfaceBlendingSchema, stories: surfaceBlendingSchema });
export type BlendingPolicy = z.output<typeof blendingPolicySchema>;

const HOUR = 3_600_000;

const base: SurfaceBlending = {
  valueWeights: { complete: 1, like: 4, share: 6, follow: 8, watch_ratio: 1, skip: -1, hide: -10 },
  diversity: 0.3,
  creatorCap: 2,
  freshnessBoost: 0.2,
  freshnessHalfLifeMs: 12 * HOUR,
  exploration: { slots: [4, 9], epsilon: 0.1, maxAgeMs: 24 * HOUR },
  pins: [],
  blockedItemIds: [],
  blockedCreatorIds: [],
};

/** Spotlight optimises watching, Discover breadth, Stories keeps a followed creator's run together. */
export const defaultBlendingPolicy: BlendingPolicy = {
  spotlight: base,
  discover: { ...base, valueWeights: { ...base.valueWeights, share: 8 }, diversity: 0.5, creatorCap: 1 },
  stories: { ...base, diversity: 0.1, creatorCap: 10, freshnessBoost: 0.5, exploration: { ...base.exploration, slots: [] } },
};

/**
 * The policy from configuration (JSON): surfaces given replace the defaults wholesale; the others
 * keep them. Throws naming the offending path.
 */
export function parseBlendingPolicy(json: string | undefined): BlendingPolicy {
  return parseJsonSetting('blending policy', blendingPolicySchema.strict(), json, defaultBlendingPolicy);
}

export function surfaceBlending(policy: BlendingPolicy, surface: Surface): SurfaceBlending {
  if (surface === Surface.SURFACE_DISCOVER) return policy.discover;
  if (surface === Surface.SURFACE_STORIES) return policy.stories;
  return policy.spotlight;
}
