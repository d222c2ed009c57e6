import { AnnIndex, buildAnnIndex, PublishedModel, TwoTowerModel } from '@cascade/models';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ItemCatalog } from '../catalog/item-catalog';
import { LiveRetrievalModel, reconcileWithCatalog } from './live-retrieval-model';

export interface LoadedModelReport {
  version: string;
  /** Items in the index that came with the model version (saved index or training catalogue). */
  fromModel: number;
  /** Catalogue items encoded at load because the model version did not have them. */
  encodedAtLoad: number;
  indexSource: 'saved' | 'built';
  seconds: number;
}

/**
 * Makes a published two-tower version servable: its towers, and an index of every live catalogue
 * item — the index saved with the version when there is one (`<version>/ann`), else built from
 * the catalogue vectors it shipped — then brought up to date with the catalogue.
 */
export async function loadRetrievalModel(published: PublishedModel, catalog: ItemCatalog): Promise<{ live: LiveRetrievalModel; report: LoadedModelReport }> {
  const started = performance.now();
  if (published.manifest.kind !== 'two-tower') throw new Error(`model ${published.manifest.name}@${published.manifest.version} is a ${published.manifest.kind}, not a two-tower model`);
  const version = published.manifest.version;
  const model = await TwoTowerModel.load(published.dir);
  const annDir = join(published.dir, 'ann');
  const saved = existsSync(join(annDir, 'ann.json'));
  const index = saved
    ? await AnnIndex.load(annDir)
    : await buildAnnIndex({ ids: model.itemIds, vectors: model.itemVectors(), dim: model.config.dim }, { modelVersion: version });
  const fromModel = index.size;
  const live: LiveRetrievalModel = { version, model: { dim: model.config.dim, encodeUsers: (u) => model.encodeUsers(u), encodeItems: (i) => model.encodeItems(i) }, index };
  const encodedAtLoad = await reconcileWithCatalog(live, catalog.liveItems(), catalog.deletedIds());
  return { live, report: { version, fromModel, encodedAtLoad, indexSource: saved ? 'saved' : 'built', seconds: (performance.now() - started) / 1000 } };
}
