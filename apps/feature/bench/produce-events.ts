// Produces the synthetic stream (apps/feature/bench/synthetic-events.ts) to Kafka, for the end-to-end
// benchmark in tools/bench/feature-ingestion.ts. Prints one JSON line when done.
//   KAFKA_BROKERS=... ENGAGEMENT_TOPIC=... CONTENT_TOPIC=... EVENTS=500000 [RATE=5000] [DURATION_S=60] [WITH_CONTENT=1]
// RATE=0 (default) sends as fast as the broker takes them; with RATE, EVENTS=0 sends until DURATION_S or SIGTERM.
import { contentCodec, createEventProducer, createKafka, engagementCodec } from '@cascade/events';
import { SyntheticEvents } from './synthetic-events';

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const total = Number(env('EVENTS', '0'));
  const rate = Number(env('RATE', '0'));
  const durationMs = Number(env('DURATION_S', '0')) * 1000;
  const engagementTopic = env('ENGAGEMENT_TOPIC');
  const kafka = createKafka({ brokers: env('KAFKA_BROKERS'), clientId: 'bench-producer', kafkaLogLevel: 'nothing' });
  const producer = createEventProducer({ kafka });
  await producer.connect();
  const world = new SyntheticEvents({
    prefix: env('PREFIX', 'bench'),
    seed: Number(env('SEED', '1')),
    startMs: Date.now(),
    eventsPerSecond: rate > 0 ? rate : 10_000,
  });
  if (env('WITH_CONTENT', '0') === '1') {
    const content = world.content();
    for (let i = 0; i < content.length; i += 5000) await producer.send(contentCodec, content.slice(i, i + 5000), { topic: env('CONTENT_TOPIC') });
  }

  let stopping = false;
  process.once('SIGTERM', () => (stopping = true));
  const started = Date.now();
  let produced = 0;
  const chunk = rate > 0 ? Math.max(1, Math.round(rate / 20)) : 5000;
  while (!stopping && (total === 0 || produced < total) && (durationMs === 0 || Date.now() - started < durationMs)) {
    const events = world.engagements(total === 0 ? chunk : Math.min(chunk, total - produced));
    await producer.send(engagementCodec, events, { topic: engagementTopic });
    produced += events.length;
    if (rate > 0) {
      const due = started + (produced / rate) * 1000;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }
  const seconds = (Date.now() - started) / 1000;
  await producer.disconnect();
  console.log(JSON.stringify({ produced, seconds, eventsPerSecond: Math.round(produced / seconds) }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
