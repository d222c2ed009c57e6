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
