#!/usr/bin/env node
// Fails when proto/ breaks wire or source compatibility with the previous commit of main:
// the working tree against HEAD when proto/ has uncommitted changes, else HEAD against HEAD~1.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

function ok(...args) {
  try {
    git(...args);
    return true;
  } catch {
    return false;
  }
}

if (!ok('rev-parse', '--verify', 'HEAD')) {
  console.log('buf breaking: no commits yet, nothing to compare against.');
  process.exit(0);
}
const protoDirty = git('status', '--porcelain', '--', 'proto', 'buf.yaml') !== '';
const against = protoDirty ? 'HEAD' : 'HEAD~1';
if (!ok('rev-parse', '--verify', `${against}^{commit}`)) {
  console.log(`buf breaking: ${against} does not exist, nothing to compare against.`);
  process.exit(0);
}
if (!ok('cat-file', '-e', `${against}:buf.yaml`)) {
  console.log(`buf breaking: ${against} has no buf.yaml, nothing to compare against.`);
  process.exit(0);
}
const commit = git('rev-parse', against);
const input = protoDirty ? '.' : `.git#ref=${git('rev-parse', 'HEAD')}`;
console.log(`buf breaking: ${protoDirty ? 'working tree' : 'HEAD'} against ${against} (${commit.slice(0, 12)})`);
try {
  execFileSync(join(root, 'node_modules', '.bin', 'buf'), ['breaking', input, '--against', `.git#ref=${commit}`], {
    cwd: root,
    stdio: 'inherit',
  });
} catch {
  console.error('buf breaking: proto/ breaks compatibility (above). Add fields, never renumber or remove them.');
  process.exit(1);
}
console.log('buf breaking: compatible.');
