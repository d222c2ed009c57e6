// Checks, in a fresh Node process, that tfjs-node loads and computes on the 'tensorflow' backend.
import { spawnSync } from 'node:child_process';

const probe = `
const tf = require('@tensorflow/tfjs-node');
const product = tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).dataSync();
if (product[0] !== 3) throw new Error('wrong product ' + product[0]);
process.stdout.write(tf.getBackend());`;

/** Returns null when the native backend works, otherwise why it does not. */
export function nativeBackendProblem(root) {
  const result = spawnSync(process.execPath, ['-e', probe], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
    timeout: 120_000,
  });
  if (result.error) return result.error.message;
  if (result.status !== 0) return result.stderr.trim().split('\n').find((line) => /Error/.test(line)) ?? `exited with ${result.status}`;
  return result.stdout === 'tensorflow' ? null : `backend is '${result.stdout}'`;
}
