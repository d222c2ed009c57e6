import { ContentEvent, EngagementEvent, EngagementType } from '@cascade/contracts';
import {
  categoryAffinityOps,
  computeFeatures,
  contentMutations,
  creator,
  engagementMutations,
  FeatureDefinition,
  item,
  ItemView,
  MemoryStateStore,
  selectFeatures,
  user,
} from '@cascade/features';
import type { RankerLabels } from '../ranker/ranker-tasks';
import { emptyLabels, recordOutcome } from './outcome-labels';

export interface RankingExamples {
  featureNames: string[];
  /** Row-major impressions × features, the values serving would have read at impression time. */
  rows: Float32Array;
  labels: RankerLabels[];
  /** Impression event times, for temporal splits. */
  timesMs: number[];
}

interface PendingImpression {
  row: Float32Array;
  labels: RankerLabels;
  timeMs: number;
}


/**
 * Builds ranking training data by replaying the event log in time order through the same state
 * and feature code the feature service runs: each impression's features are read as of its event
 * time, before anything that followed, and its labels are the outcomes within `labelWindowMs`.
 */
export class RankingExampleBuilder {
  private readonly store = new MemoryStateStore({ dedupeWindowMs: 0 });
  private readonly definitions: FeatureDefinition[];
  private readonly pending = new Map<string, PendingImpression>();
  private readonly done: PendingImpression[] = [];

  constructor(
    readonly featureNames: string[],
    private readonly labelWindowMs = 3_600_000,
  ) {
    this.definitions = selectFeatures(featureNames);
    const nonNumeric = this.definitions.filter((d) => d.type !== 'number').map((d) => d.name);
    if (nonNumeric.length > 0) throw new Error(`ranking features must be numeric: ${nonNumeric.join(', ')}`);
  }

  get size(): number {
    return this.done.length + this.pending.size;
  }

  /** Adds the next event; events must come in event-time order (as the generator and topics give them). */
  add(event: EngagementEvent | ContentEvent): void {
    if (!('watchMs' in event)) {
      this.store.applySync(contentMutations(event));
      return;
    }
    const key = `${event.userId}\u0000${event.itemId}`;
    if (event.type === EngagementType.ENGAGEMENT_TYPE_IMPRESSION) {
      const previous = this.pending.get(key);
      if (previous) this.done.push(previous);
      this.pending.set(key, { row: this.featureRow(event), labels: emptyLabels(), timeMs: event.eventTimeMs });
    } else {
      const impression = this.pending.get(key);
      if (impression && event.eventTimeMs - impression.timeMs <= this.labelWindowMs) recordOutcome(impression.labels, event);
    }
    this.apply(event);
  }

  /** Everything collected so far, impressions in time order. */
  finish(): RankingExamples {
    const all = [...this.done, ...this.pending.values()].sort((a, b) => a.timeMs - b.timeMs);
    const width = this.definitions.length;
    const rows = new Float32Array(all.length * width);
    all.forEach((example, i) => rows.set(example.row, i * width));
    return { featureNames: this.featureNames, rows, labels: all.map((e) => e.labels), timesMs: all.map((e) => e.timeMs) };
  }

  private featureRow(event: EngagementEvent): Float32Array {
    const [userSnapshot, itemSnapshot] = this.store.readSync([user(event.userId), item(event.itemId)]);
    const creatorId = new ItemView(event.itemId, itemSnapshot, event.eventTimeMs).creatorId ?? event.creatorId;
    const [creatorSnapshot] = creatorId ? this.store.readSync([creator(creatorId)]) : [undefined];
    const computed = computeFeatures(
      event.userId,
      [event.itemId],
      this.definitions,
      {
        user: userSnapshot,
        items: new Map([[event.itemId, itemSnapshot]]),
        creators: new Map(creatorId ? [[creatorId, creatorSnapshot]] : []),
      },
      event.eventTimeMs,
    );
    const byName = new Map([...computed.userFeatures, ...computed.itemFeatures, ...computed.crossFeatures].map((c) => [c.name, c.numbers[0] ?? 0]));
    return Float32Array.from(this.featureNames, (name) => byName.get(name) ?? 0);
  }

  private apply(event: EngagementEvent): void {
    const mutations = engagementMutations(event);
    const [itemSnapshot] = this.store.readSync([item(event.itemId)]);
    const categories = new ItemView(event.itemId, itemSnapshot, event.eventTimeMs).categories ?? [];
    const affinity = categoryAffinityOps(event, categories);
    if (affinity.length > 0) mutations.find((m) => m.entity.kind === 'user')?.ops.push(...affinity);
    this.store.applySync(mutations);
  }
}
