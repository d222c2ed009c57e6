import { baseConfigSchema, env } from '@cascade/service-kit';
import { z } from 'zod';

export const configSchema = baseConfigSchema.extend({
  GRPC_PORT: env.port().default(50053),
  RANKING_MAX_CANDIDATES: env.int({ min: 1, max: 100_000 }).default(2000),
});

export type RankingConfig = z.output<typeof configSchema>;
