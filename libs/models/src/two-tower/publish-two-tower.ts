import { registryVersion } from '@cascade/features';
import type { InteractionDataset } from '../data/interaction-dataset';
import { ModelRegistry, PublishedModel } from '../registry/model-registry';
import type { TwoTowerModel } from './two-tower-model';

export const TWO_TOWER_MODEL_NAME = 'two-tower';

/** The serving feature the user tower reads its history from. */
export const TWO_TOWER_HISTORY_FEATURE = 'user_positive_item_ids';

export interface TwoTowerPublication {
  dataset: InteractionDataset;
  trainRows: Int32Array;
  /** Offline metrics (e.g. ndcg@10 on the held-out split) and training throughput. */
  metrics: Record<string, number>;
  name?: string;
  /** Anything else worth keeping with the version (backend, hyperparameters). */
  config?: Record<string, unknown>;
}

/** First and last event time of the rows (0, 0 when the data has no timestamps). */
export function trainingTimeRange(dataset: InteractionDataset, rows: Int32Array): { fromMs: number; toMs: number } {
  const times = dataset.interactions.timeMs;
  if (!times || rows.length === 0) return { fromMs: 0, toMs: 0 };
  let fromMs = Number.POSITIVE_INFINITY;
  let toMs = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    fromMs = Math.min(fromMs, times[r]!);
    toMs = Math.max(toMs, times[r]!);
  }
  return { fromMs, toMs };
}

/** Saves the model as a new version of `two-tower` in the registry and points LATEST at it. */
export function publishTwoTower(registry: ModelRegistry, model: TwoTowerModel, publication: TwoTowerPublication): Promise<PublishedModel> {
  const { dataset, trainRows } = publication;
  return registry.publish(publication.name ?? TWO_TOWER_MODEL_NAME, async (dir) => ({ ...(await model.save(dir)) }), {
    kind: 'two-tower',
    features: { registryVersion, names: [TWO_TOWER_HISTORY_FEATURE] },
    trainingData: { source: `${dataset.name}:${dataset.source}`, ...trainingTimeRange(dataset, trainRows), examples: model.training?.examples ?? trainRows.length },
    metrics: Object.fromEntries(Object.entries(publication.metrics).filter(([, v]) => Number.isFinite(v))),
    config: publication.config ?? {},
  });
}
