import { describe, it, expect } from 'vitest';
import { indexingDirectives, renderIndexingDirectives } from './canonical-robots.js';
import { renderOpenGraph } from './open-graph.js';
import { renderJsonLd, scriptSafeJson } from './json-ld.js';
import { parseHtml, textContent } from '../testdata/dom.js';

describe('canonical and robots', () => {
  it('maps each policy', () => {
    expect(indexingDirectives('canonical-to-source', 'https://us/a', 'https://them/a')).toEqual({ canonical: 'https://them/a', robots: null });
    expect(indexingDirectives('noindex-news', 'https://us/a', 'https://them/a')).toEqual({ canonical: 'https://us/a', robots: 'noindex' });
    expect(indexingDirectives('index-self', 'https://us/a', 'https://them/a')).toEqual({ canonical: 'https://us/a', robots: null });
    expect(indexingDirectives('bogus' as never, 'https://us/a', 'https://them/a').robots).toBe('noindex');
  });

  it('renders escaped tags', () => {
    expect(renderIndexingDirectives({ canonical: 'https://us/a?b=1&c="2"', robots: 'noindex' }).value).toBe(
      '<link rel="canonical" href="https://us/a?b=1&amp;c=&quot;2&quot;">\n<meta name="robots" content="noindex">',
    );
  });
});

describe('Open Graph', () => {
  it('renders og, article and twitter tags, skipping the unknown', () => {
    const dom = parseHtml(
      renderOpenGraph({ title: 'T "q"', description: 'D', url: 'https://us/a', siteName: 'S', image: null, publishedTime: '2023-01-01T00:00:00Z' }).value,
    );
    const og = (p: string) => dom.all(`meta[property="${p}"]`).map((m) => m.attribs.content);
    expect(og('og:title')).toEqual(['T "q"']);
    expect(og('og:type')).toEqual(['article']);
    expect(og('og:image')).toEqual([]);
    expect(og('article:published_time')).toEqual(['2023-01-01T00:00:00Z']);
    expect(og('article:modified_time')).toEqual([]);
    expect(dom.attr('meta[name="twitter:card"]', 'content')).toBe('summary_large_image');
  });
});

describe('JSON-LD escaping', () => {
  it.each(['</script><script>alert(1)</script>', '<!-- <script>', '\u2028\u2029', 'a & b > c'])('keeps %j inside the element and intact', (value) => {
    const json = scriptSafeJson({ value });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({ value });
    const dom = parseHtml(`<head>${renderJsonLd({ value }).value}</head>`);
    expect(dom.all('script')).toHaveLength(1);
    expect(JSON.parse(textContent(dom.one('script')))).toEqual({ value });
  });
});
