import { baseConfigSchema, env } from '@cascade/service-kit';
import { z } from 'zod';

export const configSchema = baseConfigSchema.extend({
  GRPC_PORT: env.port().default(50053),
  RANKING_MAX_CANDIDATES: env.int({ min: 1, max: 100_000 }).default(2000),
  FEATURE_ADDR: env.string().default('127.0.0.1:50054'),
  /** Longest the feature call may take; also capped by the caller's deadline. */
  FEATURE_BUDGET_MS: env.int({ min: 1, max: 60_000 }).default(10),
  /** Time kept back from the caller's deadline for inference. */
  RANKING_RESERVE_MS: env.int({ min: 0, max: 60_000 }).default(3),
  /** Model registry folder (see tools/ trainer); the ranker's LATEST version is served and watched. */
  MODEL_REGISTRY_DIR: env.string().default('.cache/models'),
  RANKER_MODEL_NAME: env.string().default('ranker'),
  MODEL_POLL_MS: env.int({ min: 100, max: 3_600_000 }).default(5_000),
  /**
   * Most candidate rows scored in one inference: requests whose features arrive in the same
   * event-loop turn share one call up to this many rows (a request is never held back to wait for
   * others). 0 scores each request on its own.
   */
  RANKING_BATCH_MAX_ROWS: env.int({ min: 0, max: 100_000 }).default(2000),
  /** Strength of in-session adaptation to the user's latest engagement (0 turns it off). */
  SESSION_ADAPTATION_STRENGTH: env.number({ min: 0, max: 5 }).default(0.25),
  /** Most recent engagements the in-session adaptation reads. */
  SESSION_WINDOW: env.int({ min: 1, max: 1000 }).default(20),
});

export type RankingConfig = z.output<typeof configSchema>;
