// libtensorflow's C API (shared libraries + headers) taken from the tensorflow-cpu wheel on PyPI.
// Only files are unpacked: nothing of the wheel is installed, imported or run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// tfjs-node 4.22 was built against libtensorflow 2.9.1, but the 2.9.x wheels keep the C API inside
// _pywrap_tensorflow_internal.so, which needs libpython. From 2.12 on the wheel ships it in
// libtensorflow_cc.so.2 (TF_*/TFE_* exported), and the C API only grew since 2.9. The binding is
// compiled against this wheel's own headers, so the two always match.
export const wheel = {
  name: 'tensorflow-cpu',
  version: '2.12.1',
  file: 'tensorflow_cpu-2.12.1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
  sha256: '7ffb595707a8fb376deaddc768784c7a0242b16cbc6e06393b1733b2ce19f855',
};

/** The wheel members the binding needs: the two libraries and the C API's header closure. */
const members = [
  'tensorflow/libtensorflow_cc.so.2',
  'tensorflow/libtensorflow_framework.so.2',
  'tensorflow/include/tensorflow/c/',
  'tensorflow/include/tensorflow/core/platform/',
  'tensorflow/include/tensorflow/tsl/c/',
  'tensorflow/include/tensorflow/tsl/platform/',
];

export const libraryFiles = ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2'];

function run(command, args, what, timeoutMs) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: timeoutMs });
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} exited with ${result.status}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
}

function download(dir) {
  const requirements = join(dir, 'requirements.txt');
  writeFileSync(requirements, `${wheel.name}==${wheel.version} --hash=sha256:${wheel.sha256}\n`);
  // The platform is named so the same wheel is chosen whatever Python this machine has.
  run(
    'python3',
    ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--require-hashes', '-r', requirements, '--python-version', '3.11', '--implementation', 'cp', '--abi', 'cp311',
      '--platform', 'manylinux2014_x86_64', '--no-cache-dir', '--disable-pip-version-check', '--timeout', '60', '--retries', '3', '-d', dir],
    `pip download ${wheel.name}==${wheel.version}`,
    15 * 60_000,
  );
  const downloaded = join(dir, wheel.file);
  if (!existsSync(downloaded)) throw new Error(`pip download left no ${wheel.file} (found: ${readdirSync(dir).join(', ')})`);
  return downloaded;
}

const unpackScript = `import sys, zipfile
wheel, dest, *prefixes = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    z.extractall(dest, [m for m in z.namelist() if m.startswith(tuple(prefixes))])`;

/**
 * Returns { libDir, includeDir } of the cached C API, downloading and unpacking it on first use.
 * The cache entry appears atomically, so an interrupted run leaves nothing half-made behind.
 */
export function obtainLibtensorflow(cacheDir, log) {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`no ${wheel.name} route for ${process.platform}-${process.arch}`);
  const home = join(cacheDir, `${wheel.name}-${wheel.version}`);
  const located = { libDir: join(home, 'tensorflow'), includeDir: join(home, 'tensorflow', 'include') };
  if (existsSync(join(home, '.complete'))) return located;

  const work = `${home}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    log(`downloading ${wheel.file} from PyPI`);
    const downloaded = download(work);
    log('unpacking the C API libraries and headers');
    const unpacked = join(work, 'unpacked');
    run('python3', ['-c', unpackScript, downloaded, unpacked, ...members], 'unpacking the wheel', 10 * 60_000);
    for (const file of libraryFiles) if (!existsSync(join(unpacked, 'tensorflow', file))) throw new Error(`the wheel has no tensorflow/${file}`);
    writeFileSync(join(unpacked, '.complete'), `${wheel.file}\n`);
    rmSync(home, { recursive: true, force: true });
    renameSync(unpacked, home);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return located;
}
