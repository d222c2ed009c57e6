import type { MemoryStateStore } from '@cascade/features';
import type { Meter } from '@opentelemetry/api';

/**
 * The memory store's applied-id tables, per entity kind: ids held, bytes, and the window they
 * actually cover (shorter than DEDUPE_WINDOW_MS once DEDUPE_MAX_IDS binds: redeliveries older than
 * it are applied again).
 */
export function observeDedupe(meter: Meter, store: MemoryStateStore): void {
  const ids = meter.createObservableGauge('cascade.feature.dedupe_ids', { description: 'Applied event ids remembered for dedupe, per entity kind' });
  const bytes = meter.createObservableGauge('cascade.feature.dedupe_bytes', { description: 'Memory of the applied-id tables, per entity kind', unit: 'By' });
  const window = meter.createObservableGauge('cascade.feature.dedupe_window', {
    description: 'Event time the applied ids cover, per entity kind: the configured window, or less once the id cap binds',
    unit: 'ms',
  });
  const forgotten = meter.createObservableCounter('cascade.feature.dedupe_forgotten_early', { description: 'Ids dropped by the cap before their window ended, per entity kind' });
  meter.addBatchObservableCallback(
    (result) => {
      for (const [kind, stats] of Object.entries(store.dedupeStats())) {
        const attributes = { kind };
        result.observe(ids, stats.ids, attributes);
        result.observe(bytes, stats.bytes, attributes);
        if (Number.isFinite(stats.effectiveWindowMs)) result.observe(window, stats.effectiveWindowMs, attributes);
        result.observe(forgotten, stats.forgottenEarly, attributes);
      }
    },
    [ids, bytes, window, forgotten],
  );
}
