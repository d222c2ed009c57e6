/**
 * The one shape every training and evaluation source is read into: the synthetic world, MovieLens,
 * KuaiRec, KuaiRand side tables and a replay of the Kafka topics. Columnar (typed arrays) so that
 * 10M interactions fit comfortably in memory and feed tensors without per-row objects.
 */

/** What is known about an item; an item tower uses whatever is present. */
export interface ItemAttributes {
  /** Human-readable title when the source has one (MovieLens), for reports only. */
  title?: string;
  creatorId?: string;
  categories?: readonly string[];
  durationMs?: number;
  createdAtMs?: number;
  /** When the item was removed (a DELETE content event), if it was. */
  deletedAtMs?: number;
  language?: string;
  country?: string;
  /** A content embedding when the source has one (e.g. the world's item vectors). */
  embedding?: Float32Array;
}

export interface UserAttributes {
  country?: string;
  language?: string;
  /** Free-form categorical attributes (e.g. KuaiRand's activity degree). */
  tags?: Readonly<Record<string, string>>;
}

/** One row per interaction; row i of every column describes the same event. */
export interface InteractionColumns {
  /** Index into InteractionDataset.userIds. */
  user: Int32Array;
  /** Index into InteractionDataset.itemIds. */
  item: Int32Array;
  /** 1 = positive (engaged), 0 = explicit negative (shown, not engaged). Graded sources map to [0, 1]. */
  label: Float32Array;
  /** Event time in epoch ms; absent when the source has no timestamps. */
  timeMs?: Float64Array;
  /** Watched / duration, when the source knows it. */
  watchRatio?: Float32Array;
  /** The explicit rating as the source gives it (MovieLens stars), when it has one; `label` is derived from it. */
  rating?: Float32Array;
}

/**
 * The one rule that turns a label into relevance: every reader writes labels so that a positive
 * (engaged, liked, rated highly) is ≥ this and a negative below it.
 */
export const POSITIVE_LABEL_THRESHOLD = 0.5;

export function isPositiveLabel(label: number): boolean {
  return label >= POSITIVE_LABEL_THRESHOLD;
}

/** Row indices into InteractionColumns for each part of a split. */
export interface InteractionSplit {
  train: Int32Array;
  valid?: Int32Array;
  test: Int32Array;
  /** Exactly how the split was made, for EVALUATION.md (e.g. "temporal: last 20% of each user's events"). */
  protocol: string;
}

export interface InteractionDataset {
  /** Short stable name, e.g. "movielens-100k", "kuairec-small", "world-small-seed7". */
  name: string;
  /** Where it was read from (a path or a topic list), for provenance in manifests and reports. */
  source: string;
  userIds: readonly string[];
  itemIds: readonly string[];
  /** By item index; an empty object when nothing is known. */
  items: readonly ItemAttributes[];
  /** By user index, when the source has user side information. */
  users?: readonly UserAttributes[];
  interactions: InteractionColumns;
  /** A split the source itself defines (KuaiRec's files, MovieLens' u1 base/test); otherwise make one. */
  predefinedSplit?: InteractionSplit;
}
