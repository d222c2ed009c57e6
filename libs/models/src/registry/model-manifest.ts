import { featureRegistry, getFeature, registryVersion } from '@cascade/features';
import { z } from 'zod';

export const modelKinds = ['ranker', 'two-tower'] as const;

/** What a published model version says about itself; written as manifest.json beside the weights. */
export const modelManifestSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  kind: z.enum(modelKinds),
  createdAtMs: z.number().int().positive(),
  /** The registered features the model reads, in input order, and the registry version they came from. */
  features: z.object({
    registryVersion: z.string(),
    names: z.array(z.string()),
  }),
  trainingData: z.object({
    source: z.string(),
    fromMs: z.number(),
    toMs: z.number(),
    examples: z.number().int().nonnegative(),
  }),
  metrics: z.record(z.string(), z.number()),
  /** Model-specific settings (task names, embedding size, vocabulary sizes...). */
  config: z.record(z.string(), z.unknown()).default({}),
});

export type ModelManifest = z.output<typeof modelManifestSchema>;

/**
 * Problems that stop a model from being served with this build's features: an unknown feature, a
 * non-numeric one where the model needs numbers, or a registry whose computations changed.
 */
export function featureSpecProblems(manifest: ModelManifest, options: { numericOnly?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (manifest.features.registryVersion !== registryVersion) {
    problems.push(`trained against feature registry ${manifest.features.registryVersion}, this build serves ${registryVersion}`);
  }
  for (const name of manifest.features.names) {
    const feature = getFeature(name);
    if (!feature) problems.push(`feature "${name}" is not registered (${featureRegistry.length} are)`);
    else if (options.numericOnly && feature.type !== 'number') problems.push(`feature "${name}" is ${feature.type}, the model needs numbers`);
  }
  return problems;
}
