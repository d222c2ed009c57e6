import { RetrieveRequest, RetrieveResponse, Surface } from '@cascade/contracts';
import { field, unary, UnaryContext } from '@cascade/service-kit';

export interface RetrieveLimits {
  maxK: number;
}

const MAX_QUOTA = 100_000;

export function validateRetrieveRequest(request: RetrieveRequest, limits: RetrieveLimits): void {
  field('user_id', request.userId).required().maxLength(256);
  field('surface', request.surface).knownEnumValue(Surface);
  field('k', request.k).integer().between(1, limits.maxK);
  field('exclude_item_ids', request.excludeItemIds).maxItems(10_000).noEmptyItems();
  for (const [source, quota] of Object.entries(request.sourceQuotas)) {
    field(`source_quotas[${source}]`, quota).integer().between(0, MAX_QUOTA);
  }
}

export type RetrieveCandidates = (request: RetrieveRequest, context: UnaryContext<RetrieveRequest, RetrieveResponse>) => Promise<RetrieveResponse>;

export function retrieveHandler(retrieve: RetrieveCandidates, limits: RetrieveLimits) {
  return unary<RetrieveRequest, RetrieveResponse>((request, context) => {
    validateRetrieveRequest(request, limits);
    return retrieve(request, context);
  });
}
