import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Environment variable that points every reader at another datasets folder. */
export const DATASETS_DIR_ENV = 'CASCADE_DATASETS_DIR';

/** The nearest ancestor of `from` that holds nx.json (the repository root), if any. */
function findRepoRoot(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The shared datasets folder, read in place and never copied into the repository:
 * `CASCADE_DATASETS_DIR` when set, else `../shared/datasets` from the repository root.
 */
export function defaultDatasetsDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env[DATASETS_DIR_ENV];
  if (configured) return resolve(configured);
  const root = findRepoRoot(process.cwd()) ?? findRepoRoot(__dirname) ?? process.cwd();
  return resolve(root, '..', 'shared', 'datasets');
}

/** `dir` when given, else `<default datasets dir>/<folder>`. */
export function datasetPath(folder: string, dir?: string): string {
  return dir ?? join(defaultDatasetsDir(), folder);
}
