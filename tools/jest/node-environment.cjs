const { TestEnvironment } = require('jest-environment-node');

/**
 * jest's node environment, with the typed-array constructors of the main realm. Native addons
 * (the TensorFlow binding) create typed arrays in the main realm; inside jest's per-file realm
 * `x instanceof Float32Array` would then be false and TF.js would reject its own tensors' data.
 */
const sharedGlobals = [
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

class MainRealmTypedArraysEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of sharedGlobals) this.global[name] = globalThis[name];
  }
}

module.exports = MainRealmTypedArraysEnvironment;
