import { baseConfigSchema, env } from '@cascade/service-kit';
import { topics } from '@cascade/contracts';
import { z } from 'zod';

export const configSchema = baseConfigSchema
  .extend({
    GRPC_PORT: env.port().default(50054),
    METRICS_PORT: env.port().default(9464),
    /** memory: state in this process, rebuilt from the topics at start; redis: shared by replicas. */
    FEATURE_STORE: env.oneOf(['memory', 'redis'] as const).default('memory'),
    REDIS_URL: env.url().optional(),
    KAFKA_BROKERS: env.string().default('127.0.0.1:9092'),
    /** Consumer group; the memory store adds a per-process suffix, since every replica needs every partition. */
    KAFKA_GROUP_ID: env.string().default('cascade-feature'),
    ENGAGEMENT_TOPIC: env.string().default(topics.engagement),
    CONTENT_TOPIC: env.string().default(topics.content),
    /** Consumer session timeout: after a crash, the group reassigns the dead member's partitions this much later. */
    KAFKA_SESSION_TIMEOUT_MS: env.int({ min: 6_000, max: 300_000 }).default(30_000),
    /** Most events applied per store round trip. */
    KAFKA_MAX_BATCH: env.int({ min: 1, max: 100_000 }).default(1000),
    /** Engagement consumer: bytes a fetch waits for, up to ENGAGEMENT_FETCH_MAX_WAIT_MS (fewer, larger fetches on a busy stream; 1 = answer at once). */
    ENGAGEMENT_FETCH_MIN_BYTES: env.int({ min: 1, max: 50 * 1024 * 1024 }).default(256 * 1024),
    ENGAGEMENT_FETCH_MAX_WAIT_MS: env.int({ min: 10, max: 10_000 }).default(100),
    /** Longest wait at start for the consumers to reach the end offsets seen at start before SERVING. */
    CATCH_UP_TIMEOUT_MS: env.int({ min: 0, max: 3_600_000 }).default(60_000),
    FEATURE_MAX_ITEMS: env.int({ min: 1, max: 100_000 }).default(2000),
    HISTORY_LENGTH: env.int({ min: 1, max: 1000 }).default(50),
    SEEN_SET_SIZE: env.int({ min: 1, max: 100_000 }).default(500),
    SEEN_TTL_MS: env.int({ min: 1, max: 365 * 86_400_000 }).default(3 * 86_400_000),
    DEDUPE_WINDOW_MS: env.int({ min: 0, max: 30 * 86_400_000 }).default(6 * 3_600_000),
    /** Memory store: most applied event ids remembered per entity kind (40-80 bytes each, 168 MB at 4M); past it the oldest go first. */
    DEDUPE_MAX_IDS: env.int({ min: 1_000, max: 500_000_000 }).default(4_000_000),
    ENTITY_TTL_MS: env.int({ min: 0, max: 3650 * 86_400_000 }).default(30 * 86_400_000),
  })
  .superRefine((config, ctx) => {
    if (config.FEATURE_STORE === 'redis' && !config.REDIS_URL) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'is required when FEATURE_STORE=redis' });
    }
  });

export type FeatureConfig = z.output<typeof configSchema>;
