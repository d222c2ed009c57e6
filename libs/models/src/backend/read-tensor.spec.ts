import { tf, useBackend } from './model-backend';
import { readTensor } from './read-tensor';

describe('readTensor', () => {
  beforeAll(() => useBackend('cpu'));

  it('returns the values of what the computation returns', () => {
    const values = readTensor(() => tf.matMul(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), tf.tensor2d([0.5, -1, 2], [3, 1])));
    expect(Array.from(values)).toEqual([4.5, 9]);
  });

  it('leaves no tensor behind: neither the intermediates nor the result', () => {
    const before = tf.memory().numTensors;
    readTensor(() => tf.relu(tf.add(tf.ones([100, 7]), tf.scalar(-0.5))));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('disposes everything also when the computation throws', () => {
    const before = tf.memory().numTensors;
    expect(() =>
      readTensor(() => {
        tf.ones([3, 3]);
        throw new Error('shape mismatch');
      }),
    ).toThrow('shape mismatch');
    expect(tf.memory().numTensors).toBe(before);
  });
});
