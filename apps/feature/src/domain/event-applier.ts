import { ContentEvent, EngagementEvent } from '@cascade/contracts';
import {
  ApplyResult,
  categoryAffinityOps,
  contentMutations,
  EntityMutation,
  engagementMutations,
  item,
  ItemView,
  LogPosition,
  StateStore,
  UserStateLimits,
  defaultUserStateLimits,
} from '@cascade/features';

/**
 * Turns decoded events into entity mutations and applies them in one store round trip per batch.
 * Category affinity needs the engaged items' categories, read in one batch first.
 */
export class EventApplier {
  constructor(
    private readonly store: StateStore,
    private readonly limits: UserStateLimits = defaultUserStateLimits,
  ) {}

  /**
   * `sources[i]`, when given, is where `events[i]` sits in its log: a store then also skips what it
   * already applied from that position (a redelivery after a consumer restart).
   */
  async applyEngagements(events: readonly EngagementEvent[], sources?: readonly LogPosition[]): Promise<ApplyResult> {
    if (events.length === 0) return { applied: 0, duplicates: 0 };
    const itemIds = [...new Set(events.map((e) => e.itemId))];
    const snapshots = await this.store.read(itemIds.map(item));
    const categories = new Map<string, string[]>();
    itemIds.forEach((id, i) => categories.set(id, new ItemView(id, snapshots[i], 0).categories ?? []));

    const mutations: EntityMutation[] = [];
    events.forEach((event, i) => {
      const perEntity = engagementMutations(event, this.limits);
      const affinity = categoryAffinityOps(event, categories.get(event.itemId) ?? []);
      if (affinity.length > 0) perEntity.find((m) => m.entity.kind === 'user')?.ops.push(...affinity);
      const source = sources?.[i];
      for (const mutation of perEntity) {
        if (source) mutation.source = source;
        mutations.push(mutation);
      }
    });
    return this.store.apply(mutations);
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
