import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { annIndexParamsSchema } from './ann-params';

/** The manifest is the commit point: it names the index and id files of one save. */
export const ANN_MANIFEST = 'ann.json';
const FILE_PATTERN = /^ann-[0-9a-f]+\.(index|ids\.json)$/;

export const annManifestSchema = z.object({
  format: z.literal(1),
  space: z.literal('ip'),
  dim: z.number().int().positive(),
  /** Live items. */
  count: z.number().int().nonnegative(),
  /** Labels in use or free (the native element count) and the allocated capacity. */
  labels: z.number().int().nonnegative(),
  capacity: z.number().int().positive(),
  params: annIndexParamsSchema,
  /** The model version whose item tower produced the vectors. */
  modelVersion: z.string(),
  savedAtMs: z.number().int().positive(),
  indexFile: z.string().regex(FILE_PATTERN),
  idsFile: z.string().regex(FILE_PATTERN),
});

export type AnnManifest = z.output<typeof annManifestSchema>;

export interface AnnFiles {
  manifest: AnnManifest;
  indexPath: string;
  idsByLabel: (string | null)[];
}

const idsSchema = z.array(z.string().nullable());

/**
 * Writes one save into `dir`: the native index and the id map under fresh names, then the
 * manifest naming them by temp file + rename, then removes the files of earlier saves. A reader
 * sees either the old save or the new one, never a mix; a crash leaves at most orphan files.
 */
export async function writeAnnFiles(
  dir: string,
  manifest: Omit<AnnManifest, 'indexFile' | 'idsFile'>,
  idsByLabel: readonly (string | null)[],
  writeIndex: (path: string) => Promise<unknown>,
): Promise<AnnManifest> {
  const token = randomBytes(6).toString('hex');
  const full = annManifestSchema.parse({ ...manifest, indexFile: `ann-${token}.index`, idsFile: `ann-${token}.ids.json` });
  await writeIndex(join(dir, full.indexFile));
  await writeFile(join(dir, full.idsFile), JSON.stringify(idsByLabel));
  const tmp = join(dir, `.${ANN_MANIFEST}.${token}`);
  await writeFile(tmp, JSON.stringify(full, null, 2));
  await rename(tmp, join(dir, ANN_MANIFEST));
  const stale = (await readdir(dir)).filter((name) => FILE_PATTERN.test(name) && name !== full.indexFile && name !== full.idsFile);
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
  return full;
}

export async function readAnnManifest(dir: string): Promise<AnnManifest> {
  return annManifestSchema.parse(JSON.parse(await readFile(join(dir, ANN_MANIFEST), 'utf8')));
}

export async function readAnnFiles(dir: string): Promise<AnnFiles> {
  const manifest = await readAnnManifest(dir);
  const idsByLabel = idsSchema.parse(JSON.parse(await readFile(join(dir, manifest.idsFile), 'utf8')));
  if (idsByLabel.length !== manifest.labels) throw new Error(`${manifest.idsFile} has ${idsByLabel.length} labels, the manifest says ${manifest.labels}`);
  return { manifest, indexPath: join(dir, manifest.indexFile), idsByLabel };
}

/** Bytes on disk of the save in `dir` (index + id map + manifest). */
export async function annFilesSize(dir: string): Promise<number> {
  const manifest = await readAnnManifest(dir);
  const sizes = await Promise.all([manifest.indexFile, manifest.idsFile, ANN_MANIFEST].map(async (name) => (await stat(join(dir, name))).size));
  return sizes.reduce((a, b) => a + b, 0);
}
