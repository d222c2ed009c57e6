import { featureSpecProblems, ModelManifest, MultiTaskRanker, PublishedModel } from '@cascade/models';
import type { SavedRankerSettings } from '@cascade/models';

export interface LoadedRanker {
  ranker: MultiTaskRanker;
  manifest: ModelManifest;
}

/** Loads a published ranker after checking its manifest against this build's feature registry. */
export async function loadRanker(model: PublishedModel): Promise<LoadedRanker> {
  const problems = featureSpecProblems(model.manifest, { numericOnly: true });
  if (model.manifest.kind !== 'ranker') problems.push(`model kind is ${model.manifest.kind}, not ranker`);
  if (problems.length > 0) throw new Error(`cannot serve ${model.manifest.name}@${model.manifest.version}: ${problems.join('; ')}`);
  const ranker = await MultiTaskRanker.load(model.dir, model.manifest.config as unknown as SavedRankerSettings);
  return { ranker, manifest: model.manifest };
}

/**
 * The ranker in service. A new version is swapped in with one reference assignment, so a request
 * uses either the old or the new model whole; the old one is released after in-flight requests.
 */
export class ActiveModel {
  private current: LoadedRanker | undefined;

  constructor(private readonly releaseDelayMs = 30_000) {}

  get loaded(): LoadedRanker | undefined {
    return this.current;
  }

  swap(next: LoadedRanker): LoadedRanker | undefined {
    const previous = this.current;
    this.current = next;
    if (previous) setTimeout(() => previous.ranker.dispose(), this.releaseDelayMs).unref();
    return previous;
  }
}
