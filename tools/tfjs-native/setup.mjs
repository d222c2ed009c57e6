#!/usr/bin/env node
// Makes @tensorflow/tfjs-node work although its install script cannot (it downloads libtensorflow
// from a host these machines do not reach, so package.json does not allow it to run): the C API
// comes from the tensorflow-cpu wheel on PyPI and the binding is built from the package's sources.
//
//   node tools/tfjs-native/setup.mjs              exit 0 only when tfjs-node runs on 'tensorflow'
//   node tools/tfjs-native/setup.mjs --optional   never fails (the postinstall hook): on failure it
//                                                 says why, and @cascade/models falls back to WASM
//
// Idempotent: a working setup is only re-checked. Downloads and built bindings are cached under
// $CASCADE_CACHE_DIR/tfjs-native (default .cache/tfjs-native). CASCADE_TFJS_NATIVE=0 skips it.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindingTarget, buildBinding, findTfjsNode, librariesStaged, restoreBinding, saveBinding, stageLibtensorflow } from './binding.mjs';
import { obtainLibtensorflow, wheel } from './libtensorflow.mjs';
import { nativeBackendProblem } from './verify.mjs';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const optional = process.argv.includes('--optional');
const cacheDir = join(resolve(root, process.env.CASCADE_CACHE_DIR ?? '.cache'), 'tfjs-native');
const started = performance.now();
const log = (message) => console.log(`[tfjs-native] ${message}`);
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;

function setUp() {
  const tfjsNode = findTfjsNode(root);
  if (!tfjsNode) throw new Error('@tensorflow/tfjs-node is not installed (npm skipped the optional dependency)');
  const target = bindingTarget(tfjsNode);
  if (librariesStaged(tfjsNode) && nativeBackendProblem(root) === null) return 'already set up';

  const libtensorflow = obtainLibtensorflow(cacheDir, log);
  stageLibtensorflow(tfjsNode, libtensorflow);
  const cachedBinding = join(cacheDir, `tfjs-node-${tfjsNode.pkg.version}-tf-${wheel.version}-napi${target.buildVersion}-${process.platform}-${process.arch}`, 'tfjs_binding.node');
  let how = 'binding restored from cache';
  if (!restoreBinding(cachedBinding, target)) {
    log('building the tfjs-node binding with node-gyp');
    buildBinding(tfjsNode, target);
    saveBinding(target, cachedBinding);
    how = 'binding built';
  }
  const problem = nativeBackendProblem(root);
  if (problem) throw new Error(`tfjs-node still does not load: ${problem}`);
  return `libtensorflow ${wheel.version} staged, ${how}`;
}

if (process.env.CASCADE_TFJS_NATIVE === '0') {
  log('skipped (CASCADE_TFJS_NATIVE=0); models run on WASM');
  process.exit(optional ? 0 : 1);
}
try {
  log(`native TensorFlow backend ready: ${setUp()} (${seconds()})`);
} catch (error) {
  console.error(`[tfjs-native] native TensorFlow backend NOT available, models fall back to WASM: ${error instanceof Error ? error.message : error}`);
  process.exit(optional ? 0 : 1);
}
