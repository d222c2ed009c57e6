import type { Candidate } from '@cascade/contracts';

/**
 * The last popular list retrieval gave, kept for when retrieval cannot answer. Refreshed in the
 * background; serving from it never waits on anything.
 */
export class PopularCache {
  private candidates: readonly Candidate[] = [];
  private refreshedAtMs = 0;

  get(): readonly Candidate[] {
    return this.candidates;
  }

  get ageMs(): number {
    return this.refreshedAtMs === 0 ? Infinity : Date.now() - this.refreshedAtMs;
  }

  update(candidates: readonly Candidate[]): void {
    if (candidates.length === 0) return;
    this.candidates = candidates;
    this.refreshedAtMs = Date.now();
  }
}
