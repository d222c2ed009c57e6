import { ContentEvent, EngagementEvent } from '@cascade/contracts';
import {
  ApplyResult,
  categoryAffinityOps,
  contentMutations,
  EntityMutation,
  engagementMutations,
  item,
  ItemView,
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

  async applyEngagements(events: readonly EngagementEvent[]): Promise<ApplyResult> {
    if (events.length === 0) return { applied: 0, duplicates: 0 };
    const itemIds = [...new Set(events.map((e) => e.itemId))];
    const snapshots = await this.store.read(itemIds.map(item));
    const categories = new Map<string, string[]>();
    itemIds.forEach((id, i) => categories.set(id, new ItemView(id, snapshots[i], 0).categories ?? []));

    const mutations: EntityMutation[] = [];
    for (const event of events) {
      const perEntity = engagementMutations(event, this.limits);
      const affinity = categoryAffinityOps(event, categories.get(event.itemId) ?? []);
      if (affinity.length > 0) perEntity.find((m) => m.entity.kind === 'user')?.ops.push(...affinity);
      mutations.push(...perEntity);
    }
    return this.store.apply(mutations);
  }

  async applyContent(events: readonly ContentEvent[]): Promise<ApplyResult> {
    return this.store.apply(events.flatMap(contentMutations));
  }
}
