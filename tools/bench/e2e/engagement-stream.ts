// The benchmark's background ingestion load, as its own process: the world's engagement log after
// the events already published, re-stamped "now" and produced at a fixed rate until SIGTERM. Events
// due while a send is in flight go out with the next ones (at most MAX_EVENTS_PER_SEND each), so the
// rate holds on a busy machine. Prints one JSON line per second: { sent, dropped, ratePerSecond,
// backlog }, where sent and ratePerSecond count delivered events only.
//
//   npx tsx tools/bench/e2e/engagement-stream.ts --topic t --rate 10000 --skip 300000 --preset large --seed 7
import type { EngagementEvent } from '@cascade/contracts';
import { createEventProducer, createKafka, engagementCodec } from '@cascade/events';
import type { PresetName } from '@cascade/world';
import { parseArgs } from 'node:util';
import { benchWorld } from './bench-world';

const { values: args } = parseArgs({
  options: {
    topic: { type: 'string' },
    rate: { type: 'string', default: '10000' },
    skip: { type: 'string', default: '0' },
    preset: { type: 'string', default: 'large' },
    seed: { type: 'string', default: '7' },
  },
});
const TICK_MS = 20;
/** Most events per send: a backlog sent at once would pass the broker's 1 MB record-batch limit and be refused whole. */
const MAX_EVENTS_PER_SEND = 2_000;

async function main(): Promise<void> {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers || !args.topic) throw new Error('KAFKA_BROKERS and --topic are required');
  const rate = Number(args.rate);
  const world = benchWorld({ preset: args.preset as PresetName, seed: Number(args.seed) });
  const events = world.engagementEvents({ batchSize: 1000 });
  let buffer: EngagementEvent[] = [];
  let skipped = 0;
  for (const skip = Number(args.skip); skipped < skip; ) {
    const next = events.next();
    if (next.done) throw new Error(`the world has only ${skipped} engagement events`);
    skipped += next.value.length;
    buffer = next.value.slice(next.value.length - (skipped - skip));
  }
  const take = (n: number): EngagementEvent[] => {
    const out: EngagementEvent[] = [];
    while (out.length < n) {
      if (buffer.length === 0) {
        const next = events.next();
        if (next.done) break;
        buffer = next.value;
      }
      const room: number = n - out.length;
      out.push(...buffer.slice(0, room));
      buffer = buffer.slice(room);
    }
    return out;
  };

  const kafka = createKafka({ brokers, clientId: 'bench-engagement-stream', kafkaLogLevel: 'nothing' });
  let producer = createEventProducer({ kafka });
  await producer.connect();
  // An idempotent producer whose send timed out can stay out of sequence with the broker for good:
  // a fresh one (new producer id) after a failure keeps the stream going.
  const replaceProducer = async () => {
    await producer.disconnect().catch(() => undefined);
    producer = createEventProducer({ kafka });
    await producer.connect();
  };
  let stopped = false;
  process.on('SIGTERM', () => (stopped = true));
  const started = performance.now();
  let sent = 0;
  let dropped = 0;
  let failures = 0;
  let reported = started;
  let deliveredAtReport = 0;
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  while (!stopped) {
    const now = performance.now();
    const due = Math.floor(((now - started) / 1000) * rate) - sent;
    if (due > 0) {
      const nowMs = Date.now();
      const batch = take(Math.min(due, MAX_EVENTS_PER_SEND)).map((event) => ({ ...event, eventTimeMs: nowMs }));
      if (batch.length === 0) break;
      try {
        await producer.send(engagementCodec, batch, { topic: args.topic });
        sent += batch.length;
      } catch (error) {
        // A busy broker times a send out now and then: say so and go on; the batch's events are
        // skipped, and the rate shows the loss.
        failures++;
        process.stderr.write(`send failed (${failures}): ${error instanceof Error ? error.message : String(error)}\n`);
        sent += batch.length;
        dropped += batch.length;
        await replaceProducer().catch((reconnect: unknown) => process.stderr.write(`reconnect failed: ${String(reconnect)}\n`));
      }
    }
    if (now - reported >= 1000) {
      const delivered = sent - dropped;
      process.stdout.write(`${JSON.stringify({ sent: delivered, dropped, ratePerSecond: ((delivered - deliveredAtReport) * 1000) / (now - reported), backlog: Math.max(0, due) })}\n`);
      reported = now;
      deliveredAtReport = delivered;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, TICK_MS - (performance.now() - now))));
  }
  await producer.disconnect();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
