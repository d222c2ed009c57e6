import type { GetFeaturesResponse } from '@cascade/contracts';
import { ensureTopics } from '@cascade/events';
import { MemoryStateStore, selectFeatures } from '@cascade/features';
import { freePort } from '@cascade/service-kit/testing';
import { randomBytes } from 'node:crypto';
import { EventApplier } from '../src/domain/event-applier';
import { FeatureReader } from '../src/domain/feature-reader';
import { redisUrl } from './redis-env';
import { HOUR, T0, TestProducer } from './support/events';
import { FeatureProcess, type StoreKind } from './support/feature-process';
import { featureDifferences } from './support/features';
import { dropTopics, testKafka, uniqueName, waitFor } from '@cascade/events/testing';
import { syntheticWorld, type World } from './support/world';

const AS_OF = T0 + 30 * HOUR;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What an uninterrupted run ends with: the same events applied in-process, read the way the service reads. */
async function reference(world: World): Promise<Map<string, GetFeaturesResponse>> {
  const store = new MemoryStateStore();
  const applier = new EventApplier(store);
  await applier.applyContent(world.content);
  for (let i = 0; i < world.engagements.length; i += 250) await applier.applyEngagements(world.engagements.slice(i, i + 250));
  const reader = new FeatureReader(store);
  const out = new Map<string, GetFeaturesResponse>();
  for (const userId of world.users) out.set(userId, await reader.read({ userId, itemIds: world.items, definitions: selectFeatures(undefined), nowMs: AS_OF }));
  return out;
}

async function eventsApplied(metricsPort: number, topic: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('cascade_feature_events_applied') && l.includes(`topic="${topic}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe.each<StoreKind>(['memory', 'redis'])('feature service killed with SIGKILL mid-stream, %s store (real broker)', (store) => {
  const kafka = testKafka(`feature-kill-test-${store}`);
  const engagementTopic = uniqueName(`feature-kill.${store}.engagement`);
  const contentTopic = uniqueName(`feature-kill.${store}.content`);
  const producer = new TestProducer(kafka);
  const processes: FeatureProcess[] = [];

  afterAll(async () => {
    processes.forEach((p) => p.close());
    await producer.disconnect();
    await dropTopics(kafka, [engagementTopic, contentTopic]);
  });

  it('restarts into the same features as an uninterrupted run: nothing lost, nothing counted twice', async () => {
    // No copies of events from the source here (feature-service.test.ts covers those): this run squeezes a
    // day of event time into seconds, so while the restarted process waits for the group, partitions drift
    // hours apart in event time, far more than a real outage of that length, and a copy straddling the
    // kill could outlive DEDUPE_WINDOW_MS. Redelivery of what the killed process applied is what is tested.
    const world = syntheticWorld(`k${store[0]}-${randomBytes(4).toString('hex')}`, { events: 4000, copies: 0 });
    const expected = await reference(world);
    await ensureTopics(kafka, [
      { topic: engagementTopic, numPartitions: 3 },
      { topic: contentTopic, numPartitions: 3 },
    ]);
    await producer.connect();
    await producer.content(contentTopic, world.content);

    const options = {
      store,
      engagementTopic,
      contentTopic,
      groupId: uniqueName('feature-kill-group'),
      redisUrl: store === 'redis' ? redisUrl() : undefined,
    };
    const start = async () => {
      const metricsPort = await freePort();
      const service = new FeatureProcess({ ...options, env: { METRICS_PORT: String(metricsPort), KAFKA_MAX_BATCH: '100' } });
      processes.push(service);
      return { service, metricsPort };
    };

    const first = await start();
    await first.service.process.ready();

    // Engagements stream in while the first process applies them; some protobuf, some JSON. The
    // second half is produced only after the kill, so the kill always lands mid-stream.
    const produce = async (from: number, to: number) => {
      for (let i = from; i < to; i += 100) {
        const events = world.engagements.slice(i, Math.min(i + 100, to));
        await producer.engagements(engagementTopic, events, (i / 100) % 4 === 3 ? 'json' : 'protobuf');
        await sleep(20);
      }
    };
    const half = Math.floor(world.engagements.length / 200) * 100;
    await produce(0, half);

    await waitFor('the first process to apply part of the stream', async () => (await eventsApplied(first.metricsPort, engagementTopic)) >= 800, 20_000);
    const streaming = produce(half, world.engagements.length);
    first.service.process.signal('SIGKILL');
    expect(await first.service.process.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const second = await start();
    await second.service.process.ready();
    await streaming;

    let differences: string[] = [];
    await waitFor(
      'the restarted process to reach the uninterrupted run’s features',
      async () => {
        differences = [];
        for (const userId of world.users) {
          const actual = await second.service.getFeatures({ userId, itemIds: world.items, asOfMs: AS_OF });
          differences.push(...featureDifferences(actual, expected.get(userId)!).map((d) => `${userId} ${d}`));
          if (differences.length > 0) return false;
        }
        return true;
      },
      30_000,
      () => differences.slice(0, 10),
    );
    expect(differences).toEqual([]);
  }, 80_000);
});
