// The end-to-end benchmark's models: a ranker and a two-tower model trained on the start of the
// world's log, and the HNSW index of every catalogue item saved with the two-tower version
// (`<version>/ann`) so that the retrieval service loads it instead of building it for ~20 minutes.
// Kept under .cache/bench/e2e/ keyed by their inputs; a second run reuses them.
import { featureRegistry } from '@cascade/features';
import { buildAnnIndex, datasetFromWorld, initModelBackend, ModelRegistry, publishTwoTower, RankingExampleBuilder, trainAndPublishRanker, trainTwoTower } from '@cascade/models';
import type { World } from '@cascade/world';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PreparedModels {
  registryDir: string;
  ranker: string;
  twoTower: string;
  /** Seconds each step took when they were made (not on a reuse). */
  seconds: Record<string, number>;
}

export interface PrepareModelsOptions {
  world: World;
  cacheRoot: string;
  /** Engagement events the models learn from (the start of the log). */
  trainEvents: number;
  log: (message: string) => void;
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

export async function prepareModels({ world, cacheRoot, trainEvents, log }: PrepareModelsOptions): Promise<PreparedModels> {
  const { seed, items, users } = world.params;
  // Bump the generation when training changes what it produces (v2: hashed tables capped at 2M rows).
  const dir = join(cacheRoot, `models-v2-u${users}-i${items}-seed${seed}-train${trainEvents}`);
  const donePath = join(dir, 'prepared.json');
  if (existsSync(donePath)) {
    log(`models reused from ${dir}`);
    return { ...(JSON.parse(readFileSync(donePath, 'utf8')) as PreparedModels), registryDir: join(dir, 'registry') };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const registryDir = join(dir, 'registry');
  const registry = new ModelRegistry(registryDir);
  const backend = await initModelBackend();
  const took: Record<string, number> = {};

  let started = performance.now();
  log(`ranker: replaying ${trainEvents} events through the serving features (${backend.name})`);
  const examples = new RankingExampleBuilder(featureRegistry.filter((f) => f.type === 'number').map((f) => f.name));
  let events = 0;
  for (const batch of world.timeline({ batchSize: 10_000 })) {
    for (const event of batch.content) examples.add(event);
    for (const event of batch.engagement) examples.add(event);
    events += batch.engagement.length;
    if (events >= trainEvents) break;
  }
  const ranker = await trainAndPublishRanker(examples.finish(), { registry, name: 'ranker', source: `bench:seed=${seed}`, backend: backend.name, epochs: 2, batchSize: 512 });
  took['ranker'] = seconds(started);
  log(`ranker ${ranker.published.manifest.version} in ${took['ranker']} s`);

  started = performance.now();
  const dataset = datasetFromWorld(world, `bench-world-seed${seed}`, { maxEvents: trainEvents });
  const trainRows = Int32Array.from({ length: dataset.interactions.user.length }, (_, i) => i);
  const model = await trainTwoTower(dataset, trainRows, { epochs: 1, seed: 1 });
  const twoTower = await publishTwoTower(registry, model, { dataset, trainRows, metrics: {} });
  took['twoTower'] = seconds(started);
  log(`two-tower ${twoTower.manifest.version} in ${took['twoTower']} s; indexing ${model.itemIds.length} items`);

  started = performance.now();
  let reported = 0;
  const index = await buildAnnIndex(
    { ids: model.itemIds, vectors: model.itemVectors(), dim: model.config.dim },
    {
      modelVersion: twoTower.manifest.version,
      chunkSize: 10_000,
      onProgress: (done, total) => {
        if (done - reported >= total / 20 || done === total) {
          reported = done;
          log(`  index ${done}/${total} (${seconds(started)} s)`);
        }
      },
    },
  );
  const annDir = join(twoTower.dir, 'ann');
  mkdirSync(annDir, { recursive: true });
  await index.save(annDir);
  took['annIndex'] = seconds(started);

  const prepared: PreparedModels = { registryDir, ranker: ranker.published.manifest.version, twoTower: twoTower.manifest.version, seconds: took };
  writeFileSync(donePath, JSON.stringify(prepared, null, 2));
  return prepared;
}
