import { GetFeaturesResponse } from '@cascade/contracts';
import { adaptToSession, recentCreatorSentiment } from './session-adaptation';

const features = (creators: string[], types: string[]) =>
  GetFeaturesResponse.fromPartial({
    userFeatures: [
      { name: 'user_history_creator_ids', idLists: [{ ids: creators }] },
      { name: 'user_history_types', idLists: [{ ids: types }] },
    ],
  });

describe('session adaptation', () => {
  it('sums recent sentiment per creator within the window', () => {
    const sentiment = recentCreatorSentiment(features(['a', 'b', 'a', 'c', 'a'], ['like', 'hide', 'skip', 'share', 'like']), 4);
    expect(Object.fromEntries(sentiment)).toEqual({ a: 0.5, b: -3, c: 1.5 });
  });

  it('raises positive tasks and lowers negative ones for a liked creator, the reverse for a hidden one, bounded', () => {
    const scores = { like: 0.1, complete: 0.4, skip: 0.4, hide: 0.02, watch_ratio: 0.7 };
    const liked = adaptToSession(scores, 2, 0.25);
    expect(liked['like']).toBeCloseTo(0.1 * Math.exp(0.5), 12);
    expect(liked['skip']).toBeCloseTo(0.4 / Math.exp(0.5), 12);
    expect(liked['watch_ratio']).toBe(0.7);
    const hidden = adaptToSession(scores, -30, 0.25);
    expect(hidden['like']).toBeCloseTo(0.1 / 4, 12);
    expect(hidden['hide']).toBeCloseTo(0.08, 12);
    expect(adaptToSession(scores, 0, 0.25)).toEqual(scores);
    expect(adaptToSession({ like: 0.9 }, 10, 1)['like']).toBe(1);
  });
});
