import { ContentEvent, EngagementEvent } from '@cascade/contracts';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  ApplyResult,
  categoryAffinityOps,
  contentMutations,
  EntityMutation,
  engagementMutations,
  item,
  itemCategories,
  LogPosition,
  StateStore,
  UserStateLimits,
  defaultUserStateLimits,
} from '@cascade/features';

const noCategories: readonly string[] = [];

export interface EventApplierOptions {
  /**
   * Most events whose mutations go to the store in one call. A remote store wants one round trip per
   * batch (the default); the in-memory store is faster in small chunks, whose mutations die young.
   */
  chunkEvents?: number;
  /**
   * A store with a direct engagement path applies a batch without awaiting anything; it hands the
   * event loop back between slices of this many events, so GetFeatures is not held behind a whole
   * batch (1,000 events are ~30 ms of work).
   */
  yieldEveryEvents?: number;
}

/**
 * Turns decoded events into entity mutations and applies them in one store round trip per batch
 * (or per chunk). Category affinity needs the engaged items' categories, read in one batch first.
 * A store with a direct engagement path (the in-memory one) gets the events themselves.
 */
export class EventApplier {
  private readonly chunkEvents: number;
  private readonly yieldEveryEvents: number;

  constructor(
    private readonly store: StateStore,
    private readonly limits: UserStateLimits = defaultUserStateLimits,
    options: EventApplierOptions = {},
  ) {
    this.chunkEvents = options.chunkEvents ?? Infinity;
    this.yieldEveryEvents = options.yieldEveryEvents ?? Infinity;
  }

  /**
   * `sources[i]`, when given, is where `events[i]` sits in its log: a store then also skips what it
   * already applied from that position (a redelivery after a consumer restart).
   */
  async applyEngagements(events: readonly EngagementEvent[], sources?: readonly LogPosition[]): Promise<ApplyResult> {
    if (events.length === 0) return { applied: 0, duplicates: 0 };
    if (this.store.applyEngagements) return this.applyDirect(this.store.applyEngagements.bind(this.store), events, sources);
    const itemIds = [...new Set(events.map((e) => e.itemId))];
    const snapshots = await this.store.read(itemIds.map(item));
    const categories = new Map<string, readonly string[]>();
    itemIds.forEach((id, i) => categories.set(id, itemCategories(snapshots[i]?.registers)));

    const result: ApplyResult = { applied: 0, duplicates: 0 };
    for (let start = 0; start < events.length; start += this.chunkEvents) {
      const end = Math.min(events.length, start + this.chunkEvents);
      const mutations: EntityMutation[] = [];
      for (let i = start; i < end; i++) {
        const event = events[i]!;
        const perEntity = engagementMutations(event, this.limits);
        const affinity = categoryAffinityOps(event, categories.get(event.itemId) ?? noCategories);
        if (affinity.length > 0) perEntity.find((m) => m.entity.kind === 'user')?.ops.push(...affinity);
        const source = sources?.[i];
        for (const mutation of perEntity) {
          if (source) mutation.source = source;
          mutations.push(mutation);
        }
      }
      const chunk = await this.store.apply(mutations);
      result.applied += chunk.applied;
      result.duplicates += chunk.duplicates;
    }
    return result;
  }

  private async applyDirect(apply: NonNullable<StateStore['applyEngagements']>, events: readonly EngagementEvent[], sources?: readonly LogPosition[]): Promise<ApplyResult> {
    if (events.length <= this.yieldEveryEvents) return apply(events, this.limits, sources);
    const result: ApplyResult = { applied: 0, duplicates: 0 };
    for (let start = 0; start < events.length; start += this.yieldEveryEvents) {
      if (start > 0) await yieldToEventLoop();
      const end = Math.min(events.length, start + this.yieldEveryEvents);
      const slice = await apply(events.slice(start, end), this.limits, sources?.slice(start, end));
      result.applied += slice.applied;
      result.duplicates += slice.duplicates;
    }
    return result;
  }

  async applyContent(events: readonly ContentEvent[], sources?: readonly LogPosition[]): Promise<ApplyResult> {
    return this.store.apply(
      events.flatMap((event, i) => {
        const source = sources?.[i];
        return contentMutations(event).map((m) => (source ? { ...m, source } : m));
      }),
    );
  }
}
