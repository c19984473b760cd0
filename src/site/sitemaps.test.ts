import { describe, it, expect } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderNewsSitemap, renderSitemap, renderSitemapIndex, sitemapPageCount, sitemapPageSlice, SITEMAP_LIMIT } from './sitemaps.js';
import { seedArticlePage, seedSummaries } from './testdata/fixtures.js';
import type { ArticleSummary } from './view-models.js';
import type { IndexingPolicy } from '../model/types.js';

const site = seedArticlePage().site;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'url' || name === 'sitemap' });
const parse = (xml: string) => {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
};

describe('renderSitemap', () => {
  it('lists locations with lastmod, escaped', () => {
    const xml = renderSitemap([
      { loc: 'https://21st.example/', lastmod: '2023-02-01T09:00:00Z' },
      { loc: 'https://21st.example/search?q=a&page=2', lastmod: null },
    ]);
    const urls = parse(xml).urlset.url;
    expect(urls).toEqual([
      { loc: 'https://21st.example/', lastmod: '2023-02-01T09:00:00.000Z' },
      { loc: 'https://21st.example/search?q=a&page=2' },
    ]);
    expect(xml).toContain('q=a&amp;page=2');
  });

  it('renders an index of sitemaps', () => {
    const index = parse(renderSitemapIndex([{ loc: 'https://21st.example/sitemap-1.xml', lastmod: null }])).sitemapindex;
    expect(index.sitemap).toEqual([{ loc: 'https://21st.example/sitemap-1.xml' }]);
  });
});

describe('renderNewsSitemap', () => {
  const now = new Date('2023-02-02T12:00:00Z');
  const base = seedSummaries()[0];
  const item = (slug: string, republishedAt: string, indexingPolicy?: IndexingPolicy): ArticleSummary => ({
    ...base,
    url: `/articles/${slug}`,
    headline: `Headline ${slug} & more`,
    republishedAt,
    indexingPolicy,
  });

  const cases: [label: string, entry: ArticleSummary, listed: boolean][] = [
    ['listed: an hour old, index-self', item('fresh', '2023-02-02T11:00:00Z', 'index-self'), true],
    ['listed: 47 hours old, index-self', item('edge', '2023-01-31T13:00:00Z', 'index-self'), true],
    ['left out: 49 hours old', item('old', '2023-01-31T11:00:00Z', 'index-self'), false],
    ['left out: canonical-to-source', item('canon', '2023-02-02T11:00:00Z', 'canonical-to-source'), false],
    ['left out: noindex-news', item('noindex', '2023-02-02T11:00:00Z', 'noindex-news'), false],
    ['left out: policy unknown', item('unknown', '2023-02-02T11:00:00Z'), false],
    ['left out: dated in the future', item('future', '2023-02-03T11:00:00Z', 'index-self'), false],
    ['left out: date not a date', item('garbage', 'soon', 'index-self'), false],
  ];

  it.each(cases)('%s', (_label, entry, listed) => {
    const urls = parse(renderNewsSitemap(site, [entry], now)).urlset.url ?? [];
    expect(urls.length).toBe(listed ? 1 : 0);
  });

  it('renders the news fields', () => {
    const xml = renderNewsSitemap(site, cases.map((c) => c[1]), now);
    const urls = parse(xml).urlset.url;
    expect(urls.map((u: any) => u.loc)).toEqual(['https://21st.example/articles/fresh', 'https://21st.example/articles/edge']);
    expect(urls[0]['news:news']).toEqual({
      'news:publication': { 'news:name': 'The 21st Century', 'news:language': 'en' },
      'news:publication_date': '2023-02-02T11:00:00.000Z',
      'news:title': 'Headline fresh & more',
    });
  });
});

describe('splitting a sitemap past 50,000 URLs', () => {
  it('keeps one sitemap up to the limit, then one page per 50,000 URLs', () => {
    expect(sitemapPageCount(0)).toBe(1);
    expect(sitemapPageCount(SITEMAP_LIMIT)).toBe(1);
    expect(sitemapPageCount(SITEMAP_LIMIT + 1)).toBe(2);
    expect(sitemapPageCount(3 * SITEMAP_LIMIT)).toBe(3);
  });

  it('gives each page its share of the fixed pages and the articles, with none left out or repeated', () => {
    // 3 fixed pages and 12 articles in pages of 5: [f0 f1 f2 a0 a1] [a2 … a6] [a7 … a11]
    expect(sitemapPageSlice(1, 3, 5)).toEqual({ fixed: { start: 0, end: 3 }, articles: { offset: 0, limit: 2 } });
    expect(sitemapPageSlice(2, 3, 5)).toEqual({ fixed: { start: 3, end: 3 }, articles: { offset: 2, limit: 5 } });
    expect(sitemapPageSlice(3, 3, 5)).toEqual({ fixed: { start: 3, end: 3 }, articles: { offset: 7, limit: 5 } });
    // More fixed pages than one sitemap holds: the articles start on a later page.
    expect(sitemapPageSlice(1, 7, 5)).toEqual({ fixed: { start: 0, end: 5 }, articles: { offset: 0, limit: 0 } });
    expect(sitemapPageSlice(2, 7, 5)).toEqual({ fixed: { start: 5, end: 7 }, articles: { offset: 0, limit: 3 } });
  });
});
