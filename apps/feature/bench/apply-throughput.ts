// Apply throughput of EventApplier into one store on one core (this process). Spawned by
// tools/bench/feature-ingestion.ts; prints one JSON line with the result.
//   STORE=memory|redis REDIS_URL=... EVENTS=1000000 BATCH=1000 node --import tsx apps/feature/bench/apply-throughput.ts
// Events are generated batch by batch outside the timed section (as the service decodes them batch by
// batch), with log positions like the Kafka ingestion's; the first WARMUP events are not counted.
import { MemoryStateStore, StateStore } from '@cascade/features';
import { randomBytes } from 'node:crypto';
import { EventApplier } from '../src/domain/event-applier';
import { RedisStateStore } from '../src/store/redis-state-store';
import { SyntheticEvents } from './synthetic-events';

async function main(): Promise<void> {
  const storeKind = process.env['STORE'] ?? 'memory';
  const total = Number(process.env['EVENTS'] ?? 1_000_000);
  const batchSize = Number(process.env['BATCH'] ?? 1000);
  const warmup = Math.min(Number(process.env['WARMUP'] ?? 100_000), Math.floor(total / 5));
  const dedupeWindow = process.env['DEDUPE_WINDOW_MS'] ? { dedupeWindowMs: Number(process.env['DEDUPE_WINDOW_MS']) } : {};
  let store: StateStore;
  if (storeKind === 'redis') {
    const url = process.env['REDIS_URL'];
    if (!url) throw new Error('REDIS_URL is required for STORE=redis');
    store = RedisStateStore.connect(url, { entityTtlMs: 3_600_000, ...dedupeWindow });
  } else {
    store = new MemoryStateStore(dedupeWindow);
  }
  const size = process.env['USERS'] ? { users: Number(process.env['USERS']), items: Number(process.env['ITEMS'] ?? process.env['USERS']) } : {};
  const world = new SyntheticEvents({ prefix: `bench-${randomBytes(3).toString('hex')}`, ...size });
  // As the service configures it (src/feature-service.ts).
  const applier = new EventApplier(store, undefined, { chunkEvents: storeKind === 'memory' ? 100 : undefined });
  await applier.applyContent(world.content());

  const logs = ['bench/0', 'bench/1', 'bench/2'];
  let wallNs = 0n;
  let cpuUs = 0;
  let counted = 0;
  for (let i = 0; i < total; i += batchSize) {
    const events = world.engagements(Math.min(batchSize, total - i));
    const positions = events.map((_, k) => ({ log: logs[(i + k) % 3]!, offset: i + k }));
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    await applier.applyEngagements(events, positions);
    if (i >= warmup) {
      wallNs += process.hrtime.bigint() - started;
      const used = process.cpuUsage(cpu);
      cpuUs += used.user + used.system;
      counted += events.length;
    }
  }
  await store.close();
  console.log(
    JSON.stringify({
      store: storeKind,
      events: total,
      counted,
      batch: batchSize,
      users: world.options.users,
      items: world.options.items,
      applySeconds: Number(wallNs) / 1e9,
      eventsPerSecond: Math.round(counted / (Number(wallNs) / 1e9)),
      /** Events per second of this process' CPU time while applying (GC threads included): robust to a busy machine. */
      eventsPerCpuSecond: Math.round(counted / (cpuUs / 1e6)),
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
