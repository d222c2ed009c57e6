import { barChart, histogramChart } from './svg-charts';

const widths = (svg: string, className: string) => [...svg.matchAll(new RegExp(`<rect class="${className}"[^>]* width="([\\d.]+)"`, 'g'))].map((m) => Number(m[1]));

describe('barChart', () => {
  it('draws every layer of every row on one scale, the longest across the whole bar area', () => {
    const svg = barChart(
      [
        { label: 'a', layers: [{ value: 100, className: 'bar-outline' }, { value: 50, className: 'bar' }], valueText: '50 of 100', attributes: { 'data-source': 'a' } },
        { label: 'b', layers: [{ value: 0, className: 'bar-outline' }, { value: 25, className: 'bar' }], valueText: '25' },
      ],
      'test chart',
    );
    expect(widths(svg, 'bar')).toEqual([230, 115]);
    expect(widths(svg, 'bar-outline')).toEqual([460, 0]);
    expect(svg).toContain('data-source="a"');
    expect(svg).toContain('aria-label="test chart"');
    expect(svg).toContain('>50 of 100</text>');
  });

  it('paints a layer in its own colour with an inline style, which the stylesheet cannot override', () => {
    const svg = barChart([{ label: 'a', layers: [{ value: 1, className: 'bar', color: '#123456' }], valueText: '1' }], 'c');
    expect(svg).toContain('<rect class="bar" x="250"');
    expect(svg).toContain('style="fill:#123456"');
  });

  it('escapes labels, values and attributes', () => {
    const svg = barChart([{ label: '<x>', layers: [{ value: 1, className: 'bar' }], valueText: '"q"', title: 'a&b', attributes: { 'data-x': '"><script>' } }], 'c');
    expect(svg).not.toMatch(/<x>|<script>/);
    expect(svg).toContain('&lt;x&gt;');
    expect(svg).toContain('&quot;q&quot;');
    expect(svg).toContain('<title>a&amp;b</title>');
  });
});

describe('histogramChart', () => {
  const histogram = { edges: [0, 1, 2, 3], counts: [2, 8, 4], count: 14, min: 0, max: 3, mean: 1.6, p50: 1.5 };

  it('draws one bucket per count, the tallest at full height, and marks median and mean', () => {
    const svg = histogramChart(histogram, 'scores');
    const heights = [...svg.matchAll(/<rect class="bucket"[^>]* height="([\d.]+)" data-count="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(heights).toEqual([
      [31, 2],
      [124, 8],
      [62, 4],
    ]);
    expect(svg).toContain('p50 1.50');
    expect(svg).toContain('mean 1.60');
  });

  it('puts both markers mid-plot when every score is the same', () => {
    const svg = histogramChart({ edges: [2, 2], counts: [5], count: 5, min: 2, max: 2, mean: 2, p50: 2 }, 'flat');
    expect(svg).toContain('<line class="median" x1="192.0"');
    expect(svg).toContain('data-count="5"');
  });
});
