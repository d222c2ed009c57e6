import { Source } from '@cascade/contracts';
import { explain } from './explanations';

const NOW = Date.UTC(2026, 10, 25);

describe('explain', () => {
  const base = { sources: [Source.SOURCE_FOLLOWING], taskScores: {}, createdAtMs: NOW - 48 * 3_600_000, explored: false, pinned: false };

  it('names the best sources, what the ranker liked and freshness, in at most three parts', () => {
    expect(explain({ ...base, taskScores: { complete: 0.7 } }, NOW)).toBe('from creators you follow · high completion');
    expect(explain({ ...base, sources: [Source.SOURCE_TRENDING, Source.SOURCE_ITEM_TO_ITEM, Source.SOURCE_POPULAR], taskScores: { share: 0.2 }, createdAtMs: NOW - 1000 }, NOW)).toBe(
      'trending near you · similar to videos you liked · often shared',
    );
    expect(explain({ ...base, sources: [Source.SOURCE_FRESH], createdAtMs: NOW - 1000 }, NOW)).toBe('new upload');
  });

  it('marks exploration picks and pins', () => {
    expect(explain({ ...base, sources: [Source.SOURCE_FRESH], explored: true }, NOW)).toBe('new creator spotlight · new upload');
    expect(explain({ ...base, pinned: true }, NOW)).toBe('featured');
  });
});
