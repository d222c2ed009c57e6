import { escapeHtml, formatMs, formatNumber } from './escape-html';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('formatNumber', () => {
  it('keeps integers and gives others a few significant digits', () => {
    expect(formatNumber(12)).toBe('12');
    expect(formatNumber(0.123456)).toBe('0.123');
    expect(formatNumber(1.23456)).toBe('1.23');
    expect(formatNumber(-0.5)).toBe('-0.500');
    expect(formatNumber(1234.5)).toBe('1235');
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatMs(3.14159)).toBe('3.1 ms');
  });
});
