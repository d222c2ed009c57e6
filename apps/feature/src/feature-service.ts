import { FeatureServiceService } from '@cascade/contracts';
import { MemoryStateStore } from '@cascade/features';
import { createKafka } from '@cascade/events';
import type { SetupContext, ServiceHooks } from '@cascade/service-kit';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { FeatureConfig } from './config';
import { EventApplier } from './domain/event-applier';
import { FeatureReader } from './domain/feature-reader';
import { getFeaturesHandler } from './grpc/get-features-handler';
import { FeatureIngestion } from './ingestion/feature-ingestion';
import { ingestionMetrics } from './ingestion/ingestion-metrics';
import { createStateStore } from './store/create-state-store';
import { observeDedupe } from './store/dedupe-metrics';
import { TimedStateStore } from './store/timed-state-store';

/** Wires the feature service: store, ingestion from Kafka, and GetFeatures. */
export function setupFeatureService({ config, logger, server, meter }: SetupContext<FeatureConfig>): ServiceHooks {
  const metrics = ingestionMetrics(meter);
  const stateStore = createStateStore(config);
  if (stateStore instanceof MemoryStateStore) observeDedupe(meter, stateStore);
  const store = new TimedStateStore(stateStore, metrics.recordStore);
  const limits = { historyLength: config.HISTORY_LENGTH, seenSetSize: config.SEEN_SET_SIZE, seenTtlMs: config.SEEN_TTL_MS };
  const reader = new FeatureReader(store, config.SEEN_TTL_MS);
  const applier = new EventApplier(store, limits, config.FEATURE_STORE === 'memory' ? { chunkEvents: 100, yieldEveryEvents: 200 } : {});

  // The memory store is a view of the log rebuilt by each process, so each needs every partition.
  const groupId =
    config.FEATURE_STORE === 'memory' ? `${config.KAFKA_GROUP_ID}-${hostname()}-${randomBytes(4).toString('hex')}` : config.KAFKA_GROUP_ID;
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'cascade-feature', logger });
  const ingestion = new FeatureIngestion({
    kafka,
    groupId,
    engagementTopic: config.ENGAGEMENT_TOPIC,
    contentTopic: config.CONTENT_TOPIC,
    applier,
    metrics,
    logger,
    sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
    maxBatchSize: config.KAFKA_MAX_BATCH,
    engagementFetch: { minBytes: config.ENGAGEMENT_FETCH_MIN_BYTES, maxWaitMs: config.ENGAGEMENT_FETCH_MAX_WAIT_MS },
  });

  server.addService(FeatureServiceService, { getFeatures: getFeaturesHandler(reader, { maxItems: config.FEATURE_MAX_ITEMS }) });

  return {
    async ready() {
      const deadline = Date.now() + config.CATCH_UP_TIMEOUT_MS;
      await ingestion.start(config.CATCH_UP_TIMEOUT_MS);
      if (await ingestion.caughtUp(Math.max(0, deadline - Date.now()))) {
        logger.info({ store: store.kind, groupId }, 'caught up with the event topics');
      } else {
        logger.warn({ behind: ingestion.behind(), timeoutMs: config.CATCH_UP_TIMEOUT_MS }, 'serving before catching up with the event topics');
      }
    },
    async close() {
      await ingestion.stop();
      await store.close();
    },
  };
}
