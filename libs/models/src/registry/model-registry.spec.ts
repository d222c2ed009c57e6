import { registryVersion } from '@cascade/features';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featureSpecProblems } from './model-manifest';
import { ModelNotFoundError, ModelRegistry, PublishedModel } from './model-registry';

const manifest = (names = ['item_like_rate', 'cross_seen']) => ({
  kind: 'ranker' as const,
  features: { registryVersion, names },
  trainingData: { source: 'synthetic', fromMs: 1, toMs: 2, examples: 10 },
  metrics: { auc_like: 0.7 },
  config: {},
});

describe('ModelRegistry', () => {
  let root: string;
  let registry: ModelRegistry;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cascade-registry-'));
    registry = new ModelRegistry(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('publishes versions, points LATEST at the newest and rolls back', async () => {
    const first = await registry.publish('ranker', async (dir) => writeFileSync(join(dir, 'weights.bin'), 'a'), manifest());
    const second = await registry.publish('ranker', async (dir) => writeFileSync(join(dir, 'weights.bin'), 'b'), manifest());
    expect(await registry.versions('ranker')).toEqual([first.manifest.version, second.manifest.version].sort());
    expect((await registry.resolve('ranker')).manifest.version).toBe(second.manifest.version);
    await registry.promote('ranker', first.manifest.version);
    const resolved = await registry.resolve('ranker');
    expect(resolved.manifest).toEqual(first.manifest);
    expect(existsSync(join(resolved.dir, 'weights.bin'))).toBe(true);
  });

  it('leaves nothing behind when writing the artifacts fails', async () => {
    await expect(registry.publish('ranker', async () => Promise.reject(new Error('disk full')), manifest())).rejects.toThrow('disk full');
    expect(readdirSync(join(root, 'ranker'))).toEqual([]);
    await expect(registry.resolve('ranker')).rejects.toBeInstanceOf(ModelNotFoundError);
  });

  it('tells a watcher about the current and each newly promoted version', async () => {
    const seen: string[] = [];
    const first = await registry.publish('ranker', async () => undefined, manifest());
    let notify!: () => void;
    let wanted = 2;
    const done = new Promise<void>((resolve) => (notify = resolve));
    const stop = registry.watch(
      'ranker',
      (model: PublishedModel) => {
        seen.push(model.manifest.version);
        if (--wanted === 0) notify();
      },
      { intervalMs: 20 },
    );
    const second = await registry.publish('ranker', async () => undefined, manifest());
    await done;
    stop();
    expect(seen).toEqual([first.manifest.version, second.manifest.version]);
  });

  it('validates a manifest against the feature registry', () => {
    const ok = { ...manifest(), name: 'ranker', version: 'v', createdAtMs: 1 };
    expect(featureSpecProblems(ok, { numericOnly: true })).toEqual([]);
    const bad = { ...ok, features: { registryVersion: 'old', names: ['nope', 'item_categories'] } };
    expect(featureSpecProblems(bad, { numericOnly: true })).toEqual([
      expect.stringContaining('feature registry old'),
      expect.stringContaining('"nope" is not registered'),
      expect.stringContaining('"item_categories" is id_list'),
    ]);
  });
});
