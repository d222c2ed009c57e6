/** Weight of each task prediction in an item's value; negative tasks subtract. */
export type ValueWeights = Readonly<Record<string, number>>;

export function itemValue(taskScores: Readonly<Record<string, number>>, weights: ValueWeights): number {
  let value = 0;
  for (const task in weights) value += (taskScores[task] ?? 0) * weights[task]!;
  return value;
}

/**
 * itemValue with the weights read once, for scoring a whole list under one policy: the same sum,
 * term for term in the same order, without enumerating the weights for every item.
 */
export function valueModel(weights: ValueWeights): (taskScores: Readonly<Record<string, number>>) => number {
  const tasks: string[] = [];
  const taskWeights: number[] = [];
  for (const task in weights) {
    tasks.push(task);
    taskWeights.push(weights[task]!);
  }
  return (taskScores) => {
    let value = 0;
    for (let k = 0; k < tasks.length; k++) value += (taskScores[tasks[k]!] ?? 0) * taskWeights[k]!;
    return value;
  };
}
