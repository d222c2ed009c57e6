import { defaultTwoTowerTraining, trainTwoTower, type InteractionDataset, type InteractionSplit, type RetrievalScorer, type TwoTowerProgress, type TwoTowerTrainOptions } from '@cascade/models';

export interface TwoTowerFit {
  scorer: RetrievalScorer;
  config: Record<string, unknown>;
}

/**
 * Trains the two-tower model on the split's training rows (its defaults unless overridden) and
 * scores users from their training histories, like the baselines.
 */
export async function fitTwoTower(
  dataset: InteractionDataset,
  split: InteractionSplit,
  overrides: Pick<TwoTowerTrainOptions, 'epochs' | 'seed'>,
  onProgress?: (progress: TwoTowerProgress) => void,
): Promise<TwoTowerFit> {
  const options: TwoTowerTrainOptions = { ...overrides, ...(onProgress ? { onProgress } : {}) };
  let last: TwoTowerProgress | undefined;
  const model = await trainTwoTower(dataset, split.train, {
    ...options,
    onProgress: (progress) => {
      last = progress;
      onProgress?.(progress);
    },
  });
  const { onProgress: _, ...settings } = { ...defaultTwoTowerTraining, ...options };
  return {
    scorer: model.asScorer(),
    config: { ...settings, trainExamplesPerSecond: last?.examplesPerSecond ?? null, finalLoss: last?.loss ?? null, chosenBy: 'model defaults (not tuned here)' },
  };
}
