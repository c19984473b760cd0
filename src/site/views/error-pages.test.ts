import { describe, it, expect } from 'vitest';
import { renderNotFoundPage, renderServerErrorPage, renderWithdrawnPage } from './error-pages.js';
import { renderMastodonSharePage } from './mastodon-share-page.js';
import { seedArticlePage } from '../testdata/fixtures.js';
import { parseHtml } from '../testdata/dom.js';

const site = seedArticlePage().site;

describe('error pages', () => {
  it('404 names the path, escaped, and is not indexed', () => {
    const dom = parseHtml(renderNotFoundPage(site, '/articles/<script>x</script>'));
    expect(dom.text('h1')).toBe('Page not found');
    expect(dom.text('code')).toBe('/articles/<script>x</script>');
    expect(dom.all('script')).toHaveLength(0);
    expect(dom.attr('meta[name="robots"]', 'content')).toBe('noindex');
    expect(dom.attr('html', 'lang')).toBe('en');
  });

  it('410 names the source, links the original and its home, with the date', () => {
    const dom = parseHtml(
      renderWithdrawnPage({
        site,
        headline: 'Lavrov Says Received ‘Certain Message’',
        sourceName: 'Sputnik News',
        sourceHomeUrl: 'https://sputnik.example/',
        originalUrl: 'https://sputnik.example/a',
        withdrawnAt: '2023-02-03T10:00:00Z',
      }),
    );
    expect(dom.text('h1')).toBe('Lavrov Says Received ‘Certain Message’');
    expect(dom.text('.notice')).toContain('first published by Sputnik News');
    expect(dom.all('.notice a').map((a) => a.attribs.href)).toEqual(['https://sputnik.example/', 'https://sputnik.example/a']);
    expect(dom.attr('.notice time', 'datetime')).toBe('2023-02-03T10:00:00Z');
    expect(dom.attr('meta[name="robots"]', 'content')).toBe('noindex');
  });

  it('410 never shows a blank source name', () => {
    const dom = parseHtml(
      renderWithdrawnPage({ site, headline: 'H', sourceName: ' ', sourceHomeUrl: 'https://sputnik.example/', originalUrl: 'https://sputnik.example/a', withdrawnAt: null }),
    );
    expect(dom.text('.notice a')).toBe('sputnik.example');
  });

  it('500 says little', () => {
    expect(parseHtml(renderServerErrorPage(site)).text('h1')).toBe('Something went wrong');
  });

  it('the header never goes blank when the site has no name', () => {
    const dom = parseHtml(renderNotFoundPage({ ...site, name: '' }));
    expect(dom.text('.site-name')).toBe('21st.example');
  });
});

describe('Mastodon share page', () => {
  it('asks for an instance with the text prefilled, escaped', () => {
    const dom = parseHtml(renderMastodonSharePage({ site, text: '</textarea><script>alert(1)</script> https://21st.example/a', error: 'Not an instance' }));
    expect(dom.attr('form[data-mastodon-form]', 'action')).toBe('/share/mastodon');
    expect(dom.attr('form[data-mastodon-form]', 'method')).toBe('get');
    // A textarea holds RCDATA: browsers decode its entities, so the escaped text is what the reader sees.
    expect(dom.text('textarea')).toBe('&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt; https://21st.example/a');
    expect(dom.all('script').map((s) => s.attribs.src)).toEqual(['/assets/share.js']);
    expect(dom.text('[role="alert"]')).toBe('Not an instance');
  });
});
