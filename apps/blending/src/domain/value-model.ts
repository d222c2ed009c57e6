/** Weight of each task prediction in an item's value; negative tasks subtract. */
export type ValueWeights = Readonly<Record<string, number>>;

export const defaultValueWeights: ValueWeights = {
  complete: 1,
  like: 4,
  share: 6,
  follow: 8,
  watch_ratio: 1,
  skip: -1,
  hide: -10,
};

export function itemValue(taskScores: Readonly<Record<string, number>>, weights: ValueWeights): number {
  let value = 0;
  for (const task in weights) value += (taskScores[task] ?? 0) * weights[task]!;
  return value;
}
