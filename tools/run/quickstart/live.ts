// Quickstart, while serving: streams the rest of the synthetic world's engagement as live events
// (event time = now) and prints a few users' recommendations with their explanations.
import { BlendingServiceClient, RecommendRequest, RecommendResponse, Surface, topics } from '@cascade/contracts';
import { contentCodec, createEventProducer, createKafka, engagementCodec } from '@cascade/events';
import { createClient } from '@cascade/service-kit';
import { quickstartSettings, quickstartWorld } from './world-setup';

const PRINT_EVERY_MS = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describe(userId: string, surface: string, response: RecommendResponse): string {
  const lines = response.items.map((item) => `    ${String(item.position + 1).padStart(2)}. ${item.itemId.padEnd(14)} by ${item.creatorId.padEnd(10)} ${item.explanation}`);
  const notes = [response.degraded ? `degraded: ${response.degradedStages.join(', ')}` : '', Object.entries(response.modelVersions).map(([m, v]) => `${m} ${v}`).join(', ')].filter(Boolean);
  return [`  ${userId} · ${surface} (${notes.join(' · ')})`, ...lines].join('\n');
}

async function main(): Promise<void> {
  const settings = quickstartSettings();
  const world = quickstartWorld(settings);
  const kafka = createKafka({ brokers: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092', clientId: 'cascade-quickstart-live', kafkaLogLevel: 'nothing' });
  const producer = createEventProducer({ kafka });
  await producer.connect();
  const client = createClient(BlendingServiceClient, settings.blendingAddress, { defaultTimeoutMs: 2_000 });
  const users = [0, 1, 2].map((u) => world.userAttributes(u));

  let stopped = false;
  const stop = () => (stopped = true);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const debugPageUrl = process.env['DEBUG_PAGE_URL'];
  let nextPrint = 0;
  let streamed = 0;
  let skipped = 0;
  const startedAt = Date.now();
  for (const batch of world.timeline({ batchSize: Math.max(1, Math.round(settings.liveRate)) })) {
    if (stopped) break;
    if (skipped < settings.seedEvents) {
      skipped += batch.content.length + batch.engagement.length;
      continue;
    }
    const now = Date.now();
    await producer.send(contentCodec, batch.content.map((e) => ({ ...e, eventTimeMs: now, createdAtMs: now })), { topic: topics.content });
    await producer.send(engagementCodec, batch.engagement.map((e) => ({ ...e, eventTimeMs: now })), { topic: topics.engagement });
    streamed += batch.engagement.length;
    if (now >= nextPrint) {
      nextPrint = now + PRINT_EVERY_MS;
      const rate = streamed / Math.max(1, (now - startedAt) / 1000);
      console.log(`\nlive recommendations (${streamed} engagement events streamed, ${rate.toFixed(0)}/s):`);
      if (debugPageUrl) console.log(`  one request's funnel, drawn: ${debugPageUrl}?user=${encodeURIComponent(users[0]!.userId)}&surface=spotlight&limit=20`);
      for (const user of users) {
        for (const [name, surface] of [['spotlight', Surface.SURFACE_SPOTLIGHT], ['stories', Surface.SURFACE_STORIES]] as const) {
          try {
            const response = await client.recommend(RecommendRequest.fromPartial({ userId: user.userId, surface, limit: 5, context: { country: user.country, locale: user.locale } }));
            console.log(describe(user.userId, name, response));
          } catch (error) {
            console.log(`  ${user.userId} · ${name}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }
    }
    await sleep(1000);
  }
  client.close();
  await producer.disconnect();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
