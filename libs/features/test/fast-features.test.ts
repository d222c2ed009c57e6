import { computeFeatures, featureRegistry, halfLifeNames, layout, selectFeatures, signals } from '../src';
import { randomSnapshots } from './support/random-snapshots';
import { seededRandom } from './support/seeded-random';
import { referenceDecayed, referenceFeatures } from './support/reference-features';

const NOW = Date.UTC(2026, 10, 3, 12);
const numericWithSessionLists = [...featureRegistry.filter((f) => f.type === 'number').map((f) => f.name), 'user_history_creator_ids', 'user_history_types'];

describe('fast feature computation', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('equals the straightforward computation on randomized snapshots (seed %i)', (seed) => {
    const rand = seededRandom(seed);
    const { itemIds, snapshots } = randomSnapshots(rand, 60, NOW);
    for (const names of [[], numericWithSessionLists, ['cross_category_affinity_7d', 'creator_like_rate', 'item_categories']]) {
      const definitions = selectFeatures(names);
      const nowMs = NOW + Math.floor(rand() * 3_600_000);
      expect(computeFeatures('u1', itemIds, definitions, snapshots, nowMs)).toEqual(referenceFeatures('u1', itemIds, definitions, snapshots, nowMs));
    }
  });

  it('gives the same values when the same snapshots are read again at another time', () => {
    const { itemIds, snapshots } = randomSnapshots(seededRandom(42), 40, NOW);
    const definitions = selectFeatures([]);
    for (const nowMs of [NOW, NOW + 1, NOW + 86_400_000, NOW]) {
      expect(computeFeatures('u1', itemIds, definitions, snapshots, nowMs)).toEqual(referenceFeatures('u1', itemIds, definitions, snapshots, nowMs));
    }
  });

  it('reads each counter feature from the `<signal>.<halfLife>` counter of its entity', () => {
    const { itemIds, snapshots } = randomSnapshots(seededRandom(9), 30, NOW);
    const names = signals.flatMap((signal) => halfLifeNames.map((halfLife) => `item_${signal}_${halfLife}`));
    const computed = computeFeatures('u1', itemIds, selectFeatures(names), snapshots, NOW);
    itemIds.forEach((id, row) => {
      const snapshot = snapshots.items.get(id);
      const known = snapshot !== undefined && (Object.keys(snapshot.counters).length > 0 || Object.keys(snapshot.registers).length > 0);
      const expected = referenceDecayed(snapshot?.counters ?? {}, layout.counterPrefix, NOW);
      signals.forEach((signal, s) =>
        halfLifeNames.forEach((halfLife, h) => {
          const column = computed.itemFeatures[s * halfLifeNames.length + h]!;
          expect(column.numbers[row]).toBe(known ? (expected.get(`${signal}.${halfLife}`) ?? 0) : 0);
        }),
      );
    });
  });
});
