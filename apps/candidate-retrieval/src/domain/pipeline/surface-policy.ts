import { Surface } from '@cascade/contracts';
import { parseJsonSetting } from '@cascade/service-kit';
import { z } from 'zod';
import { allSourceNames, SourceName } from '../sources/source-names';

const sourcePolicySchema = z.object({
  /** Candidates asked of the source, as a share of the request's k (overfetch: shares may sum past 1). */
  share: z.number().min(0).max(10),
  /** Weight of the source's ranks when lists are merged. */
  weight: z.number().min(0).max(100),
  timeoutMs: z.number().int().min(1).max(60_000),
});

const surfacePolicySchema = z.object({
  sources: z.partialRecord(z.enum(allSourceNames as [SourceName, ...SourceName[]]), sourcePolicySchema),
  /** Most candidates per creator after merging. */
  creatorCap: z.number().int().min(1).max(10_000),
  /** Only items in the language of the request's locale (when both are known). */
  requireLanguageMatch: z.boolean(),
  /** Only items from the request's country (when both are known). */
  requireCountryMatch: z.boolean(),
  /** How old an upload may be for the fresh and following sources. */
  freshMaxAgeMs: z.number().int().min(1),
});

export type SourcePolicy = z.infer<typeof sourcePolicySchema>;
export type SurfacePolicy = z.infer<typeof surfacePolicySchema>;

export const surfaceKeys = { spotlight: Surface.SURFACE_SPOTLIGHT, discover: Surface.SURFACE_DISCOVER, stories: Surface.SURFACE_STORIES } as const;
export type SurfaceKey = keyof typeof surfaceKeys;

export const surfacePoliciesSchema = z.object({
  spotlight: surfacePolicySchema,
  discover: surfacePolicySchema,
  stories: surfacePolicySchema,
});
export type SurfacePolicies = z.infer<typeof surfacePoliciesSchema>;

const DAY = 86_400_000;

/** The default mix. Spotlight leans on personalisation, Discover on what is trending, Stories on follows. */
export const defaultSurfacePolicies: SurfacePolicies = {
  spotlight: {
    sources: {
      two_tower: { share: 0.5, weight: 1.0, timeoutMs: 40 },
      item_to_item: { share: 0.25, weight: 0.8, timeoutMs: 40 },
      trending: { share: 0.2, weight: 0.6, timeoutMs: 10 },
      fresh: { share: 0.1, weight: 0.4, timeoutMs: 10 },
      following: { share: 0.1, weight: 0.5, timeoutMs: 10 },
      popular: { share: 0.2, weight: 0.2, timeoutMs: 10 },
    },
    creatorCap: 5,
    requireLanguageMatch: false,
    requireCountryMatch: false,
    freshMaxAgeMs: 2 * DAY,
  },
  discover: {
    sources: {
      two_tower: { share: 0.35, weight: 0.8, timeoutMs: 40 },
      item_to_item: { share: 0.15, weight: 0.6, timeoutMs: 40 },
      trending: { share: 0.4, weight: 1.0, timeoutMs: 10 },
      fresh: { share: 0.15, weight: 0.4, timeoutMs: 10 },
      popular: { share: 0.3, weight: 0.3, timeoutMs: 10 },
    },
    creatorCap: 3,
    requireLanguageMatch: true,
    requireCountryMatch: false,
    freshMaxAgeMs: 3 * DAY,
  },
  stories: {
    sources: {
      following: { share: 0.8, weight: 1.0, timeoutMs: 10 },
      two_tower: { share: 0.2, weight: 0.5, timeoutMs: 40 },
      fresh: { share: 0.1, weight: 0.3, timeoutMs: 10 },
      popular: { share: 0.1, weight: 0.1, timeoutMs: 10 },
    },
    creatorCap: 20,
    requireLanguageMatch: false,
    requireCountryMatch: false,
    freshMaxAgeMs: 7 * DAY,
  },
};

/**
 * Policies from configuration: a JSON object with any of the surfaces, each replacing that surface's
 * default wholesale (so a configured surface is exactly what it says). Throws naming the bad path.
 */
export function parseSurfacePolicies(json: string | undefined): SurfacePolicies {
  return parseJsonSetting('surface policy', surfacePoliciesSchema.strict(), json, defaultSurfacePolicies);
}

export function policyFor(policies: SurfacePolicies, surface: Surface): SurfacePolicy {
  if (surface === Surface.SURFACE_DISCOVER) return policies.discover;
  if (surface === Surface.SURFACE_STORIES) return policies.stories;
  return policies.spotlight;
}

/** Candidates to ask each source for: the policy's share of k, or the request's absolute override. */
export function sourceQuotas(policy: SurfacePolicy, k: number, overrides: Readonly<Record<string, number>>): Map<SourceName, number> {
  const quotas = new Map<SourceName, number>();
  for (const name of allSourceNames) {
    const override = overrides[name];
    const share = policy.sources[name]?.share ?? 0;
    const quota = override !== undefined ? override : Math.ceil(share * k);
    if (quota > 0) quotas.set(name, quota);
  }
  return quotas;
}
