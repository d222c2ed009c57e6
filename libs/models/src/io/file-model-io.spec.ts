import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initModelBackend, tf } from '../backend/model-backend';
import { fileModelIO } from './file-model-io';

describe('fileModelIO', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-model-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reloads a saved model that predicts identically', async () => {
    await initModelBackend();
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }), tf.layers.dense({ units: 2, activation: 'sigmoid' })],
    });
    const input = tf.tensor2d([
      [0.1, -0.2, 0.3, 0.4],
      [1, 2, -3, 0.5],
    ]);
    const before = (model.predict(input) as tf.Tensor).arraySync();
    await model.save(fileModelIO(dir));
    const reloaded = await tf.loadLayersModel(fileModelIO(dir));
    expect((reloaded.predict(input) as tf.Tensor).arraySync()).toEqual(before);
  });
});
