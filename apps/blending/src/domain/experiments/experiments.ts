import { parseJsonSetting } from '@cascade/service-kit';
import { z } from 'zod';
import { BUCKETS, bucketOf } from './bucketing';

const overridesSchema = z.object({
  /** Per-source retrieval quotas (absolute), passed to Retrieve. */
  sourceQuotas: z.record(z.string(), z.number().int().min(0).max(100_000)).optional(),
  /** Ranker model version to ask for. */
  modelVersion: z.string().optional(),
  /** Value weights merged over the surface's. */
  valueWeights: z.record(z.string(), z.number().min(-1000).max(1000)).optional(),
  /** Diversity strength replacing the surface's. */
  diversity: z.number().min(0).max(1).optional(),
});

const experimentSchema = z.object({
  name: z.string().min(1),
  salt: z.string().min(1),
  /** Variants with their share of traffic in percent; shares may sum below 100 (the rest is not in the experiment). */
  variants: z.array(z.object({ name: z.string().min(1), percent: z.number().min(0).max(100), overrides: overridesSchema.default({}) })).min(1),
});

export type ExperimentOverrides = z.output<typeof overridesSchema>;
export type Experiment = z.output<typeof experimentSchema>;
export const experimentsSchema = z.array(experimentSchema).superRefine((experiments, ctx) => {
  experiments.forEach((experiment, i) => {
    const total = experiment.variants.reduce((sum, v) => sum + v.percent, 0);
    if (total > 100) ctx.addIssue({ code: 'custom', path: [i, 'variants'], message: `shares sum to ${total}% (over 100%)` });
  });
});

export interface Assignment {
  experiment: string;
  variant: string;
  overrides: ExperimentOverrides;
}

export function parseExperiments(json: string | undefined): Experiment[] {
  return parseJsonSetting('experiments', experimentsSchema, json, []);
}

/** The variant of each experiment the user falls in (users outside every variant get none). */
export function assignExperiments(userId: string, experiments: readonly Experiment[]): Assignment[] {
  const assignments: Assignment[] = [];
  for (const experiment of experiments) {
    const bucket = bucketOf(userId, experiment.salt);
    let upper = 0;
    for (const variant of experiment.variants) {
      upper += (variant.percent / 100) * BUCKETS;
      if (bucket < upper) {
        assignments.push({ experiment: experiment.name, variant: variant.name, overrides: variant.overrides });
        break;
      }
    }
  }
  return assignments;
}

/** Overrides of all assignments, later experiments winning on conflicts; value weights merge. */
export function mergedOverrides(assignments: readonly Assignment[]): ExperimentOverrides {
  const merged: ExperimentOverrides = {};
  for (const { overrides } of assignments) {
    if (overrides.sourceQuotas) merged.sourceQuotas = { ...merged.sourceQuotas, ...overrides.sourceQuotas };
    if (overrides.valueWeights) merged.valueWeights = { ...merged.valueWeights, ...overrides.valueWeights };
    if (overrides.modelVersion !== undefined) merged.modelVersion = overrides.modelVersion;
    if (overrides.diversity !== undefined) merged.diversity = overrides.diversity;
  }
  return merged;
}
