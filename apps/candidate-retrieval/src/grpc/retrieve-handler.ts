import { RetrieveRequest, RetrieveResponse, Surface } from '@cascade/contracts';
import { field, unary } from '@cascade/service-kit';

export interface RetrieveLimits {
  maxK: number;
}

export function validateRetrieveRequest(request: RetrieveRequest, limits: RetrieveLimits): void {
  field('user_id', request.userId).required().maxLength(256);
  field('surface', request.surface).knownEnumValue(Surface);
  field('k', request.k).integer().between(1, limits.maxK);
  field('exclude_item_ids', request.excludeItemIds).maxItems(10_000).noEmptyItems();
}

export type RetrieveCandidates = (request: RetrieveRequest, signal: AbortSignal) => Promise<RetrieveResponse>;

export function retrieveHandler(retrieve: RetrieveCandidates, limits: RetrieveLimits) {
  return unary<RetrieveRequest, RetrieveResponse>((request, context) => {
    validateRetrieveRequest(request, limits);
    return retrieve(request, context.signal);
  });
}
