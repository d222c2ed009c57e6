import { FeatureServiceClient, RankingServiceService } from '@cascade/contracts';
import { initModelBackend, ModelRegistry } from '@cascade/models';
import type { ServiceHooks, SetupContext } from '@cascade/service-kit';
import type { RankingConfig } from './config';
import { ActiveModel, loadRanker } from './domain/active-model';
import { BatchableModel, InferenceBatcher } from './domain/inference-batcher';
import { ModelVersions } from './domain/model-versions';
import { rankCandidates } from './domain/rank-candidates';
import { rankHandler } from './grpc/rank-handler';
import { decodeRankRequest } from './grpc/rank-request-codec';

/** Wires the ranking service: model backend, the watched ranker, the feature client and Rank. */
export function setupRankingService({ config, server, clients, logger, meter }: SetupContext<RankingConfig>): ServiceHooks {
  const features = clients.create(FeatureServiceClient, config.FEATURE_ADDR, { defaultTimeoutMs: config.FEATURE_BUDGET_MS });
  const model = new ActiveModel();
  const registry = new ModelRegistry(config.MODEL_REGISTRY_DIR);
  let backend = '';
  const versions = new ModelVersions(model, async (version) => loadRanker(await registry.resolve(config.RANKER_MODEL_NAME, version)), {
    maxPinned: 3,
    retryAfterMs: 60_000,
    dispose: (loaded) => loaded.ranker.dispose(),
  });
  let stopWatching: (() => void) | undefined;
  const batcher = config.RANKING_BATCH_MAX_ROWS > 0 ? new InferenceBatcher(config.RANKING_BATCH_MAX_ROWS) : undefined;
  const infer = batcher && ((model: BatchableModel, rows: Float32Array) => batcher.predict(model, rows));

  meter.createObservableGauge('cascade.ranking.model_loaded', { description: '1 when a ranker model is loaded, by backend and version' }).addCallback((result) => {
    const loaded = model.loaded;
    result.observe(loaded ? 1 : 0, { backend, version: loaded?.manifest.version ?? '' });
  });

  // Rank's requests through decodeRankRequest: a scores-only request's candidates are read for the three fields ranking uses.
  const rankingService = { ...RankingServiceService, rank: { ...RankingServiceService.rank, requestDeserialize: decodeRankRequest } };
  server.addService(rankingService, {
    rank: rankHandler(
      async (request, context) =>
        rankCandidates(
          request,
          await versions.select(request.modelVersion),
          (featureRequest) => features.getFeatures(featureRequest, { parent: context, budgetMs: config.FEATURE_BUDGET_MS, reserveMs: config.RANKING_RESERVE_MS }),
          { backend, sessionStrength: config.SESSION_ADAPTATION_STRENGTH, sessionWindow: config.SESSION_WINDOW, infer },
        ),
      { maxCandidates: config.RANKING_MAX_CANDIDATES },
    ),
  });

  return {
    async ready() {
      backend = (await initModelBackend({ logger })).name;
      stopWatching = registry.watch(
        config.RANKER_MODEL_NAME,
        async (published) => {
          model.swap(await loadRanker(published));
          logger.info({ version: published.manifest.version, backend, features: published.manifest.features.names.length }, 'ranker model loaded');
        },
        { intervalMs: config.MODEL_POLL_MS, onError: (error) => logger.error({ err: error }, 'ranker model not loaded') },
      );
    },
    close() {
      stopWatching?.();
    },
  };
}
