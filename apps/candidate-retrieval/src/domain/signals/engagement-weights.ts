import { EngagementType } from '@cascade/contracts';

/**
 * How much one engagement says an item is worth showing now. Impressions carry no signal of their
 * own; hides and reports count against the item.
 */
export const engagementVelocityWeights: Readonly<Record<EngagementType, number>> = {
  [EngagementType.ENGAGEMENT_TYPE_UNSPECIFIED]: 0,
  [EngagementType.ENGAGEMENT_TYPE_IMPRESSION]: 0,
  [EngagementType.ENGAGEMENT_TYPE_VIEW]: 1,
  [EngagementType.ENGAGEMENT_TYPE_COMPLETE]: 2,
  [EngagementType.ENGAGEMENT_TYPE_LIKE]: 3,
  [EngagementType.ENGAGEMENT_TYPE_SHARE]: 5,
  [EngagementType.ENGAGEMENT_TYPE_COMMENT]: 3,
  [EngagementType.ENGAGEMENT_TYPE_FOLLOW]: 4,
  [EngagementType.ENGAGEMENT_TYPE_UNFOLLOW]: 0,
  [EngagementType.ENGAGEMENT_TYPE_SKIP]: -0.5,
  [EngagementType.ENGAGEMENT_TYPE_HIDE]: -3,
  [EngagementType.ENGAGEMENT_TYPE_REPORT]: -5,
  [EngagementType.UNRECOGNIZED]: 0,
};
