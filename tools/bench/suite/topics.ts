// Topic creation for the benchmarks, tolerant of a busy broker: right after CreateTopics a loaded
// KRaft broker can answer metadata with "does not host this topic-partition" before the leaders
// are elected, which kafkajs reports as an error instead of waiting.
import { ensureTopics, type Kafka, type TopicSpec } from '@cascade/events';

export async function ensureBenchTopics(kafka: Kafka, specs: readonly TopicSpec[], attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ensureTopics(kafka, specs);
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      process.stderr.write(`[bench] creating topics failed (${error instanceof Error ? error.message : String(error)}); retrying\n`);
      await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
    }
  }
}
