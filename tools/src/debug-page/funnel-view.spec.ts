import { RecommendResponse } from '@cascade/contracts';
import { funnelView } from './funnel-view';
import { sampleResponse } from './sample-response.fixture';

describe('funnelView', () => {
  it('reads each retrieval source with its quota, what it returned and what survived the filters', () => {
    expect(funnelView(sampleResponse).sources).toEqual([
      { source: 'two_tower', quota: 50, returned: 50, kept: 40, durationMs: 4.2, degraded: false, degradedReason: '' },
      { source: 'trending', quota: 20, returned: 18, kept: 9, durationMs: 1.1, degraded: false, degradedReason: '' },
      { source: 'fresh', quota: 10, returned: 0, kept: 0, durationMs: 30, degraded: true, degradedReason: 'deadline exceeded' },
    ]);
  });

  it('lists every filter that removed something, stage by stage', () => {
    expect(funnelView(sampleResponse).filters).toEqual([
      { stage: 'retrieval/filters', filter: 'creator_cap', removed: 3 },
      { stage: 'retrieval/filters', filter: 'seen', removed: 12 },
      { stage: 'blending', filter: 'duplicate', removed: 1 },
    ]);
  });

  it('keeps every stage in order and the stages that carry a histogram', () => {
    const view = funnelView(sampleResponse);
    expect(view.stages.map((s) => s.stage)).toEqual(['retrieval/two_tower', 'retrieval/trending', 'retrieval/fresh', 'retrieval/merge', 'retrieval/filters', 'retrieval', 'ranking', 'blending']);
    expect(view.distributions.map((d) => [d.stage, d.histogram.count])).toEqual([
      ['ranking', 45],
      ['blending', 2],
    ]);
  });

  it('is empty for a response without debug', () => {
    expect(funnelView(RecommendResponse.fromPartial({ items: [] }))).toEqual({ sources: [], filters: [], stages: [], distributions: [] });
  });
});
