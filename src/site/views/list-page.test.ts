import { describe, it, expect } from 'vitest';
import { renderListPage, pageUrl } from './list-page.js';
import { seedArticlePage, seedSummaries } from '../testdata/fixtures.js';
import { parseHtml, textContent } from '../testdata/dom.js';
import type { ListPageData } from '../view-models.js';

function data(change?: (d: ListPageData) => void): ListPageData {
  const seed = seedArticlePage();
  const d: ListPageData = {
    site: seed.site,
    title: 'The 21st Century',
    heading: 'Latest news',
    intro: 'Republished whole and attributed.',
    articles: seedSummaries(),
    page: 1,
    hasNext: true,
    canonicalUrl: 'https://21st.example/',
    feedLinks: seed.feedLinks,
  };
  change?.(d);
  return d;
}

describe('renderListPage', () => {
  it('renders the home page: heading, cards with source and excerpt, next page, feeds', () => {
    const dom = parseHtml(renderListPage(data()));
    expect(dom.attr('html', 'lang')).toBe('en');
    expect(dom.text('h1')).toBe('Latest news');
    expect(dom.text('.intro')).toBe('Republished whole and attributed.');
    const cards = dom.all('.card');
    expect(cards).toHaveLength(3);
    expect(dom.text('.card h2 a')).toBe('Lavrov Says Received ‘Certain Message’ from Blinken Through Egyptian Foreign Minister');
    expect(dom.text('.card .card-source')).toBe('Sputnik News');
    expect(dom.text('.card .card-excerpt')).toContain('certain message');
    expect(dom.attr('.card img', 'loading')).toBe('lazy');
    expect(dom.attr('link[rel="canonical"]', 'href')).toBe('https://21st.example/');
    expect(dom.attr('link[rel="next"]', 'href')).toBe('https://21st.example/?page=2');
    expect(dom.all('link[rel="prev"], meta[name="robots"]')).toHaveLength(0);
    expect(dom.attr('link[type="application/rss+xml"]', 'href')).toBe('/feed.rss');
  });

  it('renders a source page without repeating the source on each card', () => {
    const seed = seedArticlePage();
    const dom = parseHtml(
      renderListPage(
        data((d) => {
          d.source = seed.source;
          d.heading = 'Sputnik News';
          d.canonicalUrl = 'https://21st.example/sources/sputnik-news';
          d.page = 2;
          d.hasNext = false;
        }),
      ),
    );
    expect(dom.attr('.source-home a', 'href')).toBe('https://sputnik.example/');
    expect(dom.text('.source-home')).toBe('From Sputnik News · CC BY 4.0');
    expect(dom.all('.card-source')).toHaveLength(0);
    expect(dom.attr('link[rel="canonical"]', 'href')).toBe('https://21st.example/sources/sputnik-news?page=2');
    expect(dom.attr('link[rel="prev"]', 'href')).toBe('https://21st.example/sources/sputnik-news');
    expect(dom.text('title')).toBe('The 21st Century (page 2)');
  });

  it('renders search results: query kept in the box, escaped, page not indexed', () => {
    const query = '"><script>alert(1)</script>';
    const out = renderListPage(
      data((d) => {
        d.query = query;
        d.articles = [];
        d.hasNext = false;
        d.canonicalUrl = `https://21st.example/search?q=${encodeURIComponent(query)}`;
      }),
    );
    const dom = parseHtml(out);
    expect(dom.all('script')).toHaveLength(0);
    expect(dom.attr('input[name="q"]', 'value')).toBe(query);
    expect(dom.text('.empty')).toBe(`No articles match “${query}”.`);
    expect(dom.attr('meta[name="robots"]', 'content')).toBe('noindex, follow');
  });

  it('builds page URLs keeping other parameters', () => {
    expect(pageUrl('/search?q=a+b', 3)).toBe('/search?q=a+b&page=3');
    expect(pageUrl('https://x.example/?page=4', 1)).toBe('https://x.example/');
  });

  it('escapes hostile headlines and source names in cards', () => {
    const dom = parseHtml(
      renderListPage(
        data((d) => {
          d.articles[0].headline = '<img src=x onerror=alert(1)>';
          d.articles[0].sourceName = '"Quoted" & <b>bold</b>';
        }),
      ),
    );
    expect(dom.all('[onerror], b')).toHaveLength(0);
    expect(textContent(dom.all('.card h2 a')[0])).toBe('<img src=x onerror=alert(1)>');
    expect(textContent(dom.all('.card-source')[0])).toBe('"Quoted" & <b>bold</b>');
  });
});
