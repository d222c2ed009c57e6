export interface ExplorationOptions {
  slots: readonly number[];
  epsilon: number;
}

export interface ExplorationPlacement {
  /** Index into the pool. */
  pick: number;
  position: number;
  /** Probability that this item was placed at this position: ε / pool size. */
  propensity: number;
}

/**
 * ε-greedy exploration: each slot, with probability ε, is given to an item drawn uniformly from the
 * pool (e.g. fresh uploads the ranker knows little about). The propensity of each placement is
 * logged so that off-policy estimators can weight the outcome (inverse propensity scoring).
 */
export function planExploration(poolSize: number, options: ExplorationOptions, random: () => number): ExplorationPlacement[] {
  const placements: ExplorationPlacement[] = [];
  const used = new Set<number>();
  for (const position of options.slots) {
    const available = poolSize - used.size;
    if (available <= 0) break;
    if (random() >= options.epsilon) continue;
    let pick = Math.floor(random() * poolSize);
    while (used.has(pick)) pick = (pick + 1) % poolSize;
    used.add(pick);
    placements.push({ pick, position, propensity: options.epsilon / available });
  }
  return placements;
}
