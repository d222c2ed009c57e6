// Synthetic candidates for the blending benchmark: what retrieval and ranking would hand blending
// for one request (sources, creators with a few prolific ones, categories, some fresh uploads).
import { Candidate, Source } from '@cascade/contracts';

const HOUR = 3_600_000;
const sources = [Source.SOURCE_TWO_TOWER, Source.SOURCE_ITEM_TO_ITEM, Source.SOURCE_TRENDING, Source.SOURCE_FRESH, Source.SOURCE_FOLLOWING, Source.SOURCE_POPULAR];

/** A small deterministic generator (mulberry32). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` retrieved candidates, best retrieval score first; about 5% uploaded within the last day. */
export function retrievedCandidates(count: number, nowMs: number, seed: number): Candidate[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const first = sources[Math.floor(random() * sources.length)]!;
    const second = random() < 0.2 ? sources[Math.floor(random() * sources.length)]! : undefined;
    const score = 1 - i / count;
    return Candidate.fromPartial({
      itemId: `item-${seed}-${i}`,
      // Squaring skews creators: a few have many candidates, so the creator cap has work to do.
      creatorId: `creator-${Math.floor(random() ** 2 * 300)}`,
      categories: [`cat${Math.floor(random() * 60)}`, `cat${Math.floor(random() * 60)}`],
      sources: [{ source: first, score }, ...(second !== undefined && second !== first ? [{ source: second, score: score / 2 }] : [])],
      createdAtMs: random() < 0.05 ? nowMs - random() * 20 * HOUR : nowMs - (1 + random() * 60) * 24 * HOUR,
      durationMs: 5_000 + Math.floor(random() * 55_000),
      language: 'en',
      country: 'US',
      retrievalScore: score,
    });
  });
}

/** The first `count` candidates with a prediction for every task, as the ranker returns them. */
export function rankedCandidates(retrieved: readonly Candidate[], count: number, tasks: readonly string[], seed: number): Candidate[] {
  const random = seeded(seed);
  return retrieved.slice(0, count).map((candidate) => ({ ...candidate, taskScores: Object.fromEntries(tasks.map((task) => [task, task === 'watch_ratio' ? random() * 1.5 : random() * 0.3])) }));
}
