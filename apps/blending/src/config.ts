import { baseConfigSchema, env } from '@cascade/service-kit';
import { z } from 'zod';

export const configSchema = baseConfigSchema.extend({
  GRPC_PORT: env.port().default(50051),
  RETRIEVAL_ADDR: env.string().default('127.0.0.1:50052'),
  RANKING_ADDR: env.string().default('127.0.0.1:50053'),
  /** Candidates asked of retrieval per request. */
  RETRIEVAL_K: env.int({ min: 1, max: 5000 }).default(1000),
  /** Longest retrieval may take; also capped by the caller's deadline. */
  RETRIEVAL_BUDGET_MS: env.int({ min: 1, max: 60_000 }).default(15),
  /** Longest ranking may take; also capped by the caller's deadline. */
  RANKING_BUDGET_MS: env.int({ min: 1, max: 60_000 }).default(15),
  /** Time kept back from the caller's deadline for blending itself. */
  BLENDING_RESERVE_MS: env.int({ min: 0, max: 60_000 }).default(3),
});

export type BlendingConfig = z.output<typeof configSchema>;
