import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from './extract-article.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./testdata/${name}`, import.meta.url));
const extract = (name: string, url = 'https://site.example/story') => extractArticle(fixture(name), url);

describe('metadata from JSON-LD', () => {
  it('reads an Article object with authors, dates, image, publisher, language and license', () => {
    const a = extract('jsonld-article.html');
    expect(a.title).toBe('Harbour town votes to restore its lighthouse');
    expect(a.byline).toBe('Mara Ellison, Tobias Fenn');
    expect(a.published).toBe('2025-04-02T06:15:00.000Z');
    expect(a.modified).toBe('2025-04-02T09:40:00.000Z');
    expect(a.publisher).toBe('The Coastline Courier');
    expect(a.language).toBe('en');
    expect(a.licenseUrl).toBe('https://creativecommons.org/licenses/by-nd/4.0/');
    expect(a.description).toBe('Councillors approved the plan by seven votes to two.');
    expect(a.image).toMatchObject({ url: 'https://courier.example/img/lighthouse-1200x800.jpg', caption: 'The lighthouse at dusk.', credit: 'Ines Varga' });
    expect(a.text.split('\n')).toHaveLength(5);
    expect(a.text).not.toContain('All rights reserved');
    expect(a.text).not.toContain('Sport');
  });

  it('follows @graph references for author, publisher and image', () => {
    const a = extract('jsonld-graph.html');
    expect(a.title).toBe('Neue Fahrradbrücke über den Kanal eröffnet');
    expect(a.byline).toBe('Lena Hartmann');
    expect(a.publisher).toBe('Stadtblatt Beispielstadt');
    expect(a.published).toBe('2025-03-14T08:30:00.000Z');
    expect(a.language).toBe('de-DE');
    expect(a.canonicalUrl).toBe('https://stadtblatt.example/2025/03/fahrradbruecke-eroeffnet/');
    expect(a.image).toMatchObject({ url: 'https://stadtblatt.example/uploads/bruecke.jpg', caption: 'Die neue Brücke am Morgen der Eröffnung.', credit: 'Jonas Weber' });
    expect(a.text).toMatch(/^Nach zwei Jahren Bauzeit/);
    expect(a.html).toContain('<figcaption>');
  });
});

describe('metadata details', () => {
  it('decodes HTML entities that templates leave inside JSON-LD strings', () => {
    const ld = { '@type': 'BlogPosting', headline: 'Research shows &#8211; a mix works &amp; pays', author: { name: 'Ana &quot;Nan&quot; Ruiz' } };
    const page = `<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><article><p>${'A paragraph of text, long enough to be the body. '.repeat(6)}</p></article></body></html>`;
    const a = extractArticle(page, 'https://site.example/x');
    expect(a.title).toBe('Research shows – a mix works & pays');
    expect(a.byline).toBe('Ana "Nan" Ruiz');
  });
});

describe('visible bylines', () => {
  it.each([
    ['<div class="byline"><a href="/a/ruiz">Ana Ruiz</a><time>Monday, November 18, 2019</time></div>', 'Ana Ruiz'],
    ['<div class="byline">Analysis by Chris Ward, Senior Editor</div>', 'Chris Ward, Senior Editor'],
    ['<p class="author">Text: Lida Berg</p>', 'Lida Berg'],
    ['<span class="byline">By Tom Hale | Updated 3:05 pm</span>', 'Tom Hale'],
  ])('%s → %s', (markup, expected) => {
    const page = `<html><body><article>${markup}<p>${'A paragraph of text, long enough to be the body. '.repeat(6)}</p></article></body></html>`;
    expect(extractArticle(page, 'https://site.example/x').byline).toBe(expected);
  });
});

describe('metadata without JSON-LD', () => {
  it('uses Open Graph and meta tags, and strips the site name from og:title', () => {
    const a = extract('opengraph-only.html');
    expect(a.title).toBe('Night trains return to the valley line');
    expect(a.publisher).toBe('Valley Gazette');
    expect(a.byline).toBe('Priya Natarajan');
    expect(a.published).toBe('2025-01-20T18:05:00.000Z');
    expect(a.modified).toBe('2025-01-21T07:00:00.000Z');
    expect(a.language).toBe('en-GB');
    expect(a.canonicalUrl).toBe('https://gazette.example/news/night-trains-return');
    expect(a.image?.url).toBe('https://gazette.example/media/night-train.jpg');
    expect(a.text).toMatch(/^Night trains will run again/);
    expect(a.text).not.toContain('Travel');
  });

  it('reads microdata: headline, nested author name, time datetime, publisher, image, articleBody', () => {
    const a = extract('microdata.html');
    expect(a.title).toBe('Le marché couvert rouvre ses portes');
    expect(a.byline).toBe('Camille Roux');
    expect(a.published).toBe('2025-02-08T06:45:00.000Z');
    expect(a.publisher).toBe('Le Journal de Quartier');
    expect(a.image?.url).toBe('https://journal.example/photos/marche.jpg');
    expect(a.language).toBe('fr');
    expect(a.text.split('\n')).toHaveLength(4);
  });

  it('falls back to the <h1>, a visible date and a "by" line when the page declares nothing', () => {
    const a = extract('no-metadata.html');
    expect(a.title).toBe('Community garden wins regional prize');
    expect(a.published).toBe('2024-03-05T00:00:00.000Z');
    expect(a.byline).toBe('Jane Roe');
    expect(a.text).toMatch(/^The community garden on Mill Street/);
    expect(a.text).not.toContain('Posted on');
    expect(a.text).not.toContain('Contact');
  });

  it('reads a visible date with a named zone in that zone, stored in UTC', () => {
    // 9:24 pm Eastern Standard Time on 18 November is 02:24 UTC on the 19th, not 21:24 UTC.
    expect(extract('visible-date-named-zone.html').published).toBe('2019-11-19T02:24:00.000Z');
  });

  it('finds the license in <link rel=license> and keeps the page description', () => {
    const a = extract('license-link.html');
    expect(a.licenseUrl).toBe('https://creativecommons.org/licenses/by-sa/4.0/');
    expect(a.description).toBe('A volunteer project has mapped ninety kilometres of forgotten paths.');
  });
});

describe('datelines', () => {
  it('reads a wire-service dateline with date and credit, and keeps the body whole', () => {
    const a = extract('dateline-reuters.html');
    expect(a.dateline).toEqual({ text: 'WASHINGTON, Nov 3 (Reuters)', place: 'WASHINGTON', credit: 'Reuters', separator: '-' });
    expect(a.text).toMatch(/^WASHINGTON, Nov 3 \(Reuters\) - A Senate committee/);
    expect(a.published).toBe('2025-11-03T19:20:00.000Z');
  });

  it('reads a mixed-case place with a region and an agency credit', () => {
    const a = extract('dateline-ap.html');
    expect(a.dateline).toEqual({ text: 'Kyiv, Ukraine (AP)', place: 'Kyiv, Ukraine', credit: 'AP', separator: '—' });
    expect(a.byline).toBe('Olena Marchuk');
  });

  it('reads a bare place dateline after a lead figure', () => {
    const a = extract('dateline-figure.html');
    expect(a.dateline).toEqual({ text: 'PARIS', place: 'PARIS', credit: null, separator: '—' });
  });

  it('reads a dateline in a page with an agency credit in parentheses', () => {
    expect(extract('credit-element.html').dateline).toEqual({ text: 'BERLIN (dpa)', place: 'BERLIN', credit: 'dpa', separator: '-' });
  });
});

describe('lead image, caption and credit', () => {
  it('takes the caption from <figcaption> and the "Photo: X" credit out of it', () => {
    const a = extract('dateline-figure.html');
    expect(a.image).toMatchObject({
      url: 'https://daily.example/photos/boulevard-800x600.jpg',
      caption: 'Paintings fill the window of a former shoe shop on the boulevard.',
      credit: 'Marie Dupont',
      alt: 'A shop window',
    });
    expect(a.text).not.toContain('Paintings fill the window');
  });

  it('reads a credit element inside the caption', () => {
    const a = extract('credit-element.html');
    expect(a.image).toMatchObject({
      url: 'https://serra.example/fotos/festival.jpg',
      caption: 'Público lota a praça durante o show de encerramento',
      credit: 'Ana Lima/Agência Serra',
    });
    expect(a.published).toBe('2025-07-28T00:00:00.000Z');
    expect(a.byline).toBe('Rafael Costa');
    expect(a.language).toBe('pt-BR');
  });

  it('reads a plain-text caption under the image and leaves it out of the body text', () => {
    const a = extract('caption-plain.html');
    expect(a.image).toMatchObject({ url: 'https://islands.example/pics/ferry.jpg', caption: 'The morning ferry leaves the north pier.', credit: 'Sam Okafor' });
    expect(a.text).not.toContain('north pier');
    expect(a.dateline).toEqual({ text: 'LONDON, March 2', place: 'LONDON', credit: null, separator: '—' });
  });
});

describe('body: boilerplate out, nothing of the article lost', () => {
  const a = extract('boilerplate-blog.html');

  it('keeps the quote, the list, the table and the last paragraph after an inline ad', () => {
    expect(a.text).toMatch(/^Twelve months ago/);
    expect(a.text).toContain('I came in with a radio that belonged to my grandfather');
    expect(a.text).toContain('Bicycles, mostly brakes and punctures');
    expect(a.text).toContain('Textiles 238 89%');
    expect(a.text).toMatch(/Saturday of the month\.$/);
    expect(a.html).toContain('<blockquote>');
    expect(a.html).toContain('<ul>');
    expect(a.html).toContain('<table>');
  });

  it('drops share row, related box, newsletter prompt, comments, comment form, cookie notice and ads', () => {
    for (const junk of ['Sharing is caring', 'Related posts', 'Fixing kettles', 'newsletter', 'Leave a Reply', 'vacuum cleaner', 'cookies', 'Advertisement', 'Popular', 'Privacy', 'About us']) {
      expect(a.text).not.toContain(junk);
    }
    expect(a.text).not.toContain('What we learned from a year of repair cafés');
  });

  it('reads the byline and date of the post and no ad as the lead image', () => {
    expect(a.byline).toBe('Kit Alvarez');
    expect(a.published).toBe('2025-05-11T09:00:00.000Z');
    expect(a.publisher).toBe("Fixers' Journal");
    expect(a.image).toBeNull();
  });

  it('returns sanitised HTML with absolute links', () => {
    const b = extractArticle(
      '<html><body><article><p>First paragraph of a story that is long enough to count as one, with <a href="/more">a link</a> inside.</p><p onclick="x()">Second paragraph, again long enough to be scored by the extractor as text.</p><script>alert(1)</script></article></body></html>',
      'https://news.example/a/b',
    );
    expect(b.html).toContain('href="https://news.example/more"');
    expect(b.html).not.toContain('onclick');
    expect(b.html).not.toContain('script');
  });
});
