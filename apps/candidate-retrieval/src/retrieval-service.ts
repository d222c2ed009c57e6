import { FeatureServiceClient, RetrievalServiceService, RetrieveRequest, RetrieveResponse } from '@cascade/contracts';
import { contentCodec, createKafka, engagementCodec, TopicView } from '@cascade/events';
import { IndexHolder, initModelBackend, ModelRegistry } from '@cascade/models';
import type { ServiceHooks, SetupContext, UnaryContext } from '@cascade/service-kit';
import type { RetrievalConfig } from './config';
import { ItemCatalog } from './domain/catalog/item-catalog';
import type { LiveRetrievalModel } from './domain/model/live-retrieval-model';
import { loadRetrievalModel } from './domain/model/load-retrieval-model';
import { ModelSwap } from './domain/model/model-swap';
import { retrieve } from './domain/pipeline/retrieve-pipeline';
import { parseSurfacePolicies } from './domain/pipeline/surface-policy';
import { defaultTrendOptions, EngagementTrends } from './domain/signals/engagement-trends';
import type { CandidateSource } from './domain/sources/candidate-source';
import { FollowingSource } from './domain/sources/following-source';
import { FreshSource } from './domain/sources/fresh-source';
import { ItemToItemSource } from './domain/sources/item-to-item-source';
import { PopularSource } from './domain/sources/popular-source';
import type { SourceName } from './domain/sources/source-names';
import { TrendingSource } from './domain/sources/trending-source';
import { TwoTowerSource } from './domain/sources/two-tower-source';
import { cachedUserSignals } from './domain/sources/cached-user-signals';
import { userSignalsFrom, userSignalsRequest } from './domain/sources/user-signals';
import { retrieveHandler } from './grpc/retrieve-handler';

const WEEK = 7 * 86_400_000;

/** Wires the retrieval service: catalogue and trends from the topics, the sources, the user-signals client and Retrieve. */
export function setupRetrievalService({ config, server, clients, logger, meter }: SetupContext<RetrievalConfig>): ServiceHooks {
  const policies = parseSurfacePolicies(config.RETRIEVAL_SURFACES);
  const catalog = new ItemCatalog({ freshCapacity: config.FRESH_CAPACITY });
  const trends = new EngagementTrends(defaultTrendOptions, (itemId) => catalog.slotOf(itemId));
  const features = clients.create(FeatureServiceClient, config.FEATURE_ADDR, { defaultTimeoutMs: config.FEATURE_BUDGET_MS });
  const liveModel = new IndexHolder<LiveRetrievalModel>();
  const modelSwap = new ModelSwap(liveModel);
  const registry = new ModelRegistry(config.MODEL_REGISTRY_DIR);
  let stopWatching: (() => void) | undefined;
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'cascade-retrieval', logger });

  const contentView = new TopicView({
    kafka,
    groupPrefix: `${config.KAFKA_GROUP_PREFIX}.content`,
    topic: config.CONTENT_TOPIC,
    codec: contentCodec,
    logger,
    apply: (batch) => {
      for (const { event } of batch) modelSwap.apply(catalog.apply(event));
    },
  });
  const engagementView = new TopicView({
    kafka,
    groupPrefix: `${config.KAFKA_GROUP_PREFIX}.engagement`,
    topic: config.ENGAGEMENT_TOPIC,
    codec: engagementCodec,
    logger,
    // A span per event of the engagement stream tripled this view's CPU; the trends need none.
    messageSpans: false,
    fetchMinBytes: config.ENGAGEMENT_FETCH_MIN_BYTES,
    maxWaitTimeMs: config.ENGAGEMENT_FETCH_MAX_WAIT_MS,
    apply: (batch) => {
      for (const { event } of batch) trends.apply(event);
    },
  });

  const maxFreshAgeMs = Math.max(WEEK, ...Object.values(policies).map((p) => p.freshMaxAgeMs));
  const sources = new Map<SourceName, CandidateSource>([
    ['two_tower', new TwoTowerSource(liveModel, config.ANN_EF)],
    ['item_to_item', new ItemToItemSource(liveModel, catalog, { seeds: config.ITEM_TO_ITEM_SEEDS, ef: config.ANN_EF, recencyDecay: 0.9 })],
    ['trending', new TrendingSource(trends)],
    ['fresh', new FreshSource(catalog, maxFreshAgeMs)],
    ['following', new FollowingSource(catalog, maxFreshAgeMs)],
    ['popular', new PopularSource(trends, catalog)],
  ]);
  const userSignals = cachedUserSignals(
    async (userId, parent: UnaryContext<RetrieveRequest, RetrieveResponse>) =>
      userSignalsFrom(await features.getFeatures(userSignalsRequest(userId), { parent, budgetMs: config.FEATURE_BUDGET_MS })),
    { ttlMs: config.USER_SIGNALS_CACHE_TTL_MS, maxUsers: config.USER_SIGNALS_CACHE_USERS, now: Date.now },
  );
  const blockedCreatorIds = new Set(config.BLOCKED_CREATOR_IDS.split(',').map((id) => id.trim()).filter(Boolean));

  meter.createObservableGauge('cascade.retrieval.catalog_items', { description: 'Live items in the retrieval catalogue' }).addCallback((result) => result.observe(catalog.size));
  meter.createObservableGauge('cascade.retrieval.index_items', { description: 'Items in the ANN index of the two-tower model in service, by version' }).addCallback((result) => {
    const live = liveModel.current();
    result.observe(live?.index.size ?? 0, { version: live?.version ?? '' });
  });

  server.addService(RetrievalServiceService, {
    retrieve: retrieveHandler(
      (request, context) =>
        retrieve(
          request,
          {
            catalog,
            sources,
            policies,
            blockedCreatorIds,
            userSignals: (userId) => userSignals(userId, context),
            now: Date.now,
          },
          context.signal,
        ),
      { maxK: config.RETRIEVAL_MAX_K },
    ),
  });

  return {
    async ready() {
      await Promise.all([contentView.start(), engagementView.start()]);
      const caughtUp = await Promise.all([contentView.whenCaughtUp(config.CATCH_UP_TIMEOUT_MS), engagementView.whenCaughtUp(config.CATCH_UP_TIMEOUT_MS)]);
      if (caughtUp.every(Boolean)) logger.info({ items: catalog.size }, 'caught up with the content and engagement topics');
      else logger.warn({ content: contentView.behind(), engagement: engagementView.behind() }, 'serving before catching up with the topics');
      const backend = await initModelBackend({ logger });
      // Without a model the ANN sources fail fast and Retrieve answers, degraded, from the others.
      stopWatching = registry.watch(
        config.RETRIEVAL_MODEL_NAME,
        async (published) => {
          const { live, report } = await modelSwap.swapIn(() => loadRetrievalModel(published, catalog));
          logger.info({ ...report, backend: backend.name, indexItems: live.index.size }, 'two-tower model in service');
        },
        { intervalMs: config.MODEL_POLL_MS, onError: (error) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'two-tower model not loaded') },
      );
    },
    async close() {
      stopWatching?.();
      await Promise.all([contentView.stop(), engagementView.stop()]);
    },
  };
}
