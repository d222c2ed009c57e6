import { FeatureColumn, GetFeaturesRequest, GetFeaturesResponse } from '@cascade/contracts';
import type { UserSignals } from './candidate-source';

/** The user features retrieval reads, by the feature registry's names. */
export const userSignalFeatures = {
  positiveItemIds: 'user_positive_item_ids',
  historyItemIds: 'user_history_item_ids',
  followedCreatorIds: 'user_follows',
  negativeItemIds: 'user_negative_item_ids',
  seenItemIds: 'user_seen_item_ids',
} as const satisfies Record<keyof UserSignals, string>;

export function userSignalsRequest(userId: string): GetFeaturesRequest {
  return GetFeaturesRequest.fromPartial({ userId, itemIds: [], featureNames: Object.values(userSignalFeatures) });
}

function idsOf(columns: readonly FeatureColumn[], name: string): readonly string[] {
  return columns.find((c) => c.name === name)?.idLists[0]?.ids ?? [];
}

export function userSignalsFrom(response: GetFeaturesResponse): UserSignals {
  const columns = response.userFeatures;
  return {
    positiveItemIds: idsOf(columns, userSignalFeatures.positiveItemIds),
    historyItemIds: idsOf(columns, userSignalFeatures.historyItemIds),
    followedCreatorIds: idsOf(columns, userSignalFeatures.followedCreatorIds),
    negativeItemIds: idsOf(columns, userSignalFeatures.negativeItemIds),
    seenItemIds: idsOf(columns, userSignalFeatures.seenItemIds),
  };
}
