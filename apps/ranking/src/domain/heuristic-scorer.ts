import type { Candidate } from '@cascade/contracts';

/** Task names the ranking model predicts; positives first, then the negative tasks. */
export const rankingTasks = ['complete', 'like', 'share', 'follow', 'watch_ratio', 'skip', 'hide'] as const;

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * The fallback scorer when no model (or no features) can answer: task predictions derived from
 * the retrieval score alone, monotone in it, so the list keeps retrieval's order.
 */
export function heuristicTaskScores(candidate: Candidate): Record<string, number> {
  const strength = logistic(candidate.retrievalScore);
  return {
    complete: 0.3 * strength,
    like: 0.05 * strength,
    share: 0.01 * strength,
    follow: 0.005 * strength,
    watch_ratio: 0.5 * strength,
    skip: 0.3 * (1 - strength),
    hide: 0.01 * (1 - strength),
  };
}
