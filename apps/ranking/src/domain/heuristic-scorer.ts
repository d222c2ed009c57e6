import type { Candidate } from '@cascade/contracts';

/** Task names the heuristic scorer answers, in the order its scores are listed; positives first, then the negative tasks. */
export const rankingTasks = ['complete', 'like', 'share', 'follow', 'watch_ratio', 'skip', 'hide'] as const;

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Writes the heuristic's task predictions for one retrieval score into `out` from `offset`, in
 * rankingTasks order: derived from the retrieval score alone (the only field of a candidate it
 * reads), monotone in it, so the list keeps retrieval's order.
 */
export function writeHeuristicScores(retrievalScore: number, out: Float64Array, offset: number): void {
  const strength = logistic(retrievalScore);
  out[offset] = 0.3 * strength;
  out[offset + 1] = 0.05 * strength;
  out[offset + 2] = 0.01 * strength;
  out[offset + 3] = 0.005 * strength;
  out[offset + 4] = 0.5 * strength;
  out[offset + 5] = 0.3 * (1 - strength);
  out[offset + 6] = 0.01 * (1 - strength);
}

/** Row-major candidates × rankingTasks matrix of the heuristic's predictions (a scores-only answer). */
export function heuristicScoreMatrix(candidates: readonly Candidate[]): Float64Array {
  const width = rankingTasks.length;
  const out = new Float64Array(candidates.length * width);
  for (let i = 0; i < candidates.length; i++) writeHeuristicScores(candidates[i]!.retrievalScore, out, i * width);
  return out;
}

const row = new Float64Array(rankingTasks.length);

/** The fallback scorer when no model (or no features) can answer, as a task → score map (an echoed answer). */
export function heuristicTaskScores(candidate: Candidate): Record<string, number> {
  writeHeuristicScores(candidate.retrievalScore, row, 0);
  return { complete: row[0]!, like: row[1]!, share: row[2]!, follow: row[3]!, watch_ratio: row[4]!, skip: row[5]!, hide: row[6]! };
}
