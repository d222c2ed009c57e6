import { RetrieveRequest, Surface } from '@cascade/contracts';
import { AnnIndex, IndexHolder } from '@cascade/models';
import { hashString, Rng } from '@cascade/world';
import { deletionEvent, uploadEvent, withoutTimings } from '../../testing/retrieval-fixtures';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ItemCatalog } from '../catalog/item-catalog';
import { retrieve, RetrievalDependencies } from '../pipeline/retrieve-pipeline';
import { defaultSurfacePolicies } from '../pipeline/surface-policy';
import { CandidateSource, noUserSignals, SourceQuery, SourceResult, UserSignals } from '../sources/candidate-source';
import { ItemToItemSource } from '../sources/item-to-item-source';
import type { SourceName } from '../sources/source-names';
import { TwoTowerSource } from '../sources/two-tower-source';
import type { EmbeddingModel } from './embedding-model';
import { applyCatalogChange, LiveRetrievalModel, reconcileWithCatalog, towerInputOf } from './live-retrieval-model';

/*
 * ANN results resolve to catalogue records through the labels' keys (the items' catalogue slots)
 * instead of a lookup by id. These tests hold that resolution to the old one (by id, through the
 * map of every item) across deletes, re-uploads, label reuse and model swaps.
 */

const DIM = 8;

/** A fixed sequence in [0, 1) per seed. */
function seeded(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

/** A deterministic unit vector per string, in one of 6 clusters (so that neighbours are plentiful). */
function vectorOf(text: string, salt = 0): number[] {
  const random = seeded(hashString(text) + salt);
  const centre = seeded(hashString(text) % 6);
  const v = Array.from({ length: DIM }, () => centre() * 2 - 1 + (random() * 2 - 1) * 0.6);
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

/** Towers of a model version: the version salts the item vectors, so two versions rank differently. */
function modelFor(version: string): EmbeddingModel {
  const salt = hashString(version);
  return {
    dim: DIM,
    encodeItems: (items) => Float32Array.from(items.flatMap((item) => vectorOf(item.itemId, salt))),
    encodeUsers: (users) => Float32Array.from(users.flatMap((user) => vectorOf(`${user.userId}|${user.history.slice(0, 2).join()}`, salt))),
  };
}

const upload = (itemId: string, eventTimeMs: number) => uploadEvent(itemId, eventTimeMs);
const deletion = deletionEvent;

/** The ANN sources as they were before labels carried slots: ids only, so the filters look each one up by id. */
function sourcesResolvingById(holder: IndexHolder<LiveRetrievalModel>, catalog: ItemCatalog): CandidateSource[] {
  const twoTower: CandidateSource = {
    source: new TwoTowerSource(holder, 0).source,
    name: 'two_tower',
    needsUserSignals: true,
    retrieve(query: SourceQuery): SourceResult {
      const live = holder.current()!;
      const engaged = new Set(query.user.historyItemIds);
      const userVector = live.model.encodeUsers([{ userId: query.userId, history: query.user.positiveItemIds, context: { surface: 'spotlight', timeMs: query.nowMs } }]);
      const found = live.index.search(userVector, query.quota + engaged.size, { ef: Math.max(100, query.quota + engaged.size) });
      const candidates = [];
      for (let i = 0; i < found.ids.length && candidates.length < query.quota; i++) {
        if (!engaged.has(found.ids[i]!)) candidates.push({ itemId: found.ids[i]!, score: found.scores[i]! });
      }
      return { candidates, modelVersions: { 'two-tower': live.version } };
    },
  };
  const itemToItem: CandidateSource = {
    source: new ItemToItemSource(holder, catalog, { seeds: 0, ef: 0, recencyDecay: 0 }).source,
    name: 'item_to_item',
    needsUserSignals: true,
    retrieve(query: SourceQuery): SourceResult {
      const live = holder.current()!;
      const seeds = query.user.positiveItemIds
        .slice(0, 3)
        .map((id) => catalog.get(id))
        .filter((item) => item !== undefined);
      if (seeds.length === 0) return { candidates: [], modelVersions: { 'two-tower': live.version } };
      const engaged = new Set(query.user.historyItemIds);
      const perSeed = Math.ceil(query.quota / seeds.length) + 1 + engaged.size;
      const results = live.index.searchBatch(live.model.encodeItems(seeds.map(towerInputOf)), perSeed, { ef: Math.max(100, perSeed) });
      const best = new Map<string, number>();
      results.forEach((result, seed) => {
        const discount = 0.9 ** seed;
        result.ids.forEach((id, i) => {
          if (engaged.has(id)) return;
          const score = result.scores[i]! * discount;
          if (score > (best.get(id) ?? -Infinity)) best.set(id, score);
        });
      });
      const candidates = [...best].sort((a, b) => b[1] - a[1]).slice(0, query.quota).map(([itemId, score]) => ({ itemId, score }));
      return { candidates, modelVersions: { 'two-tower': live.version } };
    },
  };
  return [twoTower, itemToItem];
}


describe('ANN labels resolve to catalogue records by slot', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cascade-label-resolution-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers Retrieve exactly as resolving by id did, on a random catalogue with uploads, deletes, re-uploads and a model swap', async () => {
    const random = seeded(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const catalog = new ItemCatalog();
    let clock = 1;
    const known: string[] = [];
    for (let i = 0; i < 300; i++) {
      known.push(`item-${i}`);
      catalog.apply(upload(`item-${i}`, clock++));
    }
    const v1: LiveRetrievalModel = { version: 'v1', model: modelFor('v1'), index: AnnIndex.create(DIM, { modelVersion: 'v1' }) };
    await reconcileWithCatalog(v1, catalog.liveItems(), catalog.deletedIds(), 64);
    const holder = new IndexHolder(v1);

    const bySlot = new Map<SourceName, CandidateSource>([
      ['two_tower', new TwoTowerSource(holder, 100)],
      ['item_to_item', new ItemToItemSource(holder, catalog, { seeds: 3, ef: 100, recencyDecay: 0.9 })],
    ]);
    const [oldTwoTower, oldItemToItem] = sourcesResolvingById(holder, catalog);
    const byId = new Map<SourceName, CandidateSource>([
      ['two_tower', oldTwoTower!],
      ['item_to_item', oldItemToItem!],
    ]);
    const users: UserSignals[] = [];
    const deps = (sources: ReadonlyMap<SourceName, CandidateSource>): RetrievalDependencies => ({
      catalog,
      sources,
      policies: defaultSurfacePolicies,
      blockedCreatorIds: new Set(['cr-3']),
      userSignals: async (userId) => users[Number(userId.slice(1))]!,
      now: () => clock,
    });
    const signal = new AbortController().signal;
    let compared = 0;
    const compare = async () => {
      users.length = 0;
      for (let u = 0; u < 12; u++) {
        const history = Array.from({ length: 8 }, () => pick(known));
        users.push({ ...noUserSignals, positiveItemIds: history.slice(0, 4), historyItemIds: history, seenItemIds: [pick(known), pick(known)], negativeItemIds: u % 3 === 0 ? [pick(known)] : [] });
      }
      for (let u = 0; u < users.length; u++) {
        for (const surface of [Surface.SURFACE_SPOTLIGHT, Surface.SURFACE_DISCOVER]) {
          const request = RetrieveRequest.fromPartial({ userId: `u${u}`, surface, k: 60, excludeItemIds: [pick(known)], context: { locale: 'en-US' }, debug: u === 0 });
          const expected = await retrieve(request, deps(byId), signal);
          const actual = await retrieve(request, deps(bySlot), signal);
          expect(withoutTimings(actual).candidates).toEqual(withoutTimings(expected).candidates);
          expect({ ...withoutTimings(actual), funnel: [] }).toEqual({ ...withoutTimings(expected), funnel: [] });
          expect(actual.candidates.length).toBeGreaterThan(0);
          compared++;
        }
      }
    };

    const step = () => {
      const roll = random();
      let change;
      if (roll < 0.35) {
        const itemId = `new-${clock}`;
        known.push(itemId);
        change = catalog.apply(upload(itemId, clock++));
      } else if (roll < 0.65) {
        change = catalog.apply(deletion(pick(known), clock++));
      } else if (roll < 0.85) {
        change = catalog.apply(upload(pick(known), clock++)); // re-upload (of a deleted item, often)
      } else {
        change = catalog.apply(upload(pick(known), clock - 50)); // late, often stale
      }
      applyCatalogChange(holder.current()!, change);
    };

    await compare();
    for (let i = 0; i < 200; i++) step();
    await compare();

    // A new model version, trained on a snapshot with items the catalogue has since deleted and
    // items it never heard of, saved and loaded (keys are not saved), then reconciled and swapped in.
    const trainedIds = [...known.slice(0, 250), 'ghost-1', 'ghost-2'];
    const v2Model = modelFor('v2');
    const built = AnnIndex.create(DIM, { modelVersion: 'v2' });
    trainedIds.forEach((itemId) => built.upsert(itemId, v2Model.encodeItems([{ itemId, categories: [], durationMs: 0, createdAtMs: 0, language: '', country: '', creatorId: '' }])));
    await built.save(dir);
    const v2: LiveRetrievalModel = { version: 'v2', model: v2Model, index: await AnnIndex.load(dir) };
    await reconcileWithCatalog(v2, catalog.liveItems(), catalog.deletedIds(), 64);
    expect(holder.swap(v2)).toBe(v1);
    for (let i = 0; i < 200; i++) step();
    await compare();
    expect(compared).toBe(72);
  });

  it('never returns a deleted item through the label its replacement reuses, before or after a model swap', async () => {
    const catalog = new ItemCatalog();
    ['a', 'b', 'c', 'd'].forEach((itemId, i) => catalog.apply(upload(itemId, i + 1)));
    const live: LiveRetrievalModel = { version: 'v1', model: modelFor('v1'), index: AnnIndex.create(DIM, { modelVersion: 'v1' }) };
    await reconcileWithCatalog(live, catalog.liveItems(), catalog.deletedIds());
    const holder = new IndexHolder(live);
    const source = new TwoTowerSource(holder, 100);
    // The two-tower source's candidates carry their catalogue slots.
    const everything = (userId: string) => source.retrieve({ userId, surface: Surface.SURFACE_SPOTLIGHT, country: '', language: '', nowMs: 0, user: noUserSignals, quota: 100, signal: new AbortController().signal });
    const resolved = (result: SourceResult) => result.candidates.map((c) => [c.itemId, catalog.getAt(c.slot!, c.itemId)?.itemId ?? null, c.slot === catalog.slotOf(c.itemId)]);

    expect(resolved(everything('u')).sort()).toEqual([
      ['a', 'a', true],
      ['b', 'b', true],
      ['c', 'c', true],
      ['d', 'd', true],
    ]);

    const bSlot = catalog.slotOf('b')!;
    applyCatalogChange(live, catalog.apply(deletion('b', 10)));
    applyCatalogChange(live, catalog.apply(upload('e', 11))); // takes b's label in the index
    expect(catalog.slotOf('e')).not.toBe(bSlot);
    const afterDelete = everything('u');
    expect(afterDelete.candidates.map((c) => c.itemId).sort()).toEqual(['a', 'c', 'd', 'e']);
    expect(resolved(afterDelete).every(([itemId, item, sameSlot]) => itemId === item && sameSlot)).toBe(true);
    // A candidate found before the delete still carries b's slot: it resolves to b, now deleted.
    expect(catalog.getAt(bSlot, 'b')).toBeUndefined();

    applyCatalogChange(live, catalog.apply(upload('b', 12))); // re-upload: same catalogue slot, a new label
    expect(catalog.slotOf('b')).toBe(bSlot);
    expect(resolved(everything('u')).sort()).toEqual([
      ['a', 'a', true],
      ['b', 'b', true],
      ['c', 'c', true],
      ['d', 'd', true],
      ['e', 'e', true],
    ]);

    // A model swap: the new index is built from its own training ids (labels unrelated to v1's).
    const v2: LiveRetrievalModel = { version: 'v2', model: modelFor('v2'), index: AnnIndex.create(DIM, { modelVersion: 'v2' }) };
    ['d', 'c', 'ghost', 'b', 'a'].forEach((itemId) => v2.index.upsert(itemId, v2.model.encodeItems([{ itemId, categories: [], durationMs: 0, createdAtMs: 0, language: '', country: '', creatorId: '' }])));
    applyCatalogChange(live, catalog.apply(deletion('a', 13))); // while v2 loads
    expect(await reconcileWithCatalog(v2, catalog.liveItems(), catalog.deletedIds())).toBe(1); // e
    holder.swap(v2);
    const afterSwap = everything('u');
    expect(afterSwap.modelVersions).toEqual({ 'two-tower': 'v2' });
    expect(afterSwap.candidates.map((c) => c.itemId).sort()).toEqual(['b', 'c', 'd', 'e', 'ghost']);
    const ghost = afterSwap.candidates.find((c) => c.itemId === 'ghost')!;
    expect(ghost.slot).toBe(-1); // unknown to the catalogue: no key, resolved by id (and filtered as unavailable)
    expect(resolved(afterSwap).filter(([itemId]) => itemId !== 'ghost').every(([itemId, item, sameSlot]) => itemId === item && sameSlot)).toBe(true);

    // The catalogue learns of the ghost item: it gets a slot and the live index its key.
    applyCatalogChange(v2, catalog.apply(upload('ghost', 14)));
    const known = everything('u').candidates.find((c) => c.itemId === 'ghost')!;
    expect(known.slot).toBe(catalog.slotOf('ghost'));
    expect(catalog.getAt(known.slot!, 'ghost')?.itemId).toBe('ghost');
  });
});
