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
});

export type RankingConfig = z.output<typeof configSchema>;
