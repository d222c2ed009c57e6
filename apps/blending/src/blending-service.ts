import { BlendingServiceService, RetrieveRequest, ServeEvent, Source, Surface } from '@cascade/contracts';
import { createEventProducer, createKafka, ensureTopics, serveCodec } from '@cascade/events';
import type { ServiceHooks, SetupContext } from '@cascade/service-kit';
import type { BlendingConfig } from './config';
import { parseExperiments } from './domain/experiments/experiments';
import { parseBlendingPolicy } from './domain/policy/blending-policy';
import { PopularCache } from './domain/popular-cache';
import { recommend } from './domain/recommend-pipeline';
import { serveEventOf } from './domain/side-effects/serve-event';
import { ServeLog } from './domain/side-effects/serve-log';
import { recommendHandler } from './grpc/recommend-handler';
import { RankingStageClient, RetrievalStageClient } from './grpc/stage-clients';

const POPULAR_FALLBACK_SIZE = 500;

/** Wires the blending service: downstream clients with per-stage budgets, the Recommend pipeline, the serve log and the popular fallback. */
export function setupBlendingService({ config, server, clients, logger, meter }: SetupContext<BlendingConfig>): ServiceHooks {
  const retrieval = clients.create(RetrievalStageClient, config.RETRIEVAL_ADDR, { defaultTimeoutMs: config.RETRIEVAL_BUDGET_MS });
  const ranking = clients.create(RankingStageClient, config.RANKING_ADDR, { defaultTimeoutMs: config.RANKING_BUDGET_MS });
  const policy = parseBlendingPolicy(config.BLENDING_POLICY);
  const experiments = parseExperiments(config.EXPERIMENTS);
  const popular = new PopularCache();

  const dropped = meter.createCounter('cascade.blending.serve_log_dropped', { description: 'Serve events not published (queue full or broker unavailable)' });
  const kafka = config.SERVE_LOG ? createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'cascade-blending', logger }) : undefined;
  const producer = kafka ? createEventProducer({ kafka, logger, timeoutMs: 5_000 }) : undefined;
  let producerReady = false;
  const serveLog = new ServeLog(
    {
      publish: async (events: ServeEvent[]) => {
        if (!producer || !producerReady) throw new Error('serve log producer not connected');
        await producer.send(serveCodec, events, { topic: config.SERVE_TOPIC });
      },
    },
    {
      maxQueued: config.SERVE_LOG_MAX_QUEUED,
      maxBatch: 500,
      lingerMs: config.SERVE_LOG_LINGER_MS,
      onDropped: (count, reason) => {
        dropped.add(count, { reason });
        logger.warn({ count, reason }, 'serve events dropped');
      },
    },
  );

  server.addService(BlendingServiceService, {
    recommend: recommendHandler(async (request, context) => {
      const { response, served } = await recommend(
        request,
        {
          // Each stage gets its own budget, capped by what the caller left us minus our reserve.
          retrieve: (r) => retrieval.retrieve(r, { parent: context, budgetMs: config.RETRIEVAL_BUDGET_MS, reserveMs: config.BLENDING_RESERVE_MS }),
          rank: (r) => ranking.rank(r, { parent: context, budgetMs: config.RANKING_BUDGET_MS, reserveMs: config.BLENDING_RESERVE_MS }),
          popularFallback: () => popular.get(),
        },
        {
          retrievalK: config.RETRIEVAL_K,
          rankingK: config.RANKING_K,
          rankingFloorPerSource: config.RANKING_FLOOR_PER_SOURCE,
          policy,
          experiments,
          now: Date.now,
          onDegraded: (stage, error) =>
            logger.warn({ stage, requestId: request.requestId, err: error instanceof Error ? error.message : String(error) }, 'stage degraded'),
        },
      );
      if (response.experiments.length > 0) logger.info({ requestId: request.requestId, userId: request.userId, experiments: response.experiments }, 'experiment assignments');
      if (producer) {
        const servedAtMs = Date.now();
        // Built once the response is on its way: the serve log never delays an answer.
        setImmediate(() => serveLog.log(serveEventOf(served, servedAtMs)));
      }
      return response;
    }),
  });

  const refreshPopular = async () => {
    try {
      const response = await retrieval.retrieve(
        RetrieveRequest.fromPartial({ userId: 'blending-popular-cache', surface: Surface.SURFACE_SPOTLIGHT, k: POPULAR_FALLBACK_SIZE, sourceQuotas: { two_tower: 0, item_to_item: 0, trending: 0, fresh: 0, following: 0, popular: POPULAR_FALLBACK_SIZE } }),
        { budgetMs: 2_000 },
      );
      popular.update(response.candidates.filter((c) => c.sources.some((s) => s.source === Source.SOURCE_POPULAR)));
    } catch (error) {
      logger.debug({ err: error instanceof Error ? error.message : String(error) }, 'popular fallback not refreshed');
    }
  };
  let refreshTimer: NodeJS.Timeout | undefined;

  return {
    async ready() {
      if (kafka && producer) {
        // The serve log is a side effect: a broker that is down delays nothing, events are dropped and counted.
        void ensureTopics(kafka, [{ topic: config.SERVE_TOPIC }])
          .then(() => producer.connect())
          .then(() => {
            producerReady = true;
          })
          .catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'serve log unavailable'));
      }
      await refreshPopular();
      refreshTimer = setInterval(() => void refreshPopular(), config.POPULAR_REFRESH_MS);
      refreshTimer.unref();
    },
    async close() {
      clearInterval(refreshTimer);
      await serveLog.drain();
      if (producerReady) await producer?.disconnect();
    },
  };
}
