import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { inflateSync } from 'node:zlib';
import { startDemoServer, type DemoServer } from './demo-sources.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name, jpath) => ['item', 'entry'].includes(name) || jpath === 'feed.entry.link',
});

let demo: DemoServer;
beforeEach(async () => {
  demo = await startDemoServer({ port: 0 });
});
afterEach(async () => {
  await demo.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { response, text: await response.text() };
}

async function wireItems(): Promise<Array<{ link: string; guid: { '#text': string } }>> {
  return parser.parse((await get(demo.sources[0].feedUrl)).text).rss.channel.item;
}

async function outletEntries(): Promise<Array<{ link: Array<{ '@href': string }>; content: { '#text': string } }>> {
  return parser.parse((await get(demo.sources[1].feedUrl)).text).feed.entry;
}

function jsonLd(html: string) {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no JSON-LD');
  return JSON.parse(match[1]);
}

describe('startDemoServer', () => {
  it('listens on loopback on a free port and describes both sources', async () => {
    expect(demo.port).toBeGreaterThan(0);
    expect(demo.origin).toBe(`http://127.0.0.1:${demo.port}`);
    expect(demo.sources.map((s) => [s.slug, s.license, s.indexingPolicy, s.updatePolicy])).toEqual([
      ['kestrel-wire', 'CC BY 4.0', 'canonical-to-source', 'auto'],
      ['brackwater-ledger', 'CC BY-SA 4.0', 'noindex-news', 'auto'],
    ]);
    expect(demo.articleCount).toBe(11);
    for (const source of demo.sources) {
      expect(source.feedUrl.startsWith(demo.origin)).toBe(true);
      const logo = await fetch(source.logoUrl!);
      expect(logo.headers.get('content-type')).toBe('image/png');
    }
  });

  it('serves the wire RSS with summaries only and every article page with JSON-LD and a credited figure', async () => {
    const { response } = await get(demo.sources[0].feedUrl);
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const items = await wireItems();
    expect(items.length).toBeGreaterThanOrEqual(6);
    for (const item of items) {
      const page = await get(item.link);
      expect(page.response.status).toBe(200);
      expect(page.response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(jsonLd(page.text)['@type']).toBe('NewsArticle');
      expect(page.text).toMatch(/<figure class="lead-image">[\s\S]*<figcaption>[^<]+<span class="credit">Photo: [^<]+<\/span><\/figcaption>/);
    }
  });

  it('serves the outlet Atom with full content and its pages', async () => {
    const { response } = await get(demo.sources[1].feedUrl);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const entries = await outletEntries();
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const entry of entries) {
      expect(entry.content['#text'].match(/<p>/g)?.length).toBeGreaterThanOrEqual(4);
      expect((await get(entry.link[0]['@href'])).response.status).toBe(200);
    }
  });

  it('serves decodable PNG images', async () => {
    const item = (await wireItems())[0] as unknown as { 'media:content': { '@url': string } };
    const response = await fetch(item['media:content']['@url']);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await response.arrayBuffer());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect([width, height]).toEqual([800, 450]);
    const idatLength = png.readUInt32BE(33);
    expect(png.toString('latin1', 37, 41)).toBe('IDAT');
    expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe(height * (1 + width * 3));
  });

  it('answers 304 to a conditional GET of a feed, by ETag and by date', async () => {
    for (const source of demo.sources) {
      const first = await fetch(source.feedUrl);
      await first.text();
      const etag = first.headers.get('etag');
      const lastModified = first.headers.get('last-modified');
      expect(etag).toMatch(/^"[^"]+"$/);
      expect(lastModified).toBeTruthy();
      expect((await fetch(source.feedUrl, { headers: { 'If-None-Match': etag! } })).status).toBe(304);
      expect((await fetch(source.feedUrl, { headers: { 'If-Modified-Since': lastModified! } })).status).toBe(304);
      expect((await fetch(source.feedUrl, { headers: { 'If-None-Match': '"stale"' } })).status).toBe(200);
      expect((await fetch(source.feedUrl, { headers: { 'If-Modified-Since': 'Thu, 01 Jan 2015 00:00:00 GMT' } })).status).toBe(200);
    }
  });

  it('serves version 2 of the updated story after applyUpdate(), with a correction and a later dateModified', async () => {
    const feed = await fetch(demo.sources[0].feedUrl);
    await feed.text();
    const before = await get(demo.updatedStoryUrl);
    const ldBefore = jsonLd(before.text);
    expect(before.text).not.toContain('Correction:');
    expect(ldBefore.dateModified).toBe(ldBefore.datePublished);

    demo.applyUpdate();
    const after = await get(demo.updatedStoryUrl);
    const ldAfter = jsonLd(after.text);
    expect(after.text).toContain('Correction: An earlier version of this story misstated');
    expect(after.text).not.toBe(before.text);
    expect(Date.parse(ldAfter.dateModified)).toBeGreaterThan(Date.parse(ldAfter.datePublished));
    expect(ldAfter.datePublished).toBe(ldBefore.datePublished);
    // The feed changed too (new summary), so a conditional GET with the old ETag gets the new feed.
    const again = await fetch(demo.sources[0].feedUrl, { headers: { 'If-None-Match': feed.headers.get('etag')! } });
    expect(again.status).toBe(200);
    // The GUID is stable across the update.
    const items = parser.parse(await again.text()).rss.channel.item as Array<{ link: string; guid: { '#text': string } }>;
    expect(items.filter((i) => i.link === demo.updatedStoryUrl)).toHaveLength(1);
  });

  it('withdraws a story after applyWithdrawal(): 410 and out of the feed', async () => {
    expect((await get(demo.withdrawnStoryUrl)).response.status).toBe(200);
    expect((await wireItems()).some((i) => i.link === demo.withdrawnStoryUrl)).toBe(true);
    const feed = await fetch(demo.sources[0].feedUrl);
    await feed.text();

    demo.applyWithdrawal();
    const gone = await get(demo.withdrawnStoryUrl);
    expect(gone.response.status).toBe(410);
    expect(gone.text).toContain('withdrawn');
    expect((await wireItems()).some((i) => i.link === demo.withdrawnStoryUrl)).toBe(false);
    expect(demo.articleCount).toBe(10);
    const conditional = await fetch(demo.sources[0].feedUrl, { headers: { 'If-Modified-Since': feed.headers.get('last-modified')! } });
    expect(conditional.status).toBe(200);
  });

  it('carries the shared story in both feeds', async () => {
    expect((await wireItems()).map((i) => i.link)).toContain(demo.sharedStory.wireUrl);
    const copy = (await outletEntries()).find((e) => e.link[0]['@href'] === demo.sharedStory.outletUrl);
    expect(copy).toBeDefined();
    expect(copy!.content['#text']).toContain(demo.sharedStory.wireUrl);
  });

  it('answers 404 for unknown paths, 405 for other methods, and HEAD without a body', async () => {
    expect((await get(`${demo.origin}/wire/news/no-such-story`)).response.status).toBe(404);
    expect((await get(`${demo.origin}/images/nothing.png`)).response.status).toBe(404);
    expect((await fetch(demo.sources[0].feedUrl, { method: 'POST' })).status).toBe(405);
    const head = await fetch(demo.sources[0].feedUrl, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
    expect(await head.text()).toBe('');
  });
});

describe('startDemoServer with a given clock', () => {
  it('dates every story relative to now', async () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const server = await startDemoServer({ now });
    try {
      const html = await (await fetch(server.updatedStoryUrl)).text();
      const published = Date.parse(jsonLd(html).datePublished);
      expect(published).toBeLessThan(now.getTime());
      expect(published).toBeGreaterThan(now.getTime() - 3 * 86_400_000);
    } finally {
      await server.close();
    }
  });
});
