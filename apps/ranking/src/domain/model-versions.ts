import type { ActiveModel, LoadedRanker } from './active-model';

export interface SelectedModel {
  loaded: LoadedRanker | undefined;
  /** Set when the requested version could not be served and LATEST answered instead. */
  fallbackReason?: string;
}

/**
 * Serves LATEST, or the version a request asks for (an experiment pinning a model): pinned
 * versions are loaded on first use and kept in a small LRU; one that cannot load is reported and
 * LATEST answers, and the failure is remembered for a while so it is not retried on every request.
 */
export class ModelVersions {
  private readonly pinned = new Map<string, Promise<LoadedRanker>>();
  private readonly failedUntil = new Map<string, number>();

  constructor(
    private readonly latest: ActiveModel,
    private readonly loadVersion: (version: string) => Promise<LoadedRanker>,
    private readonly options: { maxPinned: number; retryAfterMs: number; dispose: (ranker: LoadedRanker) => void },
  ) {}

  async select(requested: string): Promise<SelectedModel> {
    const latest = this.latest.loaded;
    if (!requested || requested === latest?.manifest.version) return { loaded: latest };
    if ((this.failedUntil.get(requested) ?? 0) > Date.now()) return { loaded: latest, fallbackReason: `model version ${requested} unavailable: served ${latest?.manifest.version ?? 'heuristic'}` };
    let loading = this.pinned.get(requested);
    if (loading) {
      this.pinned.delete(requested);
      this.pinned.set(requested, loading);
    } else {
      loading = this.loadVersion(requested);
      this.pinned.set(requested, loading);
      this.evict();
    }
    try {
      return { loaded: await loading };
    } catch (error) {
      this.pinned.delete(requested);
      this.failedUntil.set(requested, Date.now() + this.options.retryAfterMs);
      return { loaded: latest, fallbackReason: `model version ${requested} unavailable (${error instanceof Error ? error.message : String(error)}): served ${latest?.manifest.version ?? 'heuristic'}` };
    }
  }

  private evict(): void {
    while (this.pinned.size > this.options.maxPinned) {
      const [version, oldest] = this.pinned.entries().next().value as [string, Promise<LoadedRanker>];
      this.pinned.delete(version);
      // Requests already holding it finish first; the weights are released later.
      void oldest.then((ranker) => setTimeout(() => this.options.dispose(ranker), 30_000).unref(), () => undefined);
    }
  }
}
