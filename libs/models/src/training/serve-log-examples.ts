import { EngagementEvent, EngagementType, ServeEvent } from '@cascade/contracts';
import type { RankerLabels } from '../ranker/ranker-tasks';
import { emptyLabels, recordOutcome } from './outcome-labels';
import type { RankingExamples } from './ranking-examples';

export interface ServeLogExamples extends RankingExamples {
  /** Probability each example's item was placed where it was shown (1 = deterministic), for inverse-propensity weighting. */
  propensities: number[];
  /** Served lists whose logged features lacked some of the wanted names (their items are skipped). */
  skippedLists: number;
}

interface ServedExample {
  row: Float32Array;
  labels: RankerLabels;
  timeMs: number;
  propensity: number;
}

/**
 * Training data from what was actually served: each item of a ServeEvent becomes an example whose
 * features are the values the ranker saw at serving time (logged with it, so there is nothing to
 * recompute and no skew), labelled by the user's engagement with that item within `labelWindowMs`
 * of serving. Events may arrive in any order (two topics replayed side by side): outcomes are
 * joined at the end.
 */
export class ServeLogExampleBuilder {
  private readonly served = new Map<string, ServedExample[]>();
  private readonly outcomes = new Map<string, EngagementEvent[]>();
  private skippedLists = 0;

  constructor(
    readonly featureNames: readonly string[],
    private readonly labelWindowMs = 3_600_000,
  ) {}

  get servedItems(): number {
    let n = 0;
    for (const list of this.served.values()) n += list.length;
    return n;
  }

  addServe(event: ServeEvent): void {
    const columns = this.featureNames.map((name) => event.featureNames.indexOf(name));
    if (columns.some((c) => c < 0)) {
      this.skippedLists++;
      return;
    }
    for (const item of event.items) {
      if (item.featureValues.length !== event.featureNames.length) continue;
      const row = Float32Array.from(columns, (c) => item.featureValues[c]!);
      const key = pairKey(event.userId, item.itemId);
      let list = this.served.get(key);
      if (!list) this.served.set(key, (list = []));
      list.push({ row, labels: emptyLabels(), timeMs: event.servedAtMs, propensity: item.propensity || 1 });
    }
  }

  addEngagement(event: EngagementEvent): void {
    if (event.type === EngagementType.ENGAGEMENT_TYPE_IMPRESSION) return;
    const key = pairKey(event.userId, event.itemId);
    let list = this.outcomes.get(key);
    if (!list) this.outcomes.set(key, (list = []));
    list.push(event);
  }

  /** Joins outcomes to the serving they followed (the latest serving of the pair before them), examples in serving-time order. */
  finish(): ServeLogExamples {
    const all: ServedExample[] = [];
    for (const [key, servings] of this.served) {
      servings.sort((a, b) => a.timeMs - b.timeMs);
      for (const outcome of this.outcomes.get(key) ?? []) {
        const serving = latestBefore(servings, outcome.eventTimeMs);
        if (serving && outcome.eventTimeMs - serving.timeMs <= this.labelWindowMs) recordOutcome(serving.labels, outcome);
      }
      all.push(...servings);
    }
    all.sort((a, b) => a.timeMs - b.timeMs);
    const width = this.featureNames.length;
    const rows = new Float32Array(all.length * width);
    all.forEach((example, i) => rows.set(example.row, i * width));
    return {
      featureNames: [...this.featureNames],
      rows,
      labels: all.map((e) => e.labels),
      timesMs: all.map((e) => e.timeMs),
      propensities: all.map((e) => e.propensity),
      skippedLists: this.skippedLists,
    };
  }
}

function pairKey(userId: string, itemId: string): string {
  return `${userId}\u0000${itemId}`;
}

function latestBefore(servings: readonly ServedExample[], timeMs: number): ServedExample | undefined {
  let found: ServedExample | undefined;
  for (const serving of servings) {
    if (serving.timeMs > timeMs) break;
    found = serving;
  }
  return found;
}
