import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InteractionDatasetBuilder } from './dataset-builder';
import { datasetPath } from './datasets-dir';
import type { InteractionDataset } from './interaction-dataset';

export const KUAIREC_POSITIVE_RULE = 'label 1.00 in the files is a positive, 0.00 an explicit negative (shown, not liked), as prepared by the SIGformer authors';
export const KUAIREC_SPLIT_PROTOCOL = "predefined: the files' own train.txt / valid.txt / test.txt (SIGformer subsample of the KuaiRec small matrix; no timestamps)";

const PARTS = ['train', 'valid', 'test'] as const;

/** Appends `user item label` lines and returns their row indices. */
export function addKuaiRecLines(builder: InteractionDatasetBuilder, text: string, file = 'KuaiRec'): Int32Array {
  const rows: number[] = [];
  for (const [n, line] of text.split(/\r?\n/).entries()) {
    if (line.trim().length === 0) continue;
    const [user, item, label] = line.trim().split(/\s+/);
    const value = Number(label);
    if (user === undefined || item === undefined || !Number.isFinite(value)) throw new Error(`${file}:${n + 1}: expected "user item label", got "${line}"`);
    rows.push(builder.add({ user, item, label: value }));
  }
  return Int32Array.from(rows);
}

/**
 * The KuaiRec small matrix, signed subsample (train/valid/test.txt): its own split becomes
 * `predefinedSplit`. User and item ids are the files' (0-based, re-indexed by the preparers) and
 * the catalogue is declared 0…items-1 from info.txt so that index = id. No timestamps exist.
 */
export async function readKuaiRecSmall(dir?: string): Promise<InteractionDataset> {
  const root = datasetPath('kuairec-small-matrix-signed-sigformer', dir);
  const [info, ...texts] = await Promise.all([
    readFile(join(root, 'info.txt'), 'utf8'),
    ...PARTS.map((part) => readFile(join(root, `${part}.txt`), 'utf8')),
  ]);
  const count = (key: string): number => Number(new RegExp(`^${key}\\s+(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  const builder = new InteractionDatasetBuilder();
  for (let u = 0; u < count('users'); u++) builder.addUser(String(u));
  for (let i = 0; i < count('items'); i++) builder.addItem(String(i));
  const [train, valid, test] = PARTS.map((part, p) => addKuaiRecLines(builder, texts[p]!, `${part}.txt`));
  return builder.build('kuairec-small', root, { train: train!, valid: valid!, test: test!, protocol: KUAIREC_SPLIT_PROTOCOL });
}
