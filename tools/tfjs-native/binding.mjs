// Stages libtensorflow where @tensorflow/tfjs-node's binding.gyp links and loads it from
// (deps/lib, deps/include; the binding's RUNPATH is $ORIGIN/../../deps/lib) and builds the
// N-API binding from the sources shipped in the npm package, with the node-gyp that npm bundles.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { libraryFiles } from './libtensorflow.mjs';

/** The installed @tensorflow/tfjs-node, or null when npm skipped the optional dependency. */
export function findTfjsNode(root) {
  try {
    const packageJson = createRequire(join(root, 'package.json')).resolve('@tensorflow/tfjs-node/package.json');
    const pkg = JSON.parse(readFileSync(packageJson, 'utf8'));
    return { dir: dirname(packageJson), packageJson, pkg };
  } catch {
    return null;
  }
}

/** Where tfjs-node will require its binding from (node-pre-gyp's own lookup). */
export function bindingTarget(tfjsNode) {
  const napi = Number(process.versions.napi);
  const buildVersion = Math.max(...tfjsNode.pkg.binary.napi_versions.filter((v) => v <= napi));
  if (!Number.isFinite(buildVersion)) throw new Error(`tfjs-node supports no Node-API version this Node (${napi}) has`);
  const path = createRequire(tfjsNode.packageJson)('@mapbox/node-pre-gyp').find(tfjsNode.packageJson);
  const expected = resolve(tfjsNode.dir, tfjsNode.pkg.binary.module_path.replace('{napi_build_version}', String(buildVersion)), `${tfjsNode.pkg.binary.module_name}.node`);
  if (path !== expected) throw new Error(`node-pre-gyp looks for the binding at ${path}, not ${expected}`);
  return { path, buildVersion };
}

function linkOrCopy(from, to) {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Puts the libraries (hard links into the cache where possible) and headers into tfjs-node's deps/. */
export function stageLibtensorflow(tfjsNode, libtensorflow) {
  const deps = join(tfjsNode.dir, 'deps');
  rmSync(deps, { recursive: true, force: true });
  mkdirSync(join(deps, 'lib'), { recursive: true });
  for (const file of libraryFiles) linkOrCopy(join(libtensorflow.libDir, file), join(deps, 'lib', file));
  // Link-time names for -ltensorflow -ltensorflow_framework; at run time the sonames are looked up.
  symlinkSync('libtensorflow_cc.so.2', join(deps, 'lib', 'libtensorflow.so'));
  symlinkSync('libtensorflow_framework.so.2', join(deps, 'lib', 'libtensorflow_framework.so'));
  cpSync(libtensorflow.includeDir, join(deps, 'include'), { recursive: true });
}

export function librariesStaged(tfjsNode) {
  return libraryFiles.every((file) => existsSync(join(tfjsNode.dir, 'deps', 'lib', file)));
}

/** Node's own headers, so node-gyp never downloads them: next to the running node, or npm_config_nodedir. */
function nodeHeadersDir() {
  const candidates = [process.env.npm_config_nodedir, resolve(dirname(process.execPath), '..')].filter(Boolean);
  const found = candidates.find((dir) => existsSync(join(dir, 'include', 'node', 'node_api.h')));
  if (!found) throw new Error(`no Node.js headers (include/node/node_api.h) under ${candidates.join(' or ')}; Debian's libnode-dev ships them, or set npm_config_nodedir`);
  return found;
}

function nodeGypScript() {
  const candidates = [process.env.npm_config_node_gyp, resolve(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')].filter(Boolean);
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`node-gyp not found (looked at ${candidates.join(', ')})`);
  return found;
}

/** Compiles the binding into `target.path`; the staged deps/ must be in place. */
export function buildBinding(tfjsNode, target) {
  const args = [
    nodeGypScript(),
    'rebuild',
    `--nodedir=${nodeHeadersDir()}`,
    '--',
    `-Dnapi_build_version=${target.buildVersion}`,
    `-Dmodule_name=${tfjsNode.pkg.binary.module_name}`,
    `-Dmodule_path=${dirname(target.path)}`,
  ];
  const result = spawnSync(process.execPath, args, { cwd: tfjsNode.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10 * 60_000 });
  if (result.error) throw new Error(`node-gyp: ${result.error.message}`);
  if (result.status !== 0 || !existsSync(target.path)) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-8).join('\n');
    throw new Error(`node-gyp rebuild exited with ${result.status}:\n${tail}`);
  }
  rmSync(join(tfjsNode.dir, 'build'), { recursive: true, force: true });
}

/** Installs a binding built earlier for the same tfjs-node, TensorFlow and Node-API versions. */
export function restoreBinding(cached, target) {
  if (!existsSync(cached)) return false;
  mkdirSync(dirname(target.path), { recursive: true });
  copyFileSync(cached, target.path);
  return true;
}

export function saveBinding(target, cached) {
  mkdirSync(dirname(cached), { recursive: true });
  const partial = `${cached}.partial-${process.pid}`;
  copyFileSync(target.path, partial);
  renameSync(partial, cached);
}
