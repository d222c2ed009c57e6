import { RecommendRequest, RecommendResponse, Surface } from '@cascade/contracts';
import { field, unary, UnaryContext } from '@cascade/service-kit';
import { randomUUID } from 'node:crypto';

export const MAX_LIMIT = 100;

export function validateRecommendRequest(request: RecommendRequest): void {
  field('user_id', request.userId).required().maxLength(256);
  field('surface', request.surface).knownEnumValue(Surface);
  field('limit', request.limit).integer().between(1, MAX_LIMIT);
  field('exclude_item_ids', request.excludeItemIds).maxItems(1000).noEmptyItems();
  field('request_id', request.requestId).maxLength(128);
}

export type Recommend = (request: RecommendRequest, context: UnaryContext<RecommendRequest, RecommendResponse>) => Promise<RecommendResponse>;

export function recommendHandler(recommend: Recommend) {
  return unary<RecommendRequest, RecommendResponse>((request, context) => {
    validateRecommendRequest(request);
    return recommend({ ...request, requestId: request.requestId || randomUUID() }, context);
  });
}
