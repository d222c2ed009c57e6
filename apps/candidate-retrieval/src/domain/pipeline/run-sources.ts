import { CandidateSource, noUserSignals, SourceQuery, SourceResult, UserSignals } from '../sources/candidate-source';

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

/**
 * Runs the sources that do not read the user's signals while those are still being fetched, and
 * the others once they arrive. Outcomes come back in the order of `runs`, as from runSources.
 */
export async function runSourcesAlongsideUserSignals(
  runs: readonly SourceRun[],
  query: Omit<SourceQuery, 'quota' | 'user'>,
  user: Promise<UserSignals>,
): Promise<SourceOutcome[]> {
  const independent = runs.filter((run) => !run.source.needsUserSignals);
  const dependent = runs.filter((run) => run.source.needsUserSignals);
  const early = runSources(independent, { ...query, user: noUserSignals });
  const late = dependent.length > 0 ? runSources(dependent, { ...query, user: await user }) : Promise.resolve([]);
  const [earlyOutcomes, lateOutcomes] = await Promise.all([early, late]);
  const outcomeOf = new Map<SourceRun, SourceOutcome>();
  independent.forEach((run, i) => outcomeOf.set(run, earlyOutcomes[i]!));
  dependent.forEach((run, i) => outcomeOf.set(run, lateOutcomes[i]!));
  return runs.map((run) => outcomeOf.get(run)!);
}
