import { type Candidate, decodeFloat64Matrix, type RankResponse } from '@cascade/contracts';

/**
 * A copy of the candidate with these task scores: field by field, one object literal of one shape,
 * about a third of what a spread of a decoded candidate costs (every field of Candidate is required,
 * so one added to the contract fails to compile here until it is copied).
 */
function withTaskScores(c: Candidate, taskScores: Record<string, number>): Candidate {
  return {
    itemId: c.itemId,
    creatorId: c.creatorId,
    categories: c.categories,
    createdAtMs: c.createdAtMs,
    durationMs: c.durationMs,
    language: c.language,
    country: c.country,
    sources: c.sources,
    retrievalScore: c.retrievalScore,
    taskScores,
    score: c.score,
    position: c.position,
    explanation: c.explanation,
    propensity: c.propensity,
  };
}

/**
 * The ranked candidates of a Rank answer, in the order they were sent. A scores-only answer
 * (task_names + task_score_matrix) gives each candidate blending sent its row of task scores, in
 * a copy: the sent objects may be shared (the cached popular list) and stay as they were. An answer
 * that echoes candidates (a ranking that predates scores_only) is taken as it comes.
 * Throws when the matrix does not have one row per sent candidate.
 */
export function rankedCandidatesOf(sent: readonly Candidate[], response: RankResponse): Candidate[] {
  const names = response.taskNames;
  if (response.candidates.length > 0 || names.length === 0) return response.candidates;
  const scores = decodeFloat64Matrix(response.taskScoreMatrix);
  const width = names.length;
  if (scores.length !== sent.length * width) {
    throw new Error(`rank answer has ${scores.length} task scores for ${sent.length} candidates × ${width} tasks`);
  }
  const ranked = new Array<Candidate>(sent.length);
  for (let i = 0; i < sent.length; i++) {
    // Keys in the answer's order, as an echoed map lists them (a repeated name keeps its last value).
    const taskScores: Record<string, number> = {};
    for (let k = 0; k < width; k++) taskScores[names[k]!] = scores[i * width + k]!;
    ranked[i] = withTaskScores(sent[i]!, taskScores);
  }
  return ranked;
}
