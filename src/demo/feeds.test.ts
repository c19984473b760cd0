import { describe, it, expect } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { parseFeed } from '@rowanmanning/feed-parser';
import { renderOutletAtom, renderWireRss } from './feeds.js';
import { resolvePublisher } from './catalog.js';
import { kestrelWire, sharedWireStory } from './content/kestrel-wire.js';
import { brackwaterLedger } from './content/brackwater-ledger.js';
import { htmlToText } from '../clean/sanitize.js';
import type { DemoPublisher } from './content/types.js';

const origin = 'http://127.0.0.1:4100';
const now = new Date('2026-11-20T09:00:00Z');
const state = { updatedAt: null, withdrawnAt: null };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'entry', 'category', 'author', 'dc:creator', 'link'].includes(name) });

function sites(publishers: DemoPublisher[] = [kestrelWire, brackwaterLedger]) {
  return publishers.map((p) => resolvePublisher(p, publishers, origin, now, state));
}

describe('wire RSS', () => {
  const [wire] = sites();
  const xml = renderWireRss(wire);
  const channel = parser.parse(xml).rss.channel;

  it('parses, with one item per live story and summaries only', () => {
    expect(channel.item.length).toBeGreaterThanOrEqual(6);
    for (const item of channel.item) {
      expect(item.description.length).toBeGreaterThan(40);
      expect(item.description.length).toBeLessThan(300);
      expect(item.description).not.toMatch(/[<>]/);
      expect(item['content:encoded']).toBeUndefined();
    }
  });

  it('carries non-permalink GUIDs, dates, creators and the Media RSS image with caption and credit', () => {
    const item = channel.item[0];
    expect(item.guid['@isPermaLink']).toBe('false');
    expect(item.guid['#text']).toMatch(/^kw-\d+$/);
    expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);
    expect(item['dc:creator'].length).toBeGreaterThan(0);
    const media = item['media:content'];
    expect(media['@url']).toMatch(/^http:\/\/127\.0\.0\.1:4100\/images\/.+\.png$/);
    expect(media['@type']).toBe('image/png');
    expect(media['media:description']['#text'].length).toBeGreaterThan(10);
    expect(media['media:credit']['#text']).toMatch(/^Photo: .+ \/ Kestrel Wire$/);
  });

  it('is read by the feed parser the pipeline uses', () => {
    const feed = parseFeed(xml);
    expect(feed.title).toBe('Kestrel Wire');
    expect(feed.items).toHaveLength(kestrelWire.stories.length);
    expect(feed.items[0].id).toMatch(/^kw-/);
    expect(feed.items[0].url).toMatch(/^http:\/\/127\.0\.0\.1:4100\/wire\/news\//);
  });
});

describe('outlet Atom', () => {
  const all = sites();
  const [wire, outlet] = all;
  const xml = renderOutletAtom(outlet, all);
  const feed = parser.parse(xml).feed;

  it('carries the full story as HTML content, with authors, alternate links and categories', () => {
    expect(feed.entry).toHaveLength(brackwaterLedger.stories.length);
    for (const entry of feed.entry) {
      const story = outlet.stories.find((s) => entry.id.endsWith(s.story.id));
      expect(story).toBeDefined();
      expect(entry.content['@type']).toBe('html');
      const text = htmlToText(entry.content['#text']);
      // Every paragraph of the story is in the feed, and the dateline opens the body.
      for (const block of story!.body) if (block.kind === 'paragraph') expect(text).toContain(block.text.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1'));
      expect(text).toContain('BRACKWATER —');
      expect(entry.content['#text']).toContain('<figcaption>');
      expect(entry.author[0].name.length).toBeGreaterThan(0);
      expect(entry.link[0]['@rel']).toBe('alternate');
      expect(entry.link[0]['@href']).toBe(story!.url);
      expect(entry.category.length).toBeGreaterThan(0);
      expect(entry['media:content']['@url']).toBe(story!.image.url);
      expect(entry['media:content']['media:credit']['#text']).toBe(story!.image.credit);
    }
  });

  it('makes every link in the content absolute and pointing at a story the outlet serves', () => {
    const hrefs = feed.entry.flatMap((e: { content: { '#text': string } }) => [...e.content['#text'].matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]));
    expect(hrefs.length).toBeGreaterThan(0);
    const known = new Set([...all.flatMap((site) => site.stories.map((s) => s.url))]);
    for (const href of hrefs) expect(known.has(href), href).toBe(true);
  });

  it('credits the wire on the republished entry, with an atom:source', () => {
    const copy = feed.entry.find((e: { source?: unknown }) => e.source);
    expect(copy.source.title).toBe('Kestrel Wire');
    expect(copy.content['#text']).toContain(`${origin}/wire/news/${sharedWireStory.slug}`);
    expect(wire.stories.some((s) => s.story.id === sharedWireStory.id)).toBe(true);
  });

  it('is read by the feed parser the pipeline uses, content included', () => {
    const parsed = parseFeed(xml);
    expect(parsed.items).toHaveLength(brackwaterLedger.stories.length);
    expect(parsed.items[0].content?.length ?? 0).toBeGreaterThan(1000);
    expect(parsed.items[0].authors[0]?.name).toBeTruthy();
  });
});

describe('escaping', () => {
  it('keeps hostile text as text in both feeds', () => {
    const evil = 'Tom & Jerry <script>alert("x")</script> ]]>';
    const hostile = (p: DemoPublisher): DemoPublisher => ({
      ...p,
      name: evil,
      stories: p.stories.map((s) => ({ ...s, text: { ...s.text, headline: evil, summary: evil }, authors: [evil] })),
    });
    const publishers = [hostile(kestrelWire), hostile(brackwaterLedger)];
    const resolved = sites(publishers);
    const rss = renderWireRss(resolved[0]);
    const atom = renderOutletAtom(resolved[1], resolved);
    expect(rss).not.toContain('<script>');
    expect(atom).not.toContain('<script>');
    expect(parser.parse(rss).rss.channel.item[0].title).toBe(evil);
    expect(parser.parse(atom).feed.entry[0].title['#text']).toBe(evil);
  });
});
