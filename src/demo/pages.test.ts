import { describe, it, expect } from 'vitest';
import { parseDocument } from 'htmlparser2';
import { selectAll, selectOne } from 'css-select';
import { textContent, getAttributeValue } from 'domutils';
import type { Element } from 'domhandler';
import { inlineHtml, renderBodyHtml, renderOutletArticlePage, renderWireArticlePage, renderWithdrawnPage } from './pages.js';
import { resolvePublisher } from './catalog.js';
import { kestrelWire } from './content/kestrel-wire.js';
import { brackwaterLedger } from './content/brackwater-ledger.js';

const origin = 'http://127.0.0.1:4200';
const now = new Date('2026-11-20T09:00:00Z');
const publishers = [kestrelWire, brackwaterLedger];
const [wire, outlet] = publishers.map((p) => resolvePublisher(p, publishers, origin, now, { updatedAt: null, withdrawnAt: null }));

function one(doc: ReturnType<typeof parseDocument>, selector: string): Element {
  const found = selectOne(selector, doc) as unknown as Element | null;
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

describe('inlineHtml', () => {
  it('escapes text and turns the link syntax into an escaped link', () => {
    expect(inlineHtml('a < b & [the "plan"](news/x?a=1&b=2) ok')).toBe(
      'a &lt; b &amp; <a href="news/x?a=1&amp;b=2">the &quot;plan&quot;</a> ok',
    );
    expect(inlineHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });
  it('resolves links against a base when given one', () => {
    expect(inlineHtml('see [this](other-story)', 'http://h.test/ledger/story/first')).toBe(
      'see <a href="http://h.test/ledger/story/other-story">this</a>',
    );
  });
});

describe('renderBodyHtml', () => {
  it('opens the first paragraph with the dateline and renders lists, quotes and tables', () => {
    const html = renderBodyHtml(
      [
        { kind: 'paragraph', text: 'First.' },
        { kind: 'list', ordered: true, items: ['one', 'two'] },
        { kind: 'quote', text: 'Said.', attribution: 'Someone' },
        { kind: 'table', caption: 'Cap', head: ['A', 'B'], rows: [['x', '1']] },
      ],
      { dateline: 'OSLO —', datelineStyle: 'strong' },
    );
    expect(html).toContain('<p><strong>OSLO —</strong> First.</p>');
    expect(html).toMatch(/<ol>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ol>/);
    expect(html).toMatch(/<blockquote>\s*<p>Said.<\/p>\s*<footer>— Someone<\/footer>/);
    expect(html).toContain('<caption>Cap</caption>');
    expect(html).toContain('<th scope="row">x</th><td>1</td>');
  });
});

describe('wire article page', () => {
  const story = wire.stories.find((s) => s.body.some((b) => b.kind === 'table'))!;
  const html = renderWireArticlePage(wire, story, wire.stories.filter((s) => s !== story).slice(0, 3));
  const doc = parseDocument(html);

  it('carries NewsArticle JSON-LD with headline, dates, author, publisher and image', () => {
    const data = JSON.parse(textContent(one(doc, 'script[type="application/ld+json"]')));
    expect(data['@type']).toBe('NewsArticle');
    expect(data.headline).toBe(story.headline);
    expect(data.datePublished).toBe(story.published.toISOString());
    expect(data.dateModified).toBe(story.modified.toISOString());
    expect(data.author[0].name).toBe(story.story.authors[0]);
    expect(data.publisher.name).toBe('Kestrel Wire');
    expect(data.image.url).toBe(story.image.url);
    expect(data.image.creditText).toBe(story.image.credit);
  });

  it('has canonical, license, Open Graph and a figure with caption and credit', () => {
    expect(getAttributeValue(one(doc, 'link[rel="canonical"]'), 'href')).toBe(story.url);
    expect(getAttributeValue(one(doc, 'link[rel="license"]'), 'href')).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(getAttributeValue(one(doc, 'meta[property="og:image"]'), 'content')).toBe(story.image.url);
    const caption = one(doc, 'article figure figcaption');
    expect(textContent(one(doc, 'article figure figcaption .credit'))).toBe(story.image.credit);
    expect(textContent(caption)).toContain(story.image.caption);
    expect(getAttributeValue(one(doc, 'article figure img'), 'src')).toBe(new URL(story.image.url).pathname);
  });

  it('puts the dateline at the start of the body and keeps the table', () => {
    const first = one(doc, 'article .story-body p');
    expect(textContent(first).startsWith(story.dateline + ' ')).toBe(true);
    expect(story.dateline).toMatch(/^NAIROBI, [A-Z][a-z]+\.? \d{1,2} \(Kestrel Wire\) -$/);
    expect(selectAll('article .story-body table tbody tr', doc)).toHaveLength(4);
  });

  it('has the boilerplate extraction must drop', () => {
    expect(selectOne('nav', doc)).not.toBeNull();
    expect(textContent(one(doc, '.share-row'))).toContain('Sharing is caring!');
    expect(textContent(one(doc, '.related h2'))).toBe('Related');
    expect(selectAll('.related li', doc)).toHaveLength(3);
    expect(selectOne('.newsletter form', doc)).not.toBeNull();
    expect(textContent(one(doc, '#respond h3'))).toBe('Leave a Reply');
    expect(selectOne('body > footer.site-footer', doc)).not.toBeNull();
  });
});

describe('outlet article page', () => {
  const copy = outlet.stories.find((s) => s.original)!;
  const html = renderOutletArticlePage(outlet, copy, []);
  const doc = parseDocument(html);

  it('has Open Graph but no JSON-LD and the caption as a paragraph under the image', () => {
    expect(selectOne('script[type="application/ld+json"]', doc)).toBeNull();
    expect(getAttributeValue(one(doc, 'meta[property="og:title"]'), 'content')).toBe(copy.headline);
    const caption = one(doc, '.photo img + p.caption');
    expect(textContent(caption)).toBe(`${copy.image.caption} ${copy.image.credit}`);
  });

  it('credits and links the wire original', () => {
    const link = (selectAll('.credit-line a', doc) as unknown as Element[]).map((a) => getAttributeValue(a, 'href'));
    expect(link).toEqual([copy.original!.url]);
    expect(textContent(one(doc, '.byline'))).toContain('Kestrel Wire');
  });
});

describe('withdrawn page', () => {
  it('says the story was withdrawn and is not indexable', () => {
    const doc = parseDocument(renderWithdrawnPage(wire));
    expect(textContent(one(doc, 'h1'))).toMatch(/withdrawn/);
    expect(getAttributeValue(one(doc, 'meta[name="robots"]'), 'content')).toBe('noindex');
  });
});
