import { RankingServiceService, RankResponse } from '@cascade/contracts';
import type { ServiceHooks, SetupContext } from '@cascade/service-kit';
import type { RankingConfig } from './config';
import { heuristicTaskScores } from './domain/heuristic-scorer';
import { rankHandler } from './grpc/rank-handler';

/** Wires the ranking service; until a model is loaded every answer comes from the heuristic scorer. */
export function setupRankingService({ config, server }: SetupContext<RankingConfig>): ServiceHooks {
  server.addService(RankingServiceService, {
    rank: rankHandler(
      async (request) =>
        RankResponse.fromPartial({
          candidates: request.candidates.map((c) => ({ ...c, taskScores: heuristicTaskScores(c) })),
          degraded: true,
          degradedReason: 'no ranking model loaded: heuristic scores',
        }),
      { maxCandidates: config.RANKING_MAX_CANDIDATES },
    ),
  });
  return {};
}
