import { EngagementEvent, EngagementType, RetrieveRequest, Surface } from '@cascade/contracts';
import { Rng } from '@cascade/world';
import { deletionEvent, uploadEvent, withoutTimings } from '../../testing/retrieval-fixtures';
import { ItemCatalog } from '../catalog/item-catalog';
import { retrieve, RetrievalDependencies } from '../pipeline/retrieve-pipeline';
import { defaultSurfacePolicies } from '../pipeline/surface-policy';
import { EngagementTrends } from '../signals/engagement-trends';
import { CandidateSource, noUserSignals } from './candidate-source';
import { PopularSource } from './popular-source';
import type { SourceName } from './source-names';
import { TrendingSource } from './trending-source';

/*
 * Trending and popular candidates carry the items' catalogue slots (resolved when a top list is
 * served), so the filters reach their records without a lookup by id. Responses must not change.
 */

const options = { trendingHalfLifeMs: 3_600_000, popularHalfLifeMs: 86_400_000, maxItemsPerKey: 200, refreshMs: 50 };
const countries = ['US', 'BR', 'DE'];
const surfaces = [Surface.SURFACE_SPOTLIGHT, Surface.SURFACE_DISCOVER, Surface.SURFACE_STORIES];

const upload = (itemId: string, eventTimeMs: number) => uploadEvent(itemId, eventTimeMs, { creators: 30, countries });


describe('trending and popular candidates resolve by catalogue slot', () => {
  it('answers Retrieve exactly as resolving by id does, with items deleted, re-uploaded and never uploaded', async () => {
    const rng = new Rng(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
    const catalog = new ItemCatalog();
    const withSlots = new EngagementTrends(options, (id) => catalog.slotOf(id));
    const byId = new EngagementTrends(options);
    const known = Array.from({ length: 400 }, (_, i) => `item-${i}`);
    let clock = 1_000;
    for (const id of known) catalog.apply(upload(id, clock++));

    const sourcesOf = (trends: EngagementTrends) =>
      new Map<SourceName, CandidateSource>([
        ['trending', new TrendingSource(trends)],
        ['popular', new PopularSource(trends, catalog)],
      ]);
    let user = noUserSignals;
    const deps = (sources: ReadonlyMap<SourceName, CandidateSource>): RetrievalDependencies => ({
      catalog,
      sources,
      policies: defaultSurfacePolicies,
      blockedCreatorIds: new Set(['cr-4']),
      userSignals: async () => user,
      now: () => clock,
    });
    const signal = new AbortController().signal;

    let withSlotsSeen = 0;
    for (let round = 0; round < 6; round++) {
      for (let e = 0; e < 500; e++) {
        const event = EngagementEvent.fromPartial({
          eventId: `e-${round}-${e}`,
          // Some engaged items were never uploaded (their content event is yet to come).
          itemId: rng.next() < 0.1 ? `unseen-${Math.floor(rng.next() * 50)}` : pick(known),
          userId: 'u',
          type: pick([EngagementType.ENGAGEMENT_TYPE_LIKE, EngagementType.ENGAGEMENT_TYPE_SHARE, EngagementType.ENGAGEMENT_TYPE_VIEW]),
          surface: pick(surfaces),
          country: pick(countries),
          eventTimeMs: clock++,
        });
        withSlots.apply(event);
        byId.apply(event);
      }
      // Deletes, re-uploads and first uploads of engaged items between rounds.
      for (let c = 0; c < 40; c++) {
        const roll = rng.next();
        const id = roll < 0.2 ? `unseen-${Math.floor(rng.next() * 50)}` : pick(known);
        catalog.apply(roll < 0.6 ? upload(id, clock++) : deletionEvent(id, clock++));
      }
      clock += 100; // past the refresh interval: top lists are recomputed (and their slots resolved again)
      for (const surface of surfaces) {
        for (const country of countries) {
          user = { ...noUserSignals, seenItemIds: [pick(known), pick(known)], negativeItemIds: [pick(known)] };
          const request = RetrieveRequest.fromPartial({ userId: 'u', surface, k: 120, excludeItemIds: [pick(known)], context: { country, locale: 'en-US' } });
          const expected = await retrieve(request, deps(sourcesOf(byId)), signal);
          const actual = await retrieve(request, deps(sourcesOf(withSlots)), signal);
          expect(withoutTimings(actual)).toEqual(withoutTimings(expected));
          expect(actual.candidates.length).toBeGreaterThan(0);
        }
      }
      for (const entry of [...withSlots.trendingFor(Surface.SURFACE_SPOTLIGHT, 'US', 50, clock), ...withSlots.popularItems(50, clock)]) {
        // A slot is the item's own (a wrong one would only cost a lookup by id, which the responses cannot show).
        expect(entry.slot).toBe(catalog.slotOf(entry.id) ?? -1);
        if (entry.slot! >= 0) withSlotsSeen++;
      }
    }
    // The slot path was taken, not only the fallback by id.
    expect(withSlotsSeen).toBeGreaterThan(100);
  });
});
