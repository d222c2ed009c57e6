import { Candidate, RankResponse, RecommendRequest, RetrieveResponse, Source, Surface } from '@cascade/contracts';
import { recommend, Stages } from './recommend-pipeline';
import { defaultValueWeights } from './value-model';

const request = RecommendRequest.fromPartial({ userId: 'u1', surface: Surface.SURFACE_SPOTLIGHT, limit: 2, requestId: 'r1' });
const candidates: Candidate[] = ['a', 'b', 'c'].map((id, i) =>
  Candidate.fromPartial({ itemId: id, creatorId: `c-${id}`, retrievalScore: 3 - i, sources: [{ source: Source.SOURCE_TRENDING, score: 3 - i }] }),
);
const retrieved = RetrieveResponse.fromPartial({ candidates });
const down = () => Promise.reject(new Error('UNAVAILABLE'));
const options = { retrievalK: 100, valueWeights: defaultValueWeights };

describe('recommend pipeline', () => {
  it('orders ranked candidates by value and truncates to the limit', async () => {
    const stages: Stages = {
      retrieve: async () => retrieved,
      rank: async (r) =>
        RankResponse.fromPartial({
          candidates: r.candidates.map((c) => ({ ...c, taskScores: { like: c.itemId === 'c' ? 0.9 : 0.1, hide: c.itemId === 'a' ? 0.5 : 0 } })),
        }),
    };
    const response = await recommend(request, stages, options);
    expect(response.items.map((i) => i.itemId)).toEqual(['c', 'b']);
    expect(response.items.map((i) => i.position)).toEqual([0, 1]);
    expect(response.items[0]).toMatchObject({ source: Source.SOURCE_TRENDING, creatorId: 'c-c' });
    expect(response.degraded).toBe(false);
  });

  it('keeps retrieval order and says so when ranking is down', async () => {
    const degraded: string[] = [];
    const response = await recommend(request, { retrieve: async () => retrieved, rank: down }, { ...options, onDegraded: (s) => degraded.push(s) });
    expect(response.items.map((i) => i.itemId)).toEqual(['a', 'b']);
    expect(response).toMatchObject({ degraded: true, degradedStages: ['ranking'], requestId: 'r1' });
    expect(degraded).toEqual(['ranking']);
  });

  it('answers, degraded, when retrieval is down', async () => {
    const rank = jest.fn(down);
    const response = await recommend(request, { retrieve: down, rank }, options);
    expect(response).toMatchObject({ items: [], degraded: true, degradedStages: ['retrieval'] });
    expect(rank).not.toHaveBeenCalled();
  });

  it('passes degradation reported by a stage through', async () => {
    const response = await recommend(
      request,
      { retrieve: async () => retrieved, rank: async (r) => RankResponse.fromPartial({ candidates: r.candidates, degraded: true }) },
      options,
    );
    expect(response.degradedStages).toEqual(['ranking']);
  });
});
