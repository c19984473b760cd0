import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from './parse-feed.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./testdata/${name}`, import.meta.url)));
const FEED_URL = 'https://feeds.example.org/path/feed.xml';

describe('parseFeed: RSS 2.0 with Media RSS', () => {
  const feed = parseFeed(fixture('rss20-media.xml'), 'application/rss+xml', FEED_URL);

  it('reads the channel', () => {
    expect(feed).toMatchObject({
      format: 'rss', version: 'rss20', encoding: 'utf-8', bozo: false,
      title: 'Harbour Gazette', link: 'https://news.example.org/', language: 'en-gb',
      generator: 'Hand-written', rights: '© 2026 Harbour Gazette', updated: '2026-03-10T08:30:00.000Z',
      ttlMinutes: 30, updatePeriodMinutes: 30,
    });
    expect(feed.description).toBe('Local news from the harbour &amp; the hills');
    expect(feed.image).toMatchObject({ url: 'https://feeds.example.org/logo.png', caption: 'Harbour Gazette' });
  });

  it('reads an item: plain-text title, absolute links, sanitised HTML', () => {
    const [item] = feed.entries;
    expect(item.guid).toBe('gazette-1001');
    expect(item.key).toBe('gazette-1001');
    expect(item.title).toBe('Ferry returns to the island');
    expect(item.link).toBe('https://feeds.example.org/2026/03/ferry-returns');
    expect(item.summaryHtml).toContain('href="https://feeds.example.org/timetable"');
    expect(item.summaryHtml).not.toContain('script');
    expect(item.contentHtml).toContain('src="https://feeds.example.org/img/ferry.jpg"');
    expect(item.contentHtml).not.toContain('onclick');
    expect(item.published).toBe('2026-03-10T08:15:00.000Z');
    expect(item.authors).toEqual([{ name: 'Ana Pereira', email: null, url: null }]);
    expect(item.categories).toEqual(['Transport', 'Island']);
    expect(item.comments).toBe('https://news.example.org/2026/03/ferry-returns#comments');
    expect(item.source).toEqual({ title: 'Coastal Wire', url: 'https://wire.example.com/feed.xml' });
  });

  it('keeps media captions and credits with their images, and enclosures apart', () => {
    const [item] = feed.entries;
    expect(item.images[0]).toEqual({
      url: 'https://cdn.example.org/ferry-large.jpg', caption: 'The ferry leaving the harbour at dawn.', credit: 'J. Smith', width: 1200, height: 800,
    });
    expect(item.images[1].url).toBe('https://cdn.example.org/ferry-thumb.jpg');
    expect(item.enclosures).toEqual([{ url: 'https://cdn.example.org/ferry-report.mp3', type: 'audio/mpeg', length: 123456 }]);
  });

  it('reads "email (Name)" authors and US zone names', () => {
    const second = feed.entries[1];
    expect(second.authors).toEqual([{ name: 'News Desk', email: 'desk@news.example.org', url: null }]);
    expect(second.published).toBe('2026-03-09T22:00:00.000Z');
    expect(second.key).toBe('https://news.example.org/2026/03/council');
  });
});

describe('parseFeed: Atom 1.0 with xml:base', () => {
  const feed = parseFeed(fixture('atom-xml-base.xml'), 'application/atom+xml', FEED_URL);

  it('resolves nested xml:base for links, logo, author uri and content', () => {
    expect(feed.format).toBe('atom');
    expect(feed.version).toBe('atom10');
    expect(feed.link).toBe('https://blog.example.net/');
    expect(feed.image?.url).toBe('https://blog.example.net/images/logo.png');
    expect(feed.author).toEqual({ name: 'Claire Martin', email: 'claire@example.net', url: 'https://blog.example.net/about' });
    const [entry] = feed.entries;
    expect(entry.link).toBe('https://blog.example.net/posts/2026/mistral.html');
    expect(entry.contentHtml).toContain('href="https://blog.example.net/posts/2026/assets/carte.html"');
    expect(entry.contentHtml).toContain('src="https://blog.example.net/posts/2026/assets/vent.png"');
    expect(entry.contentHtml).not.toContain('<div');
  });

  it('handles text constructs by type and inherits language and authors', () => {
    const [entry, second] = feed.entries;
    expect(feed.description).toBe('Notes <b>de terrain</b>');
    expect(entry.title).toBe('Le mistral est revenu');
    expect(entry.summaryHtml).toBe('Trois jours de vent &lt;fort&gt;.');
    expect(entry.published).toBe('2026-01-31T08:00:00.000Z');
    expect(entry.updated).toBe('2026-01-31T14:30:00.000Z');
    expect(entry.language).toBe('fr');
    expect(entry.categories).toEqual(['météo']);
    expect(entry.enclosures).toEqual([{ url: 'https://blog.example.net/posts/2026/mistral.jpg', type: 'image/jpeg', length: 2048 }]);
    expect(entry.images.map((i) => i.url)).toEqual(['https://blog.example.net/posts/2026/mistral.jpg']);
    expect(second.contentHtml).toBe('<p>Rien &amp; tout</p>');
    expect(second.authors[0].name).toBe('Claire Martin');
    expect(second.link).toBeNull();
  });
});

describe('parseFeed: other formats', () => {
  it('reads RSS 1.0 (RDF) with Dublin Core', () => {
    const feed = parseFeed(fixture('rdf.xml'), 'application/rdf+xml', FEED_URL);
    expect(feed).toMatchObject({ format: 'rdf', version: 'rss10', title: 'Science Notes', language: 'de' });
    expect(feed.entries[0]).toMatchObject({
      guid: 'https://science.example.com/n/1', title: 'Neue Messung', published: '2026-03-02T09:00:00.000Z', categories: ['Physik'],
    });
    expect(feed.entries[0].authors[0].name).toBe('Jonas Weber');
  });

  it('reads JSON Feed 1.1 and sanitises content_html', () => {
    const feed = parseFeed(fixture('jsonfeed-11.json'), 'application/feed+json', FEED_URL);
    expect(feed).toMatchObject({ format: 'json', version: 'json11', title: 'Night Desk', language: 'en', link: 'https://night.example.com/' });
    expect(feed.image?.url).toBe('https://night.example.com/icon.png');
    const [storm, roads] = feed.entries;
    expect(storm.title).toBe('Storm & power cuts');
    expect(storm.contentHtml).toContain('href="https://night.example.com/map"');
    expect(storm.contentHtml).not.toContain('iframe');
    expect(storm.images[0].url).toBe('https://night.example.com/img/storm.jpg');
    expect(storm.enclosures[0]).toEqual({ url: 'https://night.example.com/storm.mp3', type: 'audio/mpeg', length: 5000 });
    expect(storm.categories).toEqual(['weather', 'power']);
    expect(roads.contentHtml).toBe('Roads are closed.<br />Drive carefully.');
    expect(roads.authors[0].name).toBe('Night Desk');
  });

  it('detects the format from the content, not the content type', () => {
    const feed = parseFeed(fixture('rdf.xml'), 'text/html', FEED_URL);
    expect(feed.format).toBe('rdf');
  });
});

describe('parseFeed: encodings', () => {
  it('falls back to windows-1252 when undeclared bytes are not UTF-8', () => {
    const feed = parseFeed(fixture('windows-1252-no-declaration.xml'), null, FEED_URL);
    expect(feed.encoding).toBe('windows-1252');
    expect(feed.bozo).toBe(false);
    expect(feed.title).toBe('Café “news”');
    expect(feed.entries[0].title).toBe('Price: 5 €');
  });

  it('reads UTF-16 with a byte-order mark', () => {
    const feed = parseFeed(fixture('utf-16le-bom.xml'), 'application/atom+xml', FEED_URL);
    expect(feed.encoding).toBe('utf-16le');
    expect(feed.title).toBe('Шторм — 日本');
    expect(feed.entries[0].title).toBe('Été');
  });
});

describe('parseFeed: identity', () => {
  it('keeps repeated GUIDs apart deterministically', () => {
    const bytes = fixture('repeated-guids.xml');
    const keys = parseFeed(bytes, null, FEED_URL).entries.map((e) => e.key);
    expect(keys.slice(0, 4)).toEqual(['same', 'same|https://careless.example.com/b', 'same|#3', 'https://feeds.example.org/c']);
    expect(keys[4]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(new Set(keys).size).toBe(keys.length);
    expect(parseFeed(bytes, null, FEED_URL).entries.map((e) => e.key)).toEqual(keys);
  });
});

describe('parseFeed: links from guids', () => {
  it('uses a permalink guid as the link only when it is an absolute web address', () => {
    const xml = '<rss version="2.0"><channel><item><guid>story-17</guid></item><item><guid>https://x.example/s/18</guid></item></channel></rss>';
    const [a, b] = parseFeed(new TextEncoder().encode(xml), null, FEED_URL).entries;
    expect(a.link).toBeNull();
    expect(a.key).toBe('story-17');
    expect(b.link).toBe('https://x.example/s/18');
  });
});

describe('parseFeed: media in the forms feeds really use', () => {
  it('reads a media:group (as video sites publish it): description as summary, thumbnail as image', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
      <entry><id>yt:1</id><title>Clip</title><media:group><media:title>Clip</media:title>
      <media:description>What the clip shows.</media:description>
      <media:thumbnail url="https://i.example.com/1.jpg" width="480" height="360"/></media:group></entry></feed>`;
    const [entry] = parseFeed(new TextEncoder().encode(xml), null, FEED_URL).entries;
    expect(entry.summaryHtml).toBe('What the clip shows.');
    expect(entry.images).toEqual([{ url: 'https://i.example.com/1.jpg', caption: 'What the clip shows.', credit: null, width: 480, height: 360 }]);
  });

  it('reads an item-level <image>', () => {
    const xml = '<rss version="2.0"><channel><item><title>A</title><image>/img/a.png</image></item></channel></rss>';
    const [entry] = parseFeed(new TextEncoder().encode(xml), null, FEED_URL).entries;
    expect(entry.images.map((i) => i.url)).toEqual(['https://feeds.example.org/img/a.png']);
  });
});

describe('parseFeed: refusals and hostile input', () => {
  it('refuses an HTML page with a clear error', () => {
    expect(() => parseFeed(fixture('html-page.html'), 'application/rss+xml', FEED_URL)).toThrow(FeedParseError);
    expect(() => parseFeed(fixture('html-page.html'), null, FEED_URL)).toThrow('not a feed: the document is HTML');
  });

  it('refuses an empty document and broken JSON', () => {
    expect(() => parseFeed(new Uint8Array(0), null, FEED_URL)).toThrow('empty document');
    expect(() => parseFeed(new TextEncoder().encode('  \n '), null, FEED_URL)).toThrow('empty document');
    expect(() => parseFeed(new TextEncoder().encode('{"items": [}'), null, FEED_URL)).toThrow(/not a feed: invalid JSON/);
    expect(() => parseFeed(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), null, FEED_URL)).toThrow(/unknown root element <svg>/);
  });

  it('does not expand a billion-laughs entity bomb, and returns quickly', () => {
    const started = performance.now();
    const feed = parseFeed(fixture('billion-laughs.xml'), null, FEED_URL);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(feed.bozo).toBe(true);
    expect(feed.bozoReason).toMatch(/unexpanded/);
    expect(feed.title).toBe('&lol9;');
    expect(feed.entries[0].title).toBe('Laugh lol');
    expect(feed.entries[0].summaryHtml!.length).toBeLessThan(50);
  });

  it('reads a broken document as far as it goes and flags it', () => {
    const feed = parseFeed(new TextEncoder().encode('<rss version="2.0"><channel><title>Half</title><item><title>One</title></item>'), null, FEED_URL);
    expect(feed.bozo).toBe(true);
    expect(feed.title).toBe('Half');
    expect(feed.entries.map((e) => e.title)).toEqual(['One']);
  });

  it('decodes HTML entities that XML does not define, and flags them', () => {
    const feed = parseFeed(new TextEncoder().encode('<rss version="2.0"><channel><title>Caf&eacute; &amp; bar&hellip;</title></channel></rss>'), null, FEED_URL);
    expect(feed.title).toBe('Café & bar…');
    expect(feed.bozo).toBe(true);
  });

  it('uses Content-Location and Content-Language headers', () => {
    const bytes = new TextEncoder().encode('<feed xmlns="http://www.w3.org/2005/Atom"><link href="/home"/><entry><id>1</id></entry></feed>');
    const feed = parseFeed(bytes, 'application/atom+xml', FEED_URL, { 'Content-Location': 'https://other.example.com/x/feed', 'Content-Language': 'nl' });
    expect(feed.link).toBe('https://other.example.com/home');
    expect(feed.language).toBe('nl');
  });
});
