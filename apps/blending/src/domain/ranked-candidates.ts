import { type Candidate, decodeFloat64Matrix, type RankResponse } from '@cascade/contracts';

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
  // One shape for every row's task scores, keys in the answer's order as an echoed map lists them.
  const template: Record<string, number> = {};
  for (const name of names) template[name] = 0;
  const ranked = new Array<Candidate>(sent.length);
  for (let i = 0; i < sent.length; i++) {
    const taskScores = { ...template };
    for (let k = 0; k < width; k++) taskScores[names[k]!] = scores[i * width + k]!;
    ranked[i] = { ...sent[i]!, taskScores };
  }
  return ranked;
}
