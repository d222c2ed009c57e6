import { tf } from './model-backend';

/**
 * Runs `compute` in a tidy scope and reads its result's values, disposing every tensor made.
 *
 * tf.tidy walks what its callback returns looking for tensors to keep, key by key: returning the
 * values themselves (a typed array of n × k numbers) costs a for-in over every element, and its
 * mixed integer and double elements send the walker into an endless deoptimise/re-optimise loop
 * (a ~5 ms TurboFan compile on a background thread per call). Returning the tensor keeps the walk
 * to one object.
 */
export function readTensor(compute: () => tf.Tensor): Float32Array {
  const result = tf.tidy(compute);
  try {
    return result.dataSync() as Float32Array;
  } finally {
    result.dispose();
  }
}
