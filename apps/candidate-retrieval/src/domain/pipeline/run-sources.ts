import type { CandidateSource, SourceQuery, SourceResult } from '../sources/candidate-source';

export interface SourceRun {
  source: CandidateSource;
  quota: number;
  timeoutMs: number;
}

export interface SourceOutcome {
  source: CandidateSource;
  quota: number;
  result: SourceResult;
  durationMs: number;
  /** Why the source returned nothing, when it failed or timed out. */
  error?: string;
}

class SourceTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
  }
}

/**
 * Runs every source at once, each bounded by its own timeout and the request's signal. A source
 * that throws, rejects or times out yields an empty result and its error: the others still count.
 */
export async function runSources(runs: readonly SourceRun[], query: Omit<SourceQuery, 'quota'>): Promise<SourceOutcome[]> {
  return Promise.all(
    runs.map(async ({ source, quota, timeoutMs }): Promise<SourceOutcome> => {
      const started = performance.now();
      const abort = new AbortController();
      const onRequestAbort = () => abort.abort(query.signal.reason);
      query.signal.addEventListener('abort', onRequestAbort, { once: true });
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            abort.abort(new SourceTimeout(timeoutMs));
            reject(new SourceTimeout(timeoutMs));
          }, timeoutMs);
        });
        const result = await Promise.race([Promise.resolve().then(() => source.retrieve({ ...query, quota, signal: abort.signal })), timeout]);
        return { source, quota, result: { ...result, candidates: result.candidates.slice(0, quota) }, durationMs: performance.now() - started };
      } catch (error) {
        return { source, quota, result: { candidates: [] }, durationMs: performance.now() - started, error: error instanceof Error ? error.message : String(error) };
      } finally {
        clearTimeout(timer);
        query.signal.removeEventListener('abort', onRequestAbort);
      }
    }),
  );
}
