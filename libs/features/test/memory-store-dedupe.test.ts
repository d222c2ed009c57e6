import { EntityMutation, item, MemoryStateStore } from '../src';

const T0 = Date.UTC(2026, 10, 1);
const HOUR = 3_600_000;

const add = (dedupeId: string, timeMs: number): EntityMutation => ({ entity: item('i1'), dedupeId, timeMs, ops: [{ kind: 'add', field: 'x', amount: 1 }] });

describe('MemoryStateStore dedupe memory', () => {
  it('remembers at most dedupeMaxIds ids per kind: the newest stay duplicates, the oldest are applied again, and the stats say so', () => {
    const store = new MemoryStateStore({ dedupeWindowMs: 6 * HOUR, dedupeMaxIds: 1_000 });
    const events = Array.from({ length: 5_000 }, (_, i) => add(`e${i}`, T0 + i));
    expect(store.applySync(events)).toEqual({ applied: 5_000, duplicates: 0 });

    expect(store.applySync(events.slice(-500))).toEqual({ applied: 0, duplicates: 500 });
    expect(store.applySync(events.slice(0, 100))).toEqual({ applied: 100, duplicates: 0 });

    const stats = store.dedupeStats().item;
    expect(stats.ids).toBeLessThanOrEqual(1_000);
    expect(stats.bytes).toBeLessThanOrEqual(2 * 1024 * 20);
    expect(stats.effectiveWindowMs).toBeLessThan(6 * HOUR);
    expect(stats.forgottenEarly).toBeGreaterThan(3_000);
    expect(store.dedupeStats().user).toEqual({ ids: 0, bytes: expect.any(Number), effectiveWindowMs: 6 * HOUR, forgottenEarly: 0 });
  });

  it('keeps every id of the window with the default cap, and forgets them all on close', async () => {
    const store = new MemoryStateStore({ dedupeWindowMs: 6 * HOUR });
    const events = Array.from({ length: 5_000 }, (_, i) => add(`e${i}`, T0 + i * 1000));
    store.applySync(events);
    expect(store.applySync(events)).toEqual({ applied: 0, duplicates: 5_000 });
    expect(store.dedupeStats().item).toMatchObject({ ids: 5_000, effectiveWindowMs: 6 * HOUR, forgottenEarly: 0 });
    await store.close();
    expect(store.dedupeStats().item.ids).toBe(0);
    expect(store.applySync(events.slice(0, 10))).toEqual({ applied: 10, duplicates: 0 });
  });
});
