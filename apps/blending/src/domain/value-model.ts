/** Weight of each task prediction in an item's value; negative tasks subtract. */
export type ValueWeights = Readonly<Record<string, number>>;

export function itemValue(taskScores: Readonly<Record<string, number>>, weights: ValueWeights): number {
  let value = 0;
  for (const task in weights) value += (taskScores[task] ?? 0) * weights[task]!;
  return value;
}
