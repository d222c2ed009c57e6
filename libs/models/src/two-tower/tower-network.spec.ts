import { initModelBackend, tf } from '../backend/model-backend';
import { layerTensors, towerForward, towerForwardRows } from './tower-network';
import type { DenseLayer } from './two-tower-weights';

function randomLayer(inputs: number, units: number, seed: number): DenseLayer {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  return { inputs, units, kernel: Float32Array.from({ length: inputs * units }, next), bias: Float32Array.from({ length: units }, () => next() * 0.1) };
}

describe('towerForwardRows', () => {
  beforeAll(() => initModelBackend());

  it('computes what the TF.js tower computes (ReLU between layers, L2-normalised output), sparse inputs included', () => {
    const layers = [randomLayer(40, 32, 1), randomLayer(32, 16, 2), randomLayer(16, 8, 3)];
    const rows = 3;
    const input = Float32Array.from({ length: rows * 40 }, (_, i) => (i % 5 === 0 ? 0 : Math.sin(i)));
    const tensors = layerTensors(layers);
    const expected = tf.tidy(() => towerForward(tf.tensor2d(input, [rows, 40]), tensors).dataSync());
    tensors.forEach((t) => [t.kernel, t.bias].forEach((x) => x.dispose()));

    const actual = towerForwardRows(input, rows, layers);
    expect(actual).toHaveLength(rows * 8);
    actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 5));
    for (let r = 0; r < rows; r++) expect(Math.hypot(...actual.subarray(r * 8, r * 8 + 8))).toBeCloseTo(1, 5);
  });

  it('refuses an input of the wrong width', () => {
    expect(() => towerForwardRows(new Float32Array(10), 1, [randomLayer(12, 4, 1)])).toThrow('tower layer 0 takes 12 inputs, got 10');
  });
});
