import { tf } from '../backend/model-backend';
import type { DenseLayer } from './two-tower-weights';

export interface LayerTensors {
  kernel: tf.Tensor2D;
  bias: tf.Tensor1D;
}

export function layerTensors(layers: readonly DenseLayer[]): LayerTensors[] {
  return layers.map((layer) => ({ kernel: tf.tensor2d(layer.kernel, [layer.inputs, layer.units]), bias: tf.tensor1d(layer.bias) }));
}

/**
 * a · b whose gradients transpose explicitly: the WASM backend runs a matMul with a transpose
 * flag (what the built-in gradient uses) about ten times slower than a transpose and a plain one.
 */
export const matMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.matMul(dy as tf.Tensor2D, tf.transpose(saved[1]!)), tf.matMul(tf.transpose(saved[0]!), dy as tf.Tensor2D)],
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/** MLP (ReLU between layers, linear last) then L2 normalisation, so dot products are cosines. */
export function towerForward(input: tf.Tensor2D, layers: readonly LayerTensors[]): tf.Tensor2D {
  let x = input;
  layers.forEach((layer, k) => {
    x = tf.add(matMul(x, layer.kernel), layer.bias);
    if (k < layers.length - 1) x = tf.relu(x);
  });
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(x), 1, true), 1e-12));
  return tf.div(x, norm);
}

/**
 * The same forward pass in plain loops over the weights, for the few rows of a serving request:
 * at batch sizes of one to a few, dispatching a dozen TF.js kernels costs more than the arithmetic.
 */
export function towerForwardRows(input: Float32Array, rows: number, layers: readonly DenseLayer[]): Float32Array {
  let x = input;
  let width = input.length / rows;
  layers.forEach((layer, k) => {
    if (layer.inputs !== width) throw new Error(`tower layer ${k} takes ${layer.inputs} inputs, got ${width}`);
    const { units, kernel, bias } = layer;
    const out = new Float32Array(rows * units);
    for (let r = 0; r < rows; r++) {
      const o = r * units;
      out.set(bias, o);
      for (let i = 0; i < width; i++) {
        const v = x[r * width + i]!;
        if (v === 0) continue; // hashed one-hot and ReLU inputs are mostly zeros
        const w = i * units;
        for (let u = 0; u < units; u++) out[o + u]! += v * kernel[w + u]!;
      }
      if (k < layers.length - 1) for (let u = 0; u < units; u++) if (out[o + u]! < 0) out[o + u] = 0;
    }
    x = out;
    width = units;
  });
  for (let r = 0; r < rows; r++) {
    let sum = 1e-12;
    for (let u = 0; u < width; u++) sum += x[r * width + u]! ** 2;
    const scale = 1 / Math.sqrt(sum);
    for (let u = 0; u < width; u++) x[r * width + u]! *= scale;
  }
  return x;
}
