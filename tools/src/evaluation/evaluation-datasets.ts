import {
  datasetFromWorld,
  engagementPositiveRule,
  KUAIREC_POSITIVE_RULE,
  MOVIELENS_POSITIVE_RULE,
  randomSplitPerUser,
  readKuaiRecSmall,
  readMovieLens100k,
  readMovieLensLatestSmall,
  temporalSplitPerUser,
  worldDatasetName,
  type InteractionDataset,
  type InteractionSplit,
} from '@cascade/models';
import { createWorld, PRESET_NAMES, type PresetName } from '@cascade/world';
import { datasetFromKafka } from './kafka-dataset';

export const DATASET_CHOICES = ['movielens-100k', 'movielens-latest-small', 'kuairec-small', ...PRESET_NAMES.map((p) => `world:${p}`), 'kafka'];

export interface LoadedDataset {
  dataset: InteractionDataset;
  positiveRule: string;
}

export interface LoadOptions {
  /** Folder of the dataset itself (default: its folder under the shared datasets directory). */
  dir?: string;
  seed: number;
  maxEvents?: number;
  /** Events folded so far (world and Kafka sources). */
  onEventProgress?: (events: number) => void;
  /** Kafka source: brokers (default KAFKA_BROKERS). */
  brokers?: string;
}

export async function loadDataset(spec: string, options: LoadOptions): Promise<LoadedDataset> {
  switch (spec) {
    case 'movielens-100k':
      return { dataset: await readMovieLens100k(options.dir), positiveRule: MOVIELENS_POSITIVE_RULE };
    case 'movielens-latest-small':
      return { dataset: await readMovieLensLatestSmall(options.dir), positiveRule: MOVIELENS_POSITIVE_RULE };
    case 'kuairec-small':
      return { dataset: await readKuaiRecSmall(options.dir), positiveRule: KUAIREC_POSITIVE_RULE };
    case 'kafka': {
      const { dataset, replay } = await datasetFromKafka({
        ...(options.brokers ? { brokers: options.brokers } : {}),
        ...(options.onEventProgress ? { onProgress: options.onEventProgress } : {}),
      });
      const skipped = Object.values(replay.topics).reduce((sum, t) => sum + t.skipped, 0);
      return { dataset, positiveRule: `${engagementPositiveRule()}; ${skipped} undecodable records skipped` };
    }
  }
  const preset = spec.startsWith('world:') ? (spec.slice('world:'.length) as PresetName) : undefined;
  if (preset === undefined || !PRESET_NAMES.includes(preset)) throw new Error(`--dataset must be one of ${DATASET_CHOICES.join(', ')}; got "${spec}"`);
  const world = createWorld({ preset, seed: options.seed });
  const dataset = datasetFromWorld(world, worldDatasetName(preset, options.seed), {
    ...(options.maxEvents !== undefined ? { maxEvents: options.maxEvents } : {}),
    ...(options.onEventProgress ? { onProgress: options.onEventProgress } : {}),
  });
  return { dataset, positiveRule: engagementPositiveRule() };
}

/**
 * The split every scorer is evaluated on: the source's own when it has one; else per-user temporal
 * (last 20% test, the 10% before them validation) when there are timestamps; else per-user random
 * with the same shares.
 */
export function evaluationSplit(dataset: InteractionDataset, seed: number): InteractionSplit {
  if (dataset.predefinedSplit) return dataset.predefinedSplit;
  const shares = { testFraction: 0.2, validFraction: 0.1 };
  return dataset.interactions.timeMs ? temporalSplitPerUser(dataset, shares) : randomSplitPerUser(dataset, { ...shares, seed });
}
