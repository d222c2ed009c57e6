import type { ApplyResult, EntityMutation, EntityRef, EntitySnapshot, StateStore } from '@cascade/features';

export type StoreTimer = (operation: 'apply' | 'read', durationMs: number, store: string) => void;

/** Records the duration of every store call (reads for GetFeatures and ingestion alike). */
export class TimedStateStore implements StateStore {
  readonly kind: string;

  constructor(
    private readonly inner: StateStore,
    private readonly record: StoreTimer,
  ) {
    this.kind = inner.kind;
  }

  async apply(mutations: readonly EntityMutation[]): Promise<ApplyResult> {
    const started = performance.now();
    try {
      return await this.inner.apply(mutations);
    } finally {
      this.record('apply', performance.now() - started, this.kind);
    }
  }

  async read(entities: readonly EntityRef[]): Promise<(EntitySnapshot | undefined)[]> {
    const started = performance.now();
    try {
      return await this.inner.read(entities);
    } finally {
      this.record('read', performance.now() - started, this.kind);
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
