#!/usr/bin/env node
// Bundles one app into dist/apps/<app>/main.js. Our libs are inlined; every npm dependency stays
// external so OpenTelemetry's require hooks can instrument it and native modules load as built.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const app = process.argv[2];
if (!app) {
  console.error('usage: bundle.mjs <app>');
  process.exit(2);
}
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys(rootPackage.dependencies ?? {}).flatMap((name) => [name, `${name}/*`]);
const outfile = join(root, 'dist', 'apps', app, 'main.js');

await build({
  entryPoints: [join(root, 'apps', app, 'src', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external,
  logLevel: 'warning',
});
console.log(`bundled ${app} → ${outfile}`);
