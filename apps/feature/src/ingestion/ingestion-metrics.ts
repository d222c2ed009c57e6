import type { ConsumerMetricsListener, DecodedEvent } from '@cascade/events';
import type { Meter } from '@opentelemetry/api';

/** Freshness and health of ingestion as OpenTelemetry instruments. */
export function ingestionMetrics(meter: Meter) {
  const eventToApply = meter.createHistogram('cascade.feature.event_to_apply', {
    description: 'Per applied batch, time from its oldest event’s event_time to the batch being applied',
    unit: 'ms',
  });
  const recordToApply = meter.createHistogram('cascade.feature.record_to_apply', {
    description: 'Per applied batch, time from its oldest record’s Kafka timestamp (produce time) to the batch being applied: the pipeline’s own delay',
    unit: 'ms',
  });
  const applied = meter.createCounter('cascade.feature.events_applied', { description: 'Events applied to the online store' });
  const duplicates = meter.createCounter('cascade.feature.mutations_duplicate', { description: 'Entity updates skipped because their event_id was already applied' });
  const deadLettered = meter.createCounter('cascade.feature.events_dead_lettered', { description: 'Events parked on a DLQ' });
  const storeLatency = meter.createHistogram('cascade.feature.store_latency', { description: 'Online store call duration', unit: 'ms' });
  const lag = new Map<string, number>();
  meter
    .createObservableGauge('cascade.feature.consumer_lag', { description: 'Records behind the high watermark, per partition' })
    .addCallback((result) => {
      for (const [key, value] of lag) {
        const [topic, partition] = key.split('|');
        result.observe(value, { topic, partition: Number(partition) });
      }
    });

  const listener: ConsumerMetricsListener = {
    onDeadLetter: (s) => deadLettered.add(1, { topic: s.topic, kind: s.kind }),
    onLag: (s) => lag.set(`${s.topic}|${s.partition}`, s.lag),
  };
  return {
    listener,
    recordApplied(topic: string, batch: readonly DecodedEvent<{ eventTimeMs: number }>[], duplicateCount: number, nowMs: number) {
      const attributes = { topic };
      applied.add(batch.length, attributes);
      if (duplicateCount > 0) duplicates.add(duplicateCount, attributes);
      // One sample per batch (its worst delay): recording every event cost a few percent of ingestion.
      let oldestEventMs = Infinity;
      let oldestRecordMs = Infinity;
      for (const { event, timestamp } of batch) {
        if (event.eventTimeMs > 0 && event.eventTimeMs < oldestEventMs) oldestEventMs = event.eventTimeMs;
        if (timestamp > 0 && timestamp < oldestRecordMs) oldestRecordMs = timestamp;
      }
      if (oldestEventMs !== Infinity) eventToApply.record(Math.max(0, nowMs - oldestEventMs), attributes);
      if (oldestRecordMs !== Infinity) recordToApply.record(Math.max(0, nowMs - oldestRecordMs), attributes);
    },
    recordStore(operation: 'apply' | 'read', durationMs: number, store: string) {
      storeLatency.record(durationMs, { operation, store });
    },
  };
}

export type IngestionMetrics = ReturnType<typeof ingestionMetrics>;
