import type { GetFeaturesResponse } from '@cascade/contracts';

/** User features the adaptation reads (aligned lists, newest first), fetched in the same GetFeatures call as the model's. */
export const sessionFeatureNames = ['user_history_creator_ids', 'user_history_types'] as const;

/** How much one recent engagement says about the user's taste for its creator right now. */
const engagementWeights: Readonly<Record<string, number>> = {
  like: 1,
  share: 1.5,
  follow: 1.5,
  comment: 1,
  complete: 0.7,
  view: 0.2,
  skip: -0.5,
  unfollow: -1,
  hide: -3,
  report: -3,
};

const positiveTasks = new Set(['complete', 'like', 'share', 'follow']);
const negativeTasks = new Set(['skip', 'hide']);
const MAX_FACTOR = 4;

/**
 * Net recent sentiment per creator over the user's last `window` engagements: likes, shares,
 * follows and completes add, skips subtract, hides and reports subtract a lot.
 */
export function recentCreatorSentiment(response: GetFeaturesResponse, window: number): Map<string, number> {
  const column = (name: string) => response.userFeatures.find((c) => c.name === name)?.idLists[0]?.ids ?? [];
  const creators = column('user_history_creator_ids');
  const types = column('user_history_types');
  const sentiment = new Map<string, number>();
  for (let i = 0; i < Math.min(window, creators.length, types.length); i++) {
    const creator = creators[i]!;
    const weight = engagementWeights[types[i]!] ?? 0;
    if (creator && weight !== 0) sentiment.set(creator, (sentiment.get(creator) ?? 0) + weight);
  }
  return sentiment;
}

/** The factor adaptToSession applies for a creator's sentiment, or 0 when it leaves the scores as they are. */
export function sessionFactor(sentiment: number, strength: number): number {
  if (sentiment === 0 || strength === 0) return 0;
  return Math.min(MAX_FACTOR, Math.max(1 / MAX_FACTOR, Math.exp(strength * sentiment)));
}

/** One task's score under a sessionFactor (0: unchanged). */
export function adaptScore(task: string, score: number, factor: number): number {
  if (factor === 0) return score;
  if (positiveTasks.has(task)) return Math.min(1, score * factor);
  if (negativeTasks.has(task)) return Math.min(1, score / factor);
  return score;
}

/**
 * In-session adaptation on top of the model: a creator the user just engaged with positively gets
 * its positive-task predictions raised and its negative ones lowered (and the reverse after a
 * skip or hide), by exp(±strength·sentiment), bounded to ×4 either way. The model's own
 * affinity features learn this slowly; this makes the very next request reflect it.
 */
export function adaptToSession(taskScores: Readonly<Record<string, number>>, sentiment: number, strength: number): Record<string, number> {
  const factor = sessionFactor(sentiment, strength);
  if (factor === 0) return { ...taskScores };
  const adapted: Record<string, number> = {};
  for (const [task, score] of Object.entries(taskScores)) adapted[task] = adaptScore(task, score, factor);
  return adapted;
}
