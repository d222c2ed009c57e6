import type { GetFeaturesRequest, GetFeaturesResponse } from '@cascade/contracts';
import { FeatureDefinition, selectFeatures, UnknownFeatureError } from '@cascade/features';
import { field, unary, ValidationError } from '@cascade/service-kit';
import type { FeatureReader } from '../domain/feature-reader';

export interface GetFeaturesLimits {
  maxItems: number;
}

function definitionsFor(names: readonly string[]): FeatureDefinition[] {
  try {
    return selectFeatures(names);
  } catch (error) {
    if (error instanceof UnknownFeatureError) {
      throw new ValidationError(`feature_names[${names.indexOf(error.featureName)}]`, `unknown feature "${error.featureName}"`);
    }
    throw error;
  }
}

export function getFeaturesHandler(reader: FeatureReader, limits: GetFeaturesLimits) {
  return unary<GetFeaturesRequest, GetFeaturesResponse>((request) => {
    field('user_id', request.userId).required();
    field('item_ids', request.itemIds).maxItems(limits.maxItems).noEmptyItems();
    field('as_of_ms', request.asOfMs).atLeast(0);
    const definitions = definitionsFor(request.featureNames);
    return reader.read({ userId: request.userId, itemIds: request.itemIds, definitions, nowMs: request.asOfMs || Date.now(), numbersAsBytes: request.numbersAsBytes });
  });
}
