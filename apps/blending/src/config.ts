import { topics } from '@cascade/contracts';
import { baseConfigSchema, env } from '@cascade/service-kit';
import { z } from 'zod';
import { parseExperiments } from './domain/experiments/experiments';
import { parseBlendingPolicy } from './domain/policy/blending-policy';

export const configSchema = baseConfigSchema
  .extend({
    GRPC_PORT: env.port().default(50051),
    RETRIEVAL_ADDR: env.string().default('127.0.0.1:50052'),
    RANKING_ADDR: env.string().default('127.0.0.1:50053'),
    /** Candidates asked of retrieval per request. */
    RETRIEVAL_K: env.int({ min: 1, max: 5000 }).default(1000),
    /** Of those, candidates scored by the ranker: the best by retrieval score... */
    RANKING_K: env.int({ min: 1, max: 5000 }).default(500),
    /** ...with each source keeping at least its own best this many (fresh uploads, follows). */
    RANKING_FLOOR_PER_SOURCE: env.int({ min: 0, max: 5000 }).default(20),
    /** Longest retrieval may take; also capped by the caller's deadline. */
    RETRIEVAL_BUDGET_MS: env.int({ min: 1, max: 60_000 }).default(15),
    /** Longest ranking may take; also capped by the caller's deadline. */
    RANKING_BUDGET_MS: env.int({ min: 1, max: 60_000 }).default(15),
    /** Time kept back from the caller's deadline for blending itself. */
    BLENDING_RESERVE_MS: env.int({ min: 0, max: 60_000 }).default(3),
    /** Per-surface value weights, diversity, caps, freshness, exploration and business rules (JSON; defaults in blending-policy.ts). */
    BLENDING_POLICY: env.string().optional(),
    /** Experiments (JSON array of {name, salt, variants: [{name, percent, overrides}]}). */
    EXPERIMENTS: env.string().optional(),
    /** Brokers for the serve log; empty turns the serve log off. */
    KAFKA_BROKERS: env.string().default('127.0.0.1:9092'),
    SERVE_TOPIC: env.string().default(topics.serve),
    SERVE_LOG: env.bool().default(true),
    SERVE_LOG_MAX_QUEUED: env.int({ min: 1, max: 1_000_000 }).default(10_000),
    /** How long a served list waits for others to share its Kafka publish (0 = publish at once). */
    SERVE_LOG_LINGER_MS: env.int({ min: 0, max: 10_000 }).default(50),
    /** How often the popular fallback list is refreshed from retrieval. */
    POPULAR_REFRESH_MS: env.int({ min: 100, max: 3_600_000 }).default(30_000),
  })
  .superRefine((config, ctx) => {
    for (const [key, parse] of [
      ['BLENDING_POLICY', parseBlendingPolicy],
      ['EXPERIMENTS', parseExperiments],
    ] as const) {
      try {
        parse(config[key]);
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: [key], message: error instanceof Error ? error.message : String(error) });
      }
    }
  });

export type BlendingConfig = z.output<typeof configSchema>;
