import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initModelBackend, tf } from '../backend/model-backend';
import { fileModelIO } from '../io/file-model-io';
import { applyScaling } from './feature-scaler';
import { defaultRankerConfig, MultiTaskRanker } from './multi-task-ranker';
import { RankerLabels, rankerTasks } from './ranker-tasks';

/** A toy world: feature 0 drives likes and completion, feature 1 drives skips. */
function data(n: number, seed = 1) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const rows = new Float32Array(n * 3);
  const labels: RankerLabels[] = [];
  for (let i = 0; i < n; i++) {
    const a = rand();
    const b = rand();
    rows.set([a, b, rand() * 1000], i * 3);
    labels.push({
      complete: rand() < a ? 1 : 0,
      like: rand() < a * 0.5 ? 1 : 0,
      share: 0,
      follow: 0,
      skip: rand() < b ? 1 : 0,
      hide: 0,
      watch_ratio: a,
    });
  }
  return { rows, labels };
}

describe('MultiTaskRanker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-ranker-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('learns each head and reloads predicting identically', async () => {
    await initModelBackend();
    const ranker = MultiTaskRanker.create({ ...defaultRankerConfig, featureNames: ['a', 'b', 'c'], hidden: [16] });
    const { rows, labels } = data(2000);
    await ranker.fit(rows, labels, { epochs: 15, batchSize: 128 });
    const probe = new Float32Array([0.9, 0.1, 5, 0.1, 0.9, 500]);
    const predicted = ranker.predict(probe);
    expect(predicted.complete[0]).toBeGreaterThan(predicted.complete[1]! + 0.3);
    expect(predicted.like[0]).toBeGreaterThan(predicted.like[1]!);
    expect(predicted.skip[1]).toBeGreaterThan(predicted.skip[0]! + 0.3);
    expect(predicted.watch_ratio[0]).toBeGreaterThan(predicted.watch_ratio[1]!);
    expect(ranker.featureScaling.log).toEqual([false, false, true]);

    const saved = await ranker.save(dir);
    const reloaded = await MultiTaskRanker.load(dir, JSON.parse(JSON.stringify(saved)));
    expect(reloaded.predict(probe)).toEqual(predicted);

    // The fused-matmul inference equals the saved Layers model run through the Layers API.
    expect(reloaded.inference).toBe('fused');
    const layers = await tf.loadLayersModel(fileModelIO(dir));
    const [reference, rawLogits] = tf.tidy(() => {
      const logits = layers.predictOnBatch(tf.tensor2d(applyScaling(Float32Array.from(probe), saved.scaling), [2, 3])) as tf.Tensor2D;
      return [tf.sigmoid(logits).dataSync(), logits.dataSync()];
    });
    layers.dispose();
    const watch = rankerTasks.indexOf('watch_ratio');
    for (const row of [0, 1]) expect(predicted.watch_ratio[row]).toBeCloseTo(Math.min(2, Math.max(0, rawLogits[row * rankerTasks.length + watch]!)), 5);
    expect(predicted.complete[1]).toBeCloseTo(reference[rankerTasks.length + rankerTasks.indexOf('complete')]!, 5);
    expect(predicted.hide[0]).toBeCloseTo(reference[rankerTasks.indexOf('hide')]!, 5);
  });
});
