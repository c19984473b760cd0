import { describe, it, expect } from 'vitest';
import { describeWithSharedData } from '../../../test/support/shared-data.js';
import { notesToShow, renderArticlePage } from './article-page.js';
import { seedArticlePage } from '../testdata/fixtures.js';
import { parseHtml, textContent, getAttributeValue } from '../testdata/dom.js';
import { MissingAttributionError } from '../../provenance/missing-attribution-error.js';
import type { ArticlePageData } from '../view-models.js';
import type { IndexingPolicy } from '../../model/types.js';
import { splitDateline } from '../../ingest/article-from-entry.js';

function render(change?: (data: ArticlePageData) => void) {
  const data = seedArticlePage();
  change?.(data);
  const out = renderArticlePage(data);
  return { out, dom: parseHtml(out), data };
}

function jsonLd(out: string): Record<string, any> {
  const dom = parseHtml(out);
  return JSON.parse(textContent(dom.one('script[type="application/ld+json"]')));
}

describeWithSharedData('renderArticlePage: the seed page, done right', () => {
  const { out, dom, data } = render();
  const { article, site } = data;

  it('is a complete HTML5 document with lang', () => {
    expect(out.startsWith('<!doctype html>')).toBe(true);
    expect(dom.attr('html', 'lang')).toBe('en');
    expect(dom.text('title')).toBe(`${article.headline} – The 21st Century`);
    expect(dom.attr('meta[name="description"]', 'content')).toBe(article.subheadline);
  });

  it('has the headline in h1 and the subheadline', () => {
    expect(dom.text('article h1')).toBe('Lavrov Says Received ‘Certain Message’ from Blinken Through Egyptian Foreign Minister');
    expect(dom.text('article .subheadline')).toBe(article.subheadline);
  });

  it('puts the dateline at the start of the first paragraph', () => {
    const first = dom.one('.article-body p');
    expect(textContent(first).startsWith('MOSCOW (Sputnik) – Russian Foreign Minister Sergey Lavrov said on Tuesday')).toBe(true);
    expect(dom.all('.dateline')).toHaveLength(1);
  });

  it('inserts the body as is, every paragraph', () => {
    const paragraphs = dom.all('.article-body p');
    expect(paragraphs).toHaveLength(9);
    expect(textContent(paragraphs[8])).toContain('instead of implementing the decisions of the supreme UN body');
  });

  it('shows the lead image with caption and credit (not in the body)', () => {
    expect(dom.attr('.article-header figure img', 'src')).toBe(article.lead!.url);
    expect(dom.text('.article-header figcaption')).toBe('Sergey Lavrov and Sameh Shoukry in Moscow Sputnik / Press service');
  });

  it('shows Updated and Correction notes with dates, after the body', () => {
    const notes = dom.all('.version-notes li');
    expect(notes).toHaveLength(2);
    expect(textContent(notes[0])).toContain('Correction');
    expect(textContent(notes[0])).toContain('misspelled');
    expect(textContent(notes[1])).toContain('Updated');
    expect(dom.attr('.note-correction time', 'datetime')).toBe('2023-02-01T09:00:00Z');
  });

  it('gives the corrections it shows, and only those, in the JSON-LD as CorrectionComment', () => {
    const correction = data.notes.find((n) => n.kind === 'correction')!;
    expect(jsonLd(out).correction).toEqual([{ '@type': 'CorrectionComment', text: correction.note, datePublished: correction.date }]);
    // A correction the source printed in its own body is read there; it is not repeated, on the page or for machines.
    const printed = render((d) => (d.article.bodyHtml += `<p>${correction.note}</p>`));
    expect(jsonLd(printed.out).correction).toBeUndefined();
  });

  it('has the byline, published-by linking the original with its date, republished-by naming the site', () => {
    expect(dom.text('.byline')).toBe('By Sputnik News');
    expect(dom.text('.published-by')).toBe('Published by Sputnik News on January 31, 2023 at 11:05 AM UTC');
    expect(dom.attr('.published-by a', 'href')).toBe(article.originalUrl);
    expect(dom.attr('.published-by time', 'datetime')).toBe(article.firstCreated);
    expect(dom.text('.republished-by')).toBe('Republished by The 21st Century on January 31, 2023 at 12:30 PM UTC · Updated February 1, 2023 at 9:00 AM UTC');
    expect(dom.attr('.republished-by a', 'href')).toBe(site.url);
    expect(dom.all('.republished-by time').map((t) => getAttributeValue(t, 'datetime'))).toEqual([article.republishedAt, article.versionCreated]);
  });

  it('has the license line: name linked, usage terms, copyright holder', () => {
    expect(dom.attr('.license a', 'href')).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(dom.attr('.license a', 'rel')).toContain('license');
    expect(dom.text('.license')).toBe('License: CC BY 4.0. Republished with attribution to the original publisher. © Sputnik News');
  });

  it('has the disclaimer naming the site (the seed page’s bug)', () => {
    expect(dom.text('.disclaimer')).toBe(
      'The views expressed in this article are solely those of the author and do not necessarily reflect the opinions of The 21st Century.',
    );
  });

  it('keeps the order of the seed page', () => {
    const order = ['<h1>', 'class="dateline"', 'class="version-notes"', 'class="byline"', 'class="published-by"', 'class="republished-by"', 'class="license"', 'class="disclaimer"', 'related-same-source', 'related-other-sources', 'class="share"', 'class="article-comments"'];
    const positions = order.map((mark) => out.indexOf(mark));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('lists related news from the source with lazy image, caption, credit, date and headline link', () => {
    expect(dom.text('.related-same-source h2')).toBe('More from Sputnik News');
    const item = dom.one('.related-same-source li');
    const img = dom.one('.related-same-source img');
    expect(getAttributeValue(img, 'src')).toBe('https://sputnik.example/img/kanaani.jpg');
    expect(getAttributeValue(img, 'loading')).toBe('lazy');
    expect(dom.text('.related-same-source figcaption')).toBe("Iran's Foreign Ministry Spokesman Nasser Kanaani Sputnik International");
    expect(dom.attr('.related-same-source time', 'datetime')).toBe('2022-10-24T10:00:00Z');
    expect(dom.text('.related-same-source .card-headline a')).toBe('Iranian Foreign Ministry Calls US Position on Talks on Revival of JCPOA ‘Hypocritical’');
    expect(dom.attr('.related-same-source .card-headline a', 'href')).toBe('/articles/iran-calls-us-position-hypocritical');
    expect(item).toBeTruthy();
  });

  it('lists the same story from other sources, naming them', () => {
    expect(dom.text('.related-other-sources h2')).toBe('The same story from other sources');
    expect(dom.text('.related-other-sources .card-source')).toBe('Other Wire');
    expect(dom.attr('.related-other-sources .card-headline a', 'href')).toBe('/articles/lavrov-blinken-message-other');
  });

  it('has share links, copy and native buttons, and loads only same-origin script', () => {
    expect(dom.text('.share h2')).toBe('Sharing is caring!');
    const networks = dom.all('.share-link').map((a) => textContent(a));
    expect(networks).toEqual(['X', 'Facebook', 'LinkedIn', 'WhatsApp', 'Telegram', 'Reddit', 'Bluesky', 'Mastodon', 'Email']);
    for (const a of dom.all('.share-link[target="_blank"]')) expect(getAttributeValue(a, 'rel')).toBe('noopener noreferrer nofollow');
    expect(dom.attr('.share-x', 'href')).toContain(encodeURIComponent(data.canonicalUrl));
    expect(dom.one('[data-share-copy]').attribs.hidden).toBe('');
    expect(dom.one('[data-share-native]').attribs.hidden).toBe('');
    const scripts = dom.all('script');
    expect(scripts.filter((s) => s.attribs.src).map((s) => s.attribs.src)).toEqual(['/assets/share.js']);
    expect(scripts.filter((s) => !s.attribs.src).every((s) => s.attribs.type === 'application/ld+json')).toBe(true);
    expect(out).not.toMatch(/<img[^>]+src="https:\/\/(?!sputnik\.example)/);
  });

  it('inserts the comments html as is', () => {
    expect(out).toContain(data.commentsHtml);
    expect(dom.text('.article-comments h2')).toBe('Leave a Reply');
  });

  it('has Open Graph, twitter:card and feed alternates', () => {
    const og = (p: string) => dom.attr(`meta[property="${p}"]`, 'content');
    expect(og('og:type')).toBe('article');
    expect(og('og:title')).toBe(article.headline);
    expect(og('og:description')).toBe(article.subheadline);
    expect(og('og:site_name')).toBe('The 21st Century');
    expect(og('og:image')).toBe(article.lead!.url);
    expect(og('article:published_time')).toBe(article.firstCreated);
    expect(og('article:modified_time')).toBe(article.versionCreated);
    expect(dom.attr('meta[name="twitter:card"]', 'content')).toBe('summary_large_image');
    expect(dom.attr('link[rel="alternate"][type="application/rss+xml"]', 'href')).toBe('/feed.rss');
    expect(dom.attr('link[rel="alternate"][type="application/atom+xml"]', 'href')).toBe('/feed.atom');
    expect(dom.attr('link[rel="alternate"][type="application/feed+json"]', 'href')).toBe('/feed.json');
  });

  it('has JSON-LD NewsArticle with the provenance', () => {
    const ld = jsonLd(out);
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld.headline).toBe(article.headline);
    expect(ld.isBasedOn).toBe(article.originalUrl);
    expect(ld.sourceOrganization).toMatchObject({ '@type': 'Organization', name: 'Sputnik News', url: 'https://sputnik.example/' });
    expect(ld.publisher).toEqual({ '@type': 'Organization', name: 'The 21st Century', url: 'https://21st.example' });
    expect(ld.author).toMatchObject({ '@type': 'Organization', name: 'Sputnik News' });
    expect(ld.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(ld.dateline).toBe('MOSCOW (Sputnik)');
    expect(ld.datePublished).toBe(article.firstCreated);
    expect(ld.dateModified).toBe(article.versionCreated);
    expect(ld.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': data.canonicalUrl });
    expect(ld.url).toBe(data.canonicalUrl);
    expect(ld.inLanguage).toBe('en');
    expect(ld.image[0].url).toBe(article.lead!.url);
  });

  it('names a person author when the byline is not the source', () => {
    const ld = jsonLd(render((d) => (d.article.byline = 'Jane Doe')).out);
    expect(ld.author).toEqual({ '@type': 'Person', name: 'Jane Doe' });
  });
});

describeWithSharedData('renderArticlePage: indexing policy', () => {
  const cases: [IndexingPolicy, string, string | null][] = [
    ['canonical-to-source', 'https://sputnik.example/20230124/lavrov-message-1106611.html', null],
    ['noindex-news', 'https://21st.example/articles/lavrov-says-received-certain-message-from-blinken', 'noindex'],
    ['index-self', 'https://21st.example/articles/lavrov-says-received-certain-message-from-blinken', null],
  ];
  it.each(cases)('%s → canonical %s, robots %s', (policy, canonical, robots) => {
    const { dom } = render((d) => (d.source.indexingPolicy = policy));
    expect(dom.all('link[rel="canonical"]')).toHaveLength(1);
    expect(dom.attr('link[rel="canonical"]', 'href')).toBe(canonical);
    const robotsTags = dom.all('meta[name="robots"]');
    expect(robotsTags.map((m) => m.attribs.content)).toEqual(robots ? [robots] : []);
    expect(dom.attr('meta[property="og:url"]', 'content')).toBe(canonical);
  });
});

describeWithSharedData('renderArticlePage: details', () => {
  it('does not repeat a dateline the body already opens with', () => {
    const { dom } = render((d) => (d.article.bodyHtml = '<p>MOSCOW (Sputnik) – Text.</p>\n<p>More.</p>'));
    expect(dom.all('.dateline')).toHaveLength(0);
    expect(dom.text('.article-body')).toBe('MOSCOW (Sputnik) – Text. More.');
  });

  it.each([
    '<p><strong>MOSCOW (Sputnik)</strong> – Text.</p>',
    '<p>MOSCOW, Jan 31 (Sputnik) – Text.</p>',
    '<p> MOSCOW (Sputnik) - Text.</p>',
  ])('recognises a dateline already in the body: %s', (body) => {
    const { dom } = render((d) => (d.article.bodyHtml = body));
    expect(dom.all('.dateline')).toHaveLength(0);
  });

  it('does not double a dash the dateline text already carries', () => {
    const { dom } = render((d) => (d.article.dateline = { text: 'MOSCOW (Sputnik) –', place: 'MOSCOW', credit: 'Sputnik' }));
    expect(dom.text('.dateline')).toBe('MOSCOW (Sputnik) –');
  });

  it('keeps the source’s em dash after a dateline, from the body to the page (not Convey’s en dash)', () => {
    const { bodyHtml, dateline } = splitDateline('<p>HOLLOW CREEK — The council met on Monday.</p>', null);
    const { dom } = render((d) => {
      d.article.bodyHtml = bodyHtml;
      d.article.dateline = dateline;
    });
    expect(dom.text('.article-body p')).toBe('HOLLOW CREEK — The council met on Monday.');
    expect(dom.text('.dateline')).toBe('HOLLOW CREEK —');
  });

  it('keeps a separator recorded with the dateline, and uses its own only when the source gave none', () => {
    const withDash = render((d) => (d.article.dateline = { text: 'OSLO', place: 'OSLO', credit: null, separator: '—' }));
    expect(withDash.dom.text('.dateline')).toBe('OSLO —');
    const inText = render((d) => (d.article.dateline = { text: 'OSLO —', place: 'OSLO', credit: null }));
    expect(inText.dom.text('.dateline')).toBe('OSLO —');
    const none = render((d) => (d.article.dateline = { text: 'OSLO', place: 'OSLO', credit: null }));
    expect(none.dom.text('.dateline')).toBe('OSLO –');
  });

  it('titles the same-source box from the site’s setting', () => {
    const { dom } = render((d) => (d.site.relatedHeading = 'Also from {source}'));
    expect(dom.text('.related-same-source h2')).toBe('Also from Sputnik News');
  });

  it('shows only the share buttons the site chose, and no share block when it chose none', () => {
    const { dom } = render((d) => (d.site.shareTargets = ['email', 'mastodon']));
    expect(dom.all('.share-link').map((a) => textContent(a))).toEqual(['Mastodon', 'Email']);
    expect(render((d) => (d.site.shareTargets = [])).dom.all('.share')).toHaveLength(0);
  });

  it('shows the site’s logo in the header and names it as the publisher’s in JSON-LD', () => {
    const { dom, out, data } = render((d) => (d.site.logoUrl = '/media/logo.png'));
    expect(dom.attr('.site-name img.site-logo', 'src')).toBe('/media/logo.png');
    expect(dom.attr('.site-name img.site-logo', 'alt')).toBe('');
    expect(jsonLd(out).publisher.logo.url).toBe(new URL('/media/logo.png', `${data.site.url}/`).toString());
    expect(render().dom.all('.site-logo')).toHaveLength(0);
  });

  it('uses the site’s default attribution line for a source without its own', () => {
    const { dom, data } = render((d) => {
      d.site.attributionTemplate = 'First published by {source}';
      d.source.attributionTemplate = null;
    });
    expect(dom.text('.published-by')).toMatch(new RegExp(`^First published by ${data.source.name}`));
    const own = render((d) => {
      d.site.attributionTemplate = 'First published by {source}';
      d.source.attributionTemplate = 'Courtesy of {source}';
    });
    expect(own.dom.text('.published-by')).toMatch(/^Courtesy of /);
  });

  it('shows every date in the site’s language and time zone, naming the zone', () => {
    const { dom } = render((d) => {
      d.site.timeZone = 'America/New_York';
      d.article.language = 'de';
    });
    expect(dom.text('.republished-by time')).toMatch(/ (EST|EDT)$/);
    expect(dom.text('.republished-by time')).toMatch(/^[A-Z][a-z]+ \d{1,2}, \d{4} at /);
    expect(dom.text('.related-same-source time')).toMatch(/ (EST|EDT)$/);
  });

  it('keeps a dateline whose place only starts a sentence', () => {
    const { dom } = render((d) => {
      d.article.dateline = { text: 'PARIS (AFP)', place: 'PARIS', credit: 'AFP' };
      d.article.bodyHtml = '<p>PARIS officials said on Monday…</p>';
    });
    expect(dom.text('.article-body p')).toBe('PARIS (AFP) – PARIS officials said on Monday…');
  });

  it('puts the dateline in a paragraph of its own when the body has none', () => {
    const { dom } = render((d) => (d.article.bodyHtml = '<ul><li>One</li></ul>'));
    expect(dom.text('p.dateline')).toBe('MOSCOW (Sputnik) –');
  });

  it('renders no dateline, notes or related news when there are none', () => {
    const { dom } = render((d) => {
      d.article.dateline = null;
      d.notes = [];
      d.relatedSameSource = [];
      d.relatedOtherSources = [];
    });
    expect(dom.all('.dateline, .version-notes, .related')).toHaveLength(0);
    expect(dom.text('.disclaimer')).toContain('The 21st Century');
  });

  it('never renders a page with no license nor a statement of the right to republish', () => {
    expect(() => render((d) => (d.source.rights = { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }))).toThrow(/source\.license/);
  });

  it('does not say Updated when the text has not changed since republishing', () => {
    const { dom } = render((d) => (d.article.versionCreated = d.article.republishedAt));
    expect(dom.text('.republished-by')).not.toContain('Updated');
  });

  it('renders a source’s attribution template with the source linked', () => {
    const { dom } = render((d) => (d.source.attributionTemplate = 'First published by {source} ({originalUrl}) under {license}'));
    expect(dom.text('.published-by')).toMatch(/^First published by Sputnik News \(https:\/\/sputnik\.example\/20230124\/lavrov-message-1106611\.html\) under CC BY 4\.0 on/);
    expect(dom.all('.published-by a')).toHaveLength(2);
  });

  it('shows recorded intermediate hops of the provenance chain', () => {
    const { dom } = render((d) => {
      d.article.provenance = [
        { role: 'originator', name: 'Agency X', url: 'https://x.example/story' },
        { role: 'aggregator', name: 'Hub <Y>', url: null },
      ];
    });
    expect(dom.text('.provenance-chain')).toBe('Originally reported by Agency X · via Hub <Y>');
    expect(dom.attr('.provenance-chain a', 'href')).toBe('https://x.example/story');
  });

  it('uses the source name for "By" when there is no byline', () => {
    const { dom } = render((d) => (d.article.byline = null));
    expect(dom.text('.byline')).toBe('By Sputnik News');
  });

  it('derives the description from the first paragraph when there is no subheadline', () => {
    const { dom } = render((d) => (d.article.subheadline = null));
    const description = dom.attr('meta[name="description"]', 'content')!;
    expect(description.startsWith('Russian Foreign Minister Sergey Lavrov said on Tuesday')).toBe(true);
    expect(description.length).toBeLessThanOrEqual(201);
    expect(description.endsWith('…')).toBe(true);
  });
});

describeWithSharedData('renderArticlePage: fail closed', () => {
  const cases: [string, (d: ArticlePageData) => void, string[]][] = [
    ['site name empty (the seed bug)', (d) => (d.site.name = ''), ['site.name']],
    ['site name whitespace', (d) => (d.site.name = '   '), ['site.name']],
    ['source name empty', (d) => (d.source.name = ''), ['source.name']],
    ['original URL empty', (d) => (d.article.originalUrl = ' '), ['article.originalUrl']],
    ['headline empty', (d) => (d.article.headline = ''), ['article.headline']],
    ['site url empty', (d) => (d.site.url = ''), ['site.url']],
    ['disclaimer template empty', (d) => (d.site.disclaimerTemplate = ''), ['site.disclaimerTemplate']],
    ['attribution template needs an author', (d) => {
      d.article.byline = null;
      d.source.attributionTemplate = '{author} for {source}';
    }, ['article.byline']],
  ];
  it.each(cases)('throws MissingAttributionError: %s', (_label, change, missing) => {
    const data = seedArticlePage();
    change(data);
    let error: unknown;
    try {
      renderArticlePage(data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingAttributionError);
    expect((error as MissingAttributionError).missing).toEqual(missing);
  });
});

describeWithSharedData('renderArticlePage: hostile strings come out escaped', () => {
  const XSS = '</title><script>alert(1)</script>';
  const { out, dom } = render((d) => {
    d.article.headline = XSS;
    d.article.subheadline = '"><img src=x onerror=alert(2)>';
    d.article.byline = '<b onmouseover=alert(3)>Jane</b>';
    d.source.name = 'The "Quoted" <Source> & Co\'s';
    d.site.name = 'Site </script><script>alert(4)</script>';
    d.article.dateline = { text: '<i>PARIS</i>', place: 'PARIS', credit: null };
    d.article.topics = ['</script><script>alert(5)</script>'];
    d.article.lead!.caption = '"onload="alert(6)';
    d.notes[0].note = '<script>alert(7)</script>';
    d.relatedSameSource[0].headline = '<svg onload=alert(8)>';
    d.source.rights.usageTerms = '<a href="javascript:alert(9)">terms</a>';
  });

  it('turns javascript: and data: URLs from data into "#"', () => {
    const { dom } = render((d) => {
      d.relatedSameSource[0].url = 'javascript:alert(10)';
      d.relatedSameSource[0].lead!.url = 'data:image/svg+xml,<svg onload=alert(11)>';
      d.relatedOtherSources[0].sourceUrl = ' JAVASCRIPT:alert(12)';
      d.source.rights.licenseUrl = 'javascript:alert(13)';
    });
    const urls = [...dom.all('a').map((a) => a.attribs.href ?? ''), ...dom.all('img').map((i) => i.attribs.src ?? '')];
    expect(urls.filter((u) => /^\s*(javascript|data):/i.test(u))).toEqual([]);
    expect(dom.attr('.license a', 'href')).toBe('#');
    expect(dom.attr('.related-same-source .card-headline a', 'href')).toBe('#');
  });

  it('runs no script but share.js and the JSON-LD data block', () => {
    const scripts = dom.all('script');
    expect(scripts).toHaveLength(2);
    expect(scripts[0].attribs.type).toBe('application/ld+json');
    expect(scripts[1].attribs.src).toBe('/assets/share.js');
    expect(dom.all('[onerror], [onload], [onmouseover], svg, b, i')).toHaveLength(0);
    expect(dom.all('a').filter((a) => /^\s*javascript:/i.test(a.attribs.href ?? ''))).toHaveLength(0);
  });

  it('keeps the text of each field, escaped', () => {
    expect(dom.text('title')).toBe(`${XSS} – Site </script><script>alert(4)</script>`);
    expect(dom.text('h1')).toBe(XSS);
    expect(dom.text('.byline')).toBe('By <b onmouseover=alert(3)>Jane</b>');
    expect(dom.text('.published-by a')).toBe('The "Quoted" <Source> & Co\'s');
    expect(dom.attr('meta[property="og:title"]', 'content')).toBe(XSS);
    expect(dom.text('.related-same-source h2')).toBe('More from The "Quoted" <Source> & Co\'s');
  });

  it('cannot break out of the JSON-LD block', () => {
    const block = out.slice(out.indexOf('<script type="application/ld+json">'));
    const json = block.slice(block.indexOf('>') + 1, block.indexOf('</script>'));
    expect(json).not.toContain('<');
    const ld = JSON.parse(json);
    expect(ld.headline).toBe(XSS);
    expect(ld.publisher.name).toBe('Site </script><script>alert(4)</script>');
    expect(ld.keywords).toBe('</script><script>alert(5)</script>');
  });
});

describeWithSharedData('renderArticlePage: the fidelity line', () => {
  const counts = (altered: number, omitted = 0) => ({ omitted, altered, added: 0, moved: 0 });

  it('says a faithful copy is faithful as of the check, linking the fidelity page', () => {
    const { dom, data } = render((d) => (d.fidelity = { report: { faithful: true, counts: counts(0) }, checkedAt: '2026-11-24T12:00:00.000Z', editorNote: null }));
    const line = dom.one('.fidelity-line');
    expect(textContent(line)).toBe('Faithful to the source as of November 24, 2026 at 12:00 PM UTC');
    expect(getAttributeValue(dom.one('.fidelity-line a'), 'href')).toBe(`/articles/${data.article.slug}/fidelity`);
  });

  it('counts an edited copy’s changes and gives the editor’s note', () => {
    const { dom } = render((d) => (d.fidelity = { report: { faithful: false, counts: counts(1, 2) }, checkedAt: '2026-11-24T12:00:00.000Z', editorNote: 'Shortened <for> length.' }));
    expect(textContent(dom.one('.fidelity-line a'))).toBe('Edited from the original: 2 omitted, 1 altered, 0 added');
    expect(textContent(dom.one('.fidelity-line .editor-note'))).toBe('Editor’s note: Shortened <for> length.');
  });

  it('says a copy behind a source update awaiting review is behind, not edited', () => {
    const { dom } = render((d) => (d.fidelity = { report: { faithful: false, counts: counts(1, 0) }, checkedAt: '2026-11-24T12:00:00.000Z', editorNote: null, sourceUpdatePending: true }));
    expect(textContent(dom.one('.fidelity-line a'))).toBe('The source has updated this story; this copy shows the earlier text until an editor reviews the update');
    expect(dom.all('.fidelity-line .editor-note')).toHaveLength(0);
  });

  it('is left out when no report was computed', () => {
    const { dom } = render();
    expect(dom.all('.fidelity-line')).toHaveLength(0);
  });
});

describe('notesToShow: a correction the source printed in its body is not shown twice', () => {
  const body = '<p>The story.</p>\n<p><em>Correction:</em> An earlier version of this story gave the wrong month for the start of the works.</p>';
  const note = (kind: 'update' | 'correction', text: string) => ({ kind, note: text, date: '2026-11-27T12:00:00.000Z' });

  it('drops the correction note the body carries, keeps the others', () => {
    const notes = [
      note('correction', 'An earlier version of this story gave the wrong month for the start of the works.'),
      note('correction', 'The harbour master’s name was misspelt.'),
      note('update', 'An earlier version of this story gave the wrong month for the start of the works.'),
    ];
    expect(notesToShow(notes, body).map((n) => `${n.kind}: ${n.note}`)).toEqual([
      'correction: The harbour master’s name was misspelt.',
      'update: An earlier version of this story gave the wrong month for the start of the works.',
    ]);
  });

  it('keeps a note too short to be recognised in the body', () => {
    expect(notesToShow([note('correction', 'Fixed.')], '<p>Fixed.</p>')).toHaveLength(1);
  });
});
