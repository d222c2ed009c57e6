import { MemoryStateStore, StateStore } from '@cascade/features';
import type { FeatureConfig } from '../config';
import { RedisStateStore } from './redis-state-store';

export function createStateStore(config: FeatureConfig): StateStore {
  const options = { dedupeWindowMs: config.DEDUPE_WINDOW_MS, dedupeMaxIds: config.DEDUPE_MAX_IDS, entityTtlMs: config.ENTITY_TTL_MS };
  if (config.FEATURE_STORE === 'redis') return RedisStateStore.connect(config.REDIS_URL!, options);
  return new MemoryStateStore(options);
}
