import type { EngagementEvent } from '@cascade/contracts';
import type { ApplyResult, EntityMutation, EntityRef, EntitySnapshot, LogPosition, StateStore, UserStateLimits } from '@cascade/features';

export type StoreTimer = (operation: 'apply' | 'read', durationMs: number, store: string) => void;

/** Records the duration of every store call (reads for GetFeatures and ingestion alike). */
export class TimedStateStore implements StateStore {
  readonly kind: string;
  readonly applyEngagements?: (events: readonly EngagementEvent[], limits: UserStateLimits, sources?: readonly LogPosition[]) => Promise<ApplyResult>;

  constructor(
    private readonly inner: StateStore,
    private readonly record: StoreTimer,
  ) {
    this.kind = inner.kind;
    const applyEngagements = inner.applyEngagements?.bind(inner);
    if (applyEngagements) this.applyEngagements = (events, limits, sources) => this.timed('apply', () => applyEngagements(events, limits, sources));
  }

  apply(mutations: readonly EntityMutation[]): Promise<ApplyResult> {
    return this.timed('apply', () => this.inner.apply(mutations));
  }

  read(entities: readonly EntityRef[]): Promise<(EntitySnapshot | undefined)[]> {
    return this.timed('read', () => this.inner.read(entities));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async timed<T>(operation: 'apply' | 'read', call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await call();
    } finally {
      this.record(operation, performance.now() - started, this.kind);
    }
  }
}
