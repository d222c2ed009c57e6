import { EngagementEvent, EngagementType } from '@cascade/contracts';
import { watchRatio } from '@cascade/features';
import type { RankerLabels } from '../ranker/ranker-tasks';

export const emptyLabels = (): RankerLabels => ({ complete: 0, like: 0, share: 0, follow: 0, skip: 0, hide: 0, watch_ratio: 0 });

const taskOf: Partial<Record<EngagementType, keyof RankerLabels>> = {
  [EngagementType.ENGAGEMENT_TYPE_COMPLETE]: 'complete',
  [EngagementType.ENGAGEMENT_TYPE_LIKE]: 'like',
  [EngagementType.ENGAGEMENT_TYPE_SHARE]: 'share',
  [EngagementType.ENGAGEMENT_TYPE_FOLLOW]: 'follow',
  [EngagementType.ENGAGEMENT_TYPE_SKIP]: 'skip',
  [EngagementType.ENGAGEMENT_TYPE_HIDE]: 'hide',
  [EngagementType.ENGAGEMENT_TYPE_REPORT]: 'hide',
};

/** Records one outcome of an impression in its labels: the task it marks, and the longest watch. */
export function recordOutcome(labels: RankerLabels, event: EngagementEvent): void {
  const task = taskOf[event.type];
  if (task) labels[task] = 1;
  if (event.watchMs > 0) labels.watch_ratio = Math.max(labels.watch_ratio, watchRatio(event.watchMs, event.itemDurationMs));
}
