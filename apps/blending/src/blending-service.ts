import { BlendingServiceService, RankingServiceClient, RetrievalServiceClient } from '@cascade/contracts';
import type { ServiceHooks, SetupContext } from '@cascade/service-kit';
import type { BlendingConfig } from './config';
import { recommend } from './domain/recommend-pipeline';
import { defaultValueWeights } from './domain/value-model';
import { recommendHandler } from './grpc/recommend-handler';

/** Wires the blending service: downstream clients with per-stage budgets and the Recommend pipeline. */
export function setupBlendingService({ config, server, clients, logger }: SetupContext<BlendingConfig>): ServiceHooks {
  const retrieval = clients.create(RetrievalServiceClient, config.RETRIEVAL_ADDR, { defaultTimeoutMs: config.RETRIEVAL_BUDGET_MS });
  const ranking = clients.create(RankingServiceClient, config.RANKING_ADDR, { defaultTimeoutMs: config.RANKING_BUDGET_MS });

  server.addService(BlendingServiceService, {
    recommend: recommendHandler((request, context) =>
      recommend(
        request,
        {
          // Each stage gets its own budget, capped by what the caller left us minus our reserve.
          retrieve: (r) => retrieval.retrieve(r, { parent: context, budgetMs: config.RETRIEVAL_BUDGET_MS, reserveMs: config.BLENDING_RESERVE_MS }),
          rank: (r) => ranking.rank(r, { parent: context, budgetMs: config.RANKING_BUDGET_MS, reserveMs: config.BLENDING_RESERVE_MS }),
        },
        {
          retrievalK: config.RETRIEVAL_K,
          valueWeights: defaultValueWeights,
          onDegraded: (stage, error) =>
            logger.warn({ stage, requestId: request.requestId, err: error instanceof Error ? error.message : String(error) }, 'stage degraded'),
        },
      ),
    ),
  });
  return {};
}
