import { topics } from '@cascade/contracts';
import { baseConfigSchema, env } from '@cascade/service-kit';
import { z } from 'zod';
import { parseSurfacePolicies } from './domain/pipeline/surface-policy';

export const configSchema = baseConfigSchema.extend({
  GRPC_PORT: env.port().default(50052),
  /** Largest k a caller may ask for. */
  RETRIEVAL_MAX_K: env.int({ min: 1, max: 100_000 }).default(5000),
  KAFKA_BROKERS: env.string().default('127.0.0.1:9092'),
  /** Prefix of this process' consumer groups (each process reads every partition into its own view). */
  KAFKA_GROUP_PREFIX: env.string().default('cascade-retrieval'),
  ENGAGEMENT_TOPIC: env.string().default(topics.engagement),
  CONTENT_TOPIC: env.string().default(topics.content),
  /** Engagement view: bytes a fetch waits for, up to ENGAGEMENT_FETCH_MAX_WAIT_MS (fewer, larger fetches on a busy stream; 1 = answer at once). */
  ENGAGEMENT_FETCH_MIN_BYTES: env.int({ min: 1, max: 50 * 1024 * 1024 }).default(256 * 1024),
  ENGAGEMENT_FETCH_MAX_WAIT_MS: env.int({ min: 10, max: 10_000 }).default(100),
  /** Longest wait at start for the catalogue and trends to catch up with the topics before SERVING. */
  CATCH_UP_TIMEOUT_MS: env.int({ min: 0, max: 3_600_000 }).default(60_000),
  FEATURE_ADDR: env.string().default('127.0.0.1:50054'),
  /** Longest the user-signals call may take; also capped by the caller's deadline. */
  FEATURE_BUDGET_MS: env.int({ min: 1, max: 60_000 }).default(15),
  /**
   * How long a user's signals (seen set, history, follows, hides) are reused before the feature
   * service is asked again; 0 asks on every request. Reuse saves a GetFeatures round trip for a
   * user's requests in quick succession, at a cost in freshness: an impression reaches the seen
   * filter within the feature store's event → feature delay (bar: p99 ≤ 1 s) plus this TTL, and a
   * new follow or hide takes as much longer to show. The product backend's exclude_item_ids, which
   * is never cached, still covers what it has just served.
   */
  USER_SIGNALS_CACHE_TTL_MS: env.int({ min: 0, max: 10_000 }).default(1_000),
  /** Most users whose signals are held for reuse (about fetch rate × TTL are ever live). */
  USER_SIGNALS_CACHE_USERS: env.int({ min: 1, max: 1_000_000 }).default(5_000),
  /** Per-surface source mix, quotas, timeouts, creator caps (JSON; see surface-policy.ts for the defaults). */
  RETRIEVAL_SURFACES: env.string().optional(),
  /** Creators never returned (moderation), comma-separated. */
  BLOCKED_CREATOR_IDS: env.string().default(''),
  /** Recent uploads held for the fresh source. */
  FRESH_CAPACITY: env.int({ min: 1, max: 10_000_000 }).default(20_000),
  /** Model registry folder; the two-tower model's LATEST version is served and watched. */
  MODEL_REGISTRY_DIR: env.string().default('.cache/models'),
  RETRIEVAL_MODEL_NAME: env.string().default('two-tower'),
  MODEL_POLL_MS: env.int({ min: 100, max: 3_600_000 }).default(5_000),
  /** ANN search breadth (raised to k when smaller); recall against exact search grows with it. */
  ANN_EF: env.int({ min: 10, max: 10_000 }).default(200),
  /** Recent positive items whose neighbours the item-to-item source searches. */
  ITEM_TO_ITEM_SEEDS: env.int({ min: 1, max: 100 }).default(5),
}).superRefine((config, ctx) => {
  try {
    parseSurfacePolicies(config.RETRIEVAL_SURFACES);
  } catch (error) {
    ctx.addIssue({ code: 'custom', path: ['RETRIEVAL_SURFACES'], message: error instanceof Error ? error.message : String(error) });
  }
});

export type RetrievalConfig = z.output<typeof configSchema>;
