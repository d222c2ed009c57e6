import { baseConfigSchema, env } from '@cascade/service-kit';
import { z } from 'zod';

export const configSchema = baseConfigSchema.extend({
  GRPC_PORT: env.port().default(50052),
  /** Largest k a caller may ask for. */
  RETRIEVAL_MAX_K: env.int({ min: 1, max: 100_000 }).default(5000),
});

export type RetrievalConfig = z.output<typeof configSchema>;
