import type { RetrievalEvaluation } from '@cascade/models';

/** One scorer's line in a results file. */
export interface ScorerResult {
  scorer: string;
  /** Hyper-parameters and how they were chosen. */
  config: Record<string, unknown>;
  fitSeconds: number;
  evaluateSeconds: number;
  metrics: Record<string, number>;
}

/** evaluation/results/<dataset>.json: everything EVALUATION.md shows for one dataset. */
export interface RetrievalResultsFile {
  dataset: string;
  source: string;
  createdAt: string;
  command: string;
  machine: string;
  counts: {
    users: number;
    items: number;
    interactions: number;
    positives: number;
    trainRows: number;
    validRows: number;
    testRows: number;
    usersEvaluated: number;
    usersSkipped: number;
    relevantPairs: number;
    meanMaskedPerUser: number;
  };
  protocol: {
    split: string;
    positiveRule: string;
    relevance: string;
    masking: string;
    ks: number[];
    metrics: string;
  };
  results: ScorerResult[];
}

export const RELEVANCE_RULE = "a user's positive test interactions whose item is not masked; users with none are not evaluated";
export const MASKING_RULE = "every item of the user's train and validation rows (positive or negative) is removed from the ranking";
export const METRICS_RULE =
  'full ranking over the whole catalogue (no sampled negatives), top-K by score with ties to the lower item index; ' +
  'Recall@K = hits in top K / relevant items; NDCG@K with gain 1/log2(rank+1), ideal DCG over min(K, relevant) hits; ' +
  'both averaged over evaluated users; coverage@K = distinct items in any top K / catalogue size';

export function scorerResult(evaluation: RetrievalEvaluation, config: Record<string, unknown>, fitSeconds: number): ScorerResult {
  return { scorer: evaluation.scorer, config, fitSeconds, evaluateSeconds: evaluation.seconds, metrics: evaluation.metrics };
}
