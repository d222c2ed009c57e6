import { RankRequest, RankResponse, Surface } from '@cascade/contracts';
import { field, unary, UnaryContext, ValidationError } from '@cascade/service-kit';

export interface RankLimits {
  maxCandidates: number;
}

export function validateRankRequest(request: RankRequest, limits: RankLimits): void {
  field('user_id', request.userId).required().maxLength(256);
  field('surface', request.surface).knownEnumValue(Surface);
  field('candidates', request.candidates).maxItems(limits.maxCandidates);
  const missing = request.candidates.findIndex((c) => c.itemId === '');
  if (missing >= 0) throw new ValidationError(`candidates[${missing}].item_id`, 'is required');
}

export type RankCandidates = (request: RankRequest, context: UnaryContext<RankRequest, RankResponse>) => Promise<RankResponse>;

export function rankHandler(rank: RankCandidates, limits: RankLimits) {
  return unary<RankRequest, RankResponse>((request, context) => {
    validateRankRequest(request, limits);
    return rank(request, context);
  });
}
