// Starts the Kafka broker and redis-server the selected benches need, unless KAFKA_BROKERS /
// REDIS_URL already point at them, through the same scripts as `npm test` (tools/kafka, tools/redis).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Infrastructure } from './catalog';

const root = join(__dirname, '..', '..', '..');

interface Started {
  stop(): Promise<unknown>;
}
interface KafkaModule {
  startKafka(options: object): Promise<Started & { brokers: string }>;
}
interface RedisModule {
  startRedis(options: object): Promise<Started & { url: string }>;
}

const importScript = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(root, path)).href)) as T;

export interface RunningInfrastructure {
  /** Variables to hand the benches (only those started here). */
  env: Record<string, string>;
  /** What was started here, for the log. */
  started: string[];
  stop(): Promise<void>;
}

export async function startInfrastructure(needs: ReadonlySet<Infrastructure>, log: (message: string) => void): Promise<RunningInfrastructure> {
  const env: Record<string, string> = {};
  const stops: (() => Promise<unknown>)[] = [];
  const started: string[] = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch((error: unknown) => log(`stopping infrastructure: ${error instanceof Error ? error.message : String(error)}`));
    stops.length = 0;
  };
  try {
    if (needs.has('kafka') && !process.env['KAFKA_BROKERS']) {
      log('starting a local Kafka broker (set KAFKA_BROKERS to use another)');
      const kafka = await (await importScript<KafkaModule>('tools/kafka/kafka.mjs')).startKafka({});
      stops.push(() => kafka.stop());
      env['KAFKA_BROKERS'] = kafka.brokers;
      started.push(`Kafka at ${kafka.brokers}`);
    }
    if (needs.has('redis') && !process.env['REDIS_URL']) {
      log('starting redis-server (set REDIS_URL to use another)');
      const redis = await (await importScript<RedisModule>('tools/redis/redis.mjs')).startRedis({});
      stops.push(() => redis.stop());
      env['REDIS_URL'] = redis.url;
      started.push(`Redis at ${redis.url}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { env, started, stop };
}
