import { it, expect } from 'vitest';
import { describeWithSharedData } from '../../test/support/shared-data.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { renderAtom, renderJsonFeed, renderRss, atomId } from './feeds-out.js';
import { renderArticlePage } from './views/article-page.js';
import { seedArticlePage, seedFeedEntries } from './testdata/fixtures.js';
import type { FeedEntry } from './feeds-out.js';

const site = seedArticlePage().site;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'entry', 'link'].includes(name) });

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

/** The same article after an update: new text, new headline, new modified date — same guid. */
function updated(items: FeedEntry[]): FeedEntry[] {
  return items.map((item, i) =>
    i === 0
      ? { ...item, article: { ...item.article, headline: `${item.article.headline} (updated)`, bodyHtml: `${item.article.bodyHtml}<p>Update.</p>`, versionCreated: '2023-02-02T10:00:00Z' } }
      : item,
  );
}

describeWithSharedData('renderRss', () => {
  const items = seedFeedEntries();
  const rss = parse(renderRss(site, items, 'https://21st.example/feed.rss')).rss;

  it('is RSS 2.0 with a self link', () => {
    expect(rss['@version']).toBe('2.0');
    expect(rss.channel.title).toBe('The 21st Century');
    expect(rss.channel['atom:link']['@href']).toBe('https://21st.example/feed.rss');
    expect(rss.channel.item).toHaveLength(3);
  });

  it('gives each item a non-permalink guid, absolute link and <source url>', () => {
    const [first] = rss.channel.item;
    expect(first.guid).toEqual({ '#text': 'https://21st.example/articles/id/42', '@isPermaLink': 'false' });
    expect(first.link).toEqual(['https://21st.example/articles/lavrov-says-received-certain-message-from-blinken']);
    expect(first.source).toEqual({ '#text': 'Sputnik News', '@url': 'https://21st.example/sources/sputnik-news' });
    // The source's publication time (14:05 in Moscow), not the time this site republished it.
    expect(first.pubDate).toBe('Tue, 31 Jan 2023 11:05:00 GMT');
    expect(first['dc:creator']).toBe('Sputnik News');
  });

  it('carries the full text with the attribution and disclaimer appended', () => {
    const content: string = rss.channel.item[0]['content:encoded'];
    expect(content).toContain('Russian Foreign Minister Sergey Lavrov said on Tuesday');
    expect(content).toContain('instead of implementing the decisions of the supreme UN body');
    expect(content).toContain('Published by <a href="https://sputnik.example/20230124/lavrov-message-1106611.html" rel="noopener">Sputnik News</a>');
    expect(content).toContain('Republished by <a href="https://21st.example">The 21st Century</a>');
    expect(content).toContain('do not necessarily reflect the opinions of The 21st Century.');
    expect(content.indexOf('supreme UN body')).toBeLessThan(content.indexOf('Published by'));
  });

  it('keeps guids stable across an update', () => {
    const again = parse(renderRss(site, updated(items), 'https://21st.example/feed.rss')).rss;
    expect(again.channel.item.map((i: any) => i.guid['#text'])).toEqual(rss.channel.item.map((i: any) => i.guid['#text']));
    expect(again.channel.item[0].title).toContain('(updated)');
  });

  it('escapes hostile text and drops characters XML forbids', () => {
    const hostile = [{ article: { ...items[0].article, headline: 'A & B <c> ]]> "d"\u0001' }, source: { ...items[0].source, name: 'S "&" <x>' } }];
    const xml = renderRss(site, hostile, 'https://21st.example/feed.rss?a=1&b=2');
    expect(xml).toContain('<title>A &amp; B &lt;c&gt; ]]&gt; &quot;d&quot;</title>');
    expect(xml).not.toContain('\u0001');
    const parsed = parse(xml).rss;
    expect(parsed.channel.item[0].title).toBe('A & B <c> ]]> "d"');
    expect(parsed.channel.item[0].source).toEqual({ '#text': 'S "&" <x>', '@url': 'https://21st.example/sources/sputnik-news' });
    expect(parsed.channel['atom:link']['@href']).toBe('https://21st.example/feed.rss?a=1&b=2');
  });
});

describeWithSharedData('renderAtom', () => {
  const items = seedFeedEntries();
  const feed = parse(renderAtom(site, items, 'https://21st.example/feed.atom')).feed;

  it('is Atom with id, updated, self link and author', () => {
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('https://21st.example/feed.atom');
    expect(feed.updated).toBe('2023-02-01T09:00:00.000Z');
    expect(feed.link.find((l: any) => l['@rel'] === 'self')['@href']).toBe('https://21st.example/feed.atom');
    expect(feed.author.name).toBe('The 21st Century');
  });

  it('gives entries stable ids, via links and atom:source', () => {
    const [first] = feed.entry;
    expect(first.id).toBe('https://21st.example/articles/id/42');
    expect(first.link.find((l: any) => l['@rel'] === 'via')['@href']).toBe('https://sputnik.example/20230124/lavrov-message-1106611.html');
    expect(first.source.title).toBe('Sputnik News');
    expect(first.source.id).toBe('https://sputnik.example/');
    expect(first.published).toBe('2023-01-31T11:05:00.000Z');
    expect(first.updated).toBe('2023-02-01T09:00:00.000Z');
    expect(first.content['@type']).toBe('html');
    const again = parse(renderAtom(site, updated(items), 'https://21st.example/feed.atom')).feed;
    expect(again.entry.map((e: any) => e.id)).toEqual(feed.entry.map((e: any) => e.id));
  });

  it('makes an IRI of a guid without a scheme', () => {
    expect(atomId('42')).toBe('urn:convey:42');
    expect(atomId('tag:21st.example,2023:42')).toBe('tag:21st.example,2023:42');
  });
});

describeWithSharedData('renderJsonFeed', () => {
  const items = seedFeedEntries();
  const feed = JSON.parse(renderJsonFeed(site, items, 'https://21st.example/feed.json'));

  it('is JSON Feed 1.1 with the source of each item', () => {
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe('https://21st.example/feed.json');
    const [first] = feed.items;
    expect(first.id).toBe('https://21st.example/articles/id/42');
    expect(first.url).toBe('https://21st.example/articles/lavrov-says-received-certain-message-from-blinken');
    expect(first.external_url).toBe('https://sputnik.example/20230124/lavrov-message-1106611.html');
    expect(first.authors).toEqual([{ name: 'Sputnik News' }]);
    expect(first._convey.source).toEqual({ name: 'Sputnik News', url: 'https://21st.example/sources/sputnik-news', home_page_url: 'https://sputnik.example/' });
    expect(first.content_html).toContain('Republished by');
    expect(first.date_modified).toBe('2023-02-01T09:00:00.000Z');
  });

  it('keeps ids stable across an update', () => {
    const again = JSON.parse(renderJsonFeed(site, updated(items), 'https://21st.example/feed.json'));
    expect(again.items.map((i: any) => i.id)).toEqual(feed.items.map((i: any) => i.id));
  });
});

describeWithSharedData('feeds out read back by a feed parser', () => {
  const items = seedFeedEntries();

  it('RSS: guid, source and full content survive', () => {
    const feed = parseRssFeed(renderRss(site, items, 'https://21st.example/feed.rss'));
    expect(feed.items?.map((i) => i.guid?.value)).toEqual(['https://21st.example/articles/id/42', 'https://21st.example/articles/id/17', 'https://21st.example/articles/id/43']);
    expect(feed.items?.[0].guid?.isPermaLink).toBe(false);
    expect(feed.items?.[0].source).toEqual({ title: 'Sputnik News', url: 'https://21st.example/sources/sputnik-news' });
    expect(feed.items?.[0].content?.encoded).toContain('Republished by');
  });

  it('Atom: ids and source survive', () => {
    const feed = parseAtomFeed(renderAtom(site, items, 'https://21st.example/feed.atom'));
    expect(feed.entries?.map((e) => e.id)).toEqual(['https://21st.example/articles/id/42', 'https://21st.example/articles/id/17', 'https://21st.example/articles/id/43']);
    expect(feed.entries?.[0].source?.title).toEqual({ value: 'Sputnik News' });
  });

  it('JSON Feed: ids survive', () => {
    const feed = parseJsonFeed(JSON.parse(renderJsonFeed(site, items, 'https://21st.example/feed.json')));
    expect(feed.items?.map((i) => i.id)).toEqual(['https://21st.example/articles/id/42', 'https://21st.example/articles/id/17', 'https://21st.example/articles/id/43']);
  });
});

describeWithSharedData('feeds out carry what the page carries', () => {
  const entries = seedFeedEntries();

  it('renders the source’s attribution template, the license and the disclaimer in every item, as the page does', () => {
    const withTemplate = entries.map((e) => ({ ...e, source: { ...e.source, attributionTemplate: 'First published by {source} under {license}' } }));
    const rss = parse(renderRss(site, withTemplate, 'https://21st.example/feed.xml')).rss;
    for (const item of rss.channel.item) {
      const content: string = item['content:encoded'];
      expect(content).toMatch(/First published by <a href="[^"]+" rel="noopener">[^<]+<\/a> under CC BY 4\.0/);
      expect(content).toContain('License: <a href="https://creativecommons.org/licenses/by/4.0/" rel="license noopener">CC BY 4.0</a>.');
      expect(content).toContain('do not necessarily reflect the opinions of The 21st Century.');
    }
    const page = renderArticlePage({ ...seedArticlePage(), source: withTemplate[0].source });
    const pageProvenance = /<footer class="provenance">\n([\s\S]*?)\n<\/footer>/.exec(page)![1];
    expect(rss.channel.item[0]['content:encoded']).toContain(pageProvenance);
  });

  it('carries the license: RSS dc:rights, Atom rights, JSON Feed _convey.license', () => {
    const statement = 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Republished with attribution to the original publisher. © Sputnik News';
    expect(parse(renderRss(site, entries, 'https://21st.example/feed.xml')).rss.channel.item[0]['dc:rights']).toBe(statement);
    expect(parse(renderAtom(site, entries, 'https://21st.example/feed.atom')).feed.entry[0].rights).toEqual({ '#text': statement, '@type': 'text' });
    expect(JSON.parse(renderJsonFeed(site, entries, 'https://21st.example/feed.json')).items[0]._convey.license).toEqual({
      name: 'CC BY 4.0',
      url: 'https://creativecommons.org/licenses/by/4.0/',
      usage_terms: 'Republished with attribution to the original publisher.',
      copyright_holder: 'Sputnik News',
      statement,
    });
  });

  it('fails closed: an item whose provenance cannot be rendered whole is left out of every feed', () => {
    const broken = entries.map((e, i) =>
      i === 1 ? { ...e, source: { ...e.source, rights: { ...e.source.rights, license: null }, attributionTemplate: 'From {source} under {license}' } } : e,
    );
    const ids = ['https://21st.example/articles/id/42', 'https://21st.example/articles/id/43'];
    expect(parse(renderRss(site, broken, 'https://21st.example/feed.xml')).rss.channel.item.map((i: any) => i.guid['#text'])).toEqual(ids);
    expect(parse(renderAtom(site, broken, 'https://21st.example/feed.atom')).feed.entry.map((e: any) => e.id)).toEqual(ids);
    expect(JSON.parse(renderJsonFeed(site, broken, 'https://21st.example/feed.json')).items.map((i: any) => i.id)).toEqual(ids);
    expect(parse(renderRss({ ...site, name: ' ' }, entries, 'https://21st.example/feed.xml')).rss.channel.item).toBeUndefined();
  });

  it('gives each item its own dates: published is the source’s, updated the version’s', () => {
    const rss = parse(renderRss(site, entries, 'https://21st.example/feed.xml')).rss;
    expect(rss.channel.item.map((i: any) => i.pubDate)).toEqual(['Tue, 31 Jan 2023 11:05:00 GMT', 'Mon, 24 Oct 2022 10:00:00 GMT', 'Tue, 31 Jan 2023 15:00:00 GMT']);
    const json = JSON.parse(renderJsonFeed(site, entries, 'https://21st.example/feed.json'));
    expect(json.items.map((i: any) => [i.date_published, i.date_modified])).toEqual([
      ['2023-01-31T11:05:00.000Z', '2023-02-01T09:00:00.000Z'],
      ['2022-10-24T10:00:00.000Z', '2022-10-24T11:00:00.000Z'],
      ['2023-01-31T15:00:00.000Z', '2023-01-31T16:00:00.000Z'],
    ]);
  });
});
