import { RecommendResponse } from '@cascade/contracts';
import { renderErrorPage, renderFormPage, renderResultPage } from './render-page';
import { sampleResponse } from './sample-response.fixture';

const query = { userId: 'u42', surface: 'spotlight', limit: 20 } as const;

describe('renderResultPage', () => {
  const html = renderResultPage(query, sampleResponse, 57.3);

  it('is one self-contained document: inline style, no scripts, no external references', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src="|href="http|url\(/i);
  });

  it('draws a section per part of the funnel, then the final list', () => {
    const order = ['id="request"', 'id="sources"', 'id="filters"', 'id="funnel"', 'id="timings"', 'id="scores"', 'id="final-list"'].map((id) => html.indexOf(id));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('carries the counts on each source bar, filter bar and stage', () => {
    expect(html).toContain('data-source="two_tower" data-quota="50" data-returned="50" data-kept="40" data-degraded="false"');
    expect(html).toContain('data-source="fresh" data-quota="10" data-returned="0" data-kept="0" data-degraded="true"');
    expect(html).toContain('data-stage="retrieval/filters" data-filter="seen" data-removed="12"');
    expect(html).toContain('data-stage="blending" data-count-in="45" data-count-out="2"');
    expect(html).toContain('degraded: deadline exceeded');
    expect(html).toContain('data-degraded-stage="retrieval"');
  });

  it('draws a histogram per scored stage and lists each item with sources, task scores and explanation', () => {
    expect(html.match(/<figure class="distribution"/g)).toHaveLength(2);
    expect(html).toContain('data-item-id="item-9" data-position="0"');
    expect(html).toContain('similar to videos you liked');
    expect(html).toContain('data-task="complete"');
    expect(html).toContain('>trending</span>');
    expect(html).toContain('ranker v7');
    expect(html).toContain('diversity = high');
  });

  it('escapes everything that came from the response', () => {
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('new upload &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('data-item-id="item-&lt;3&gt;"');
    expect(html).toContain('creator-&quot;q&quot;');
  });

  it('ends with the raw response as JSON, escaped', () => {
    const raw = /<pre id="raw-response">([^<]*)<\/pre>/.exec(html)?.[1] ?? '';
    const unescaped = raw.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(RecommendResponse.fromJSON(JSON.parse(unescaped))).toEqual(sampleResponse);
  });
});

describe('renderErrorPage and renderFormPage', () => {
  it('shows the gRPC status by name and code, the message escaped, and the form again', () => {
    const html = renderErrorPage({ ...query, userId: '<u>' }, '127.0.0.1:1', { code: 14, statusName: 'UNAVAILABLE', message: 'No connection <established>' });
    expect(html).toContain('Recommend failed: UNAVAILABLE (14)');
    expect(html).toContain('No connection &lt;established&gt;');
    expect(html).toContain('value="&lt;u&gt;"');
    expect(html).not.toContain('<u>');
  });

  it('shows the form, with why a submission was refused', () => {
    expect(renderFormPage()).toContain('<form method="get" action="/">');
    expect(renderFormPage()).not.toContain('id="error"');
    const refused = renderFormPage({ userId: '', surface: 'stories' }, 'user is required');
    expect(refused).toContain('<option value="stories" selected>');
    expect(refused).toContain('user is required');
  });
});
