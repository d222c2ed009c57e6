import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRankerConfig, MultiTaskRanker, TaskPredictions } from '../ranker/multi-task-ranker';
import { RankerLabels, rankerTasks } from '../ranker/ranker-tasks';
import { initModelBackend, ModelBackendName, nativeBackendLoadError, useBackend } from './model-backend';

// CI sets this once the install step has built the native binding: from then on a native backend
// that does not load fails here instead of being skipped.
const expectNative = process.env['CASCADE_EXPECT_NATIVE_TFJS'] === '1';
const nativeMissing = nativeBackendLoadError();
/** Where native TensorFlow did not build (and CI does not demand it), the same checks run on WASM. */
const fastest: ModelBackendName = nativeMissing && !expectNative ? 'wasm' : 'tensorflow';
const FEATURES = 24;

function toyData(n: number, seed: number) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const rows = new Float32Array(n * FEATURES).map(() => rand() * 10);
  const labels: RankerLabels[] = [];
  for (let i = 0; i < n; i++) {
    const signal = rows[i * FEATURES]! / 10;
    const skip = rows[i * FEATURES + 1]! / 10;
    labels.push({ complete: rand() < signal ? 1 : 0, like: rand() < signal / 2 ? 1 : 0, share: 0, follow: 0, skip: rand() < skip ? 1 : 0, hide: 0, watch_ratio: signal });
  }
  return { rows, labels };
}

function maxAbsDifference(a: TaskPredictions, b: TaskPredictions): number {
  let max = 0;
  for (const task of rankerTasks) a[task].forEach((value, i) => (max = Math.max(max, Math.abs(value - b[task][i]!))));
  return max;
}

describe('TF.js backend parity', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-parity-'));
  const featureNames = Array.from({ length: FEATURES }, (_, i) => `f${i}`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('chooses native TensorFlow where the install step built it, and says why not otherwise', async () => {
    if (expectNative) expect(nativeMissing).toBeNull();
    const backend = await initModelBackend();
    expect(backend.name).toBe(fastest);
    if (fastest === 'wasm') expect(backend.attempts[0]).toMatchObject({ backend: 'tensorflow', ok: false, error: expect.any(String) });
  });

  it('gives the same predictions from one saved ranker on every backend', async () => {
    await useBackend('cpu');
    const trained = MultiTaskRanker.create({ ...defaultRankerConfig, featureNames });
    const train = toyData(1000, 7);
    await trained.fit(train.rows, train.labels, { epochs: 2, batchSize: 128 });
    const settings = JSON.parse(JSON.stringify(await trained.save(dir)));
    trained.dispose();

    const candidates = toyData(500, 11).rows;
    const backends: ModelBackendName[] = nativeMissing && !expectNative ? ['wasm', 'cpu'] : ['tensorflow', 'wasm', 'cpu'];
    const predictions = new Map<ModelBackendName, TaskPredictions>();
    for (const backend of backends) {
      await useBackend(backend);
      const ranker = await MultiTaskRanker.load(dir, settings);
      predictions.set(backend, ranker.predict(candidates));
      ranker.dispose();
    }
    const reference = predictions.get('cpu')!;
    expect(reference.complete).toHaveLength(500);
    // Within 5e-5 of pure JS, per backend (named, so a failure says which one drifted).
    for (const backend of backends) expect([backend, maxAbsDifference(predictions.get(backend)!, reference)]).toEqual([backend, expect.closeTo(0, 4)]);
  });

  it('trains the ranker on the fastest backend that loads (native TensorFlow where built)', async () => {
    await useBackend(fastest);
    const ranker = MultiTaskRanker.create({ ...defaultRankerConfig, featureNames });
    const { rows, labels } = toyData(3000, 3);
    const losses: number[] = [];
    await ranker.fit(rows, labels, { epochs: 8, batchSize: 128, onEpochEnd: (_, logs) => losses.push(logs['loss']!) });
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[losses.length - 1]!).toBeLessThan(losses[0]!);
    const probe = new Float32Array(2 * FEATURES).fill(5);
    probe[0] = 9.5;
    probe[1] = 0.5;
    probe[FEATURES] = 0.5;
    probe[FEATURES + 1] = 9.5;
    const scored = ranker.predict(probe);
    expect(scored.complete[0]).toBeGreaterThan(scored.complete[1]! + 0.3);
    expect(scored.skip[1]).toBeGreaterThan(scored.skip[0]! + 0.3);
    ranker.dispose();
  });
});
