import type { EventErrorKind } from './errors';

export interface AppliedSample {
  topic: string;
  partition: number;
  /** Events handed to the handler and applied. */
  count: number;
  /** Handler time for them, ms. */
  durationMs: number;
}

export interface DeadLetterSample {
  topic: string;
  partition: number;
  offset: string;
  kind: EventErrorKind;
  error: string;
}

export interface LagSample {
  topic: string;
  partition: number;
  /** Records after the last applied one: high watermark − next offset. */
  lag: number;
}

/** Optional hooks for metrics exporters (OpenTelemetry wiring lives with the services). */
export interface ConsumerMetricsListener {
  onApplied?(sample: AppliedSample): void;
  onDeadLetter?(sample: DeadLetterSample): void;
  onLag?(sample: LagSample): void;
}

/** Running totals of one consumer, as returned by `EventConsumer.stats()`. */
export interface ConsumerStats {
  applied: number;
  deadLettered: { decode: number; validation: number };
  batches: number;
  /** Latest lag seen per partition. */
  lagByPartition: Record<number, number>;
}

export function emptyStats(): ConsumerStats {
  return { applied: 0, deadLettered: { decode: 0, validation: 0 }, batches: 0, lagByPartition: {} };
}
