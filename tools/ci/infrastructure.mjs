// Starts the real services the tests need unless the environment already points at them.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function startInfrastructure() {
  const env = {};
  const stops = [];
  if (!process.env.KAFKA_BROKERS) {
    const kafkaModule = join(root, 'tools/kafka/kafka.mjs');
    if (!existsSync(kafkaModule)) throw new Error('tools/kafka/kafka.mjs is missing');
    const { startKafka } = await import(pathToFileURL(kafkaModule).href);
    console.log('\n=== starting a local Kafka broker (set KAFKA_BROKERS to use another)');
    const kafka = await startKafka({});
    env.KAFKA_BROKERS = kafka.brokers;
    stops.push(() => kafka.stop());
    console.log(`=== Kafka ready at ${kafka.brokers}`);
  }
  if (!process.env.REDIS_URL) {
    const { startRedis } = await import(pathToFileURL(join(root, 'tools/redis/redis.mjs')).href);
    const redis = await startRedis({});
    env.REDIS_URL = redis.url;
    stops.push(() => redis.stop());
    console.log(`=== Redis ready at ${redis.url} (set REDIS_URL to use another)`);
  }
  return {
    env,
    async stop() {
      for (const stop of stops.reverse()) {
        try {
          await stop();
        } catch (err) {
          console.error('stopping infrastructure:', err instanceof Error ? err.message : err);
        }
      }
      stops.length = 0;
    },
  };
}
