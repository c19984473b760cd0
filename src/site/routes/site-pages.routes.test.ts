// The site over a store filled by hand: the order of "Latest news" everywhere, the news sitemap's limit, the
// withdrawn page's date, the search form, the favicon and the error pages in the site's layout.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { testBackends } from '../../store/test-backends.js';
import { loadConfig } from '../../config/config.js';
import { createSource } from '../../store/sources.js';
import { insertArticle, setArticleState } from '../../store/articles.js';
import { siteDepsOf } from '../../cli/serve-command.js';
import { createApp } from '../app.js';
import type { Store } from '../../store/database.js';
import type { Source } from '../../model/types.js';
import { parseHtml } from '../testdata/dom.js';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'url', 'entry'].includes(name) });

interface Story {
  slug: string;
  firstCreated: string | null;
  republishedAt: string;
}

async function publish(db: Store['db'], source: Source, story: Story, status: 'usable' | 'canceled' = 'usable', withdrawnAt: string | null = null) {
  const article = await insertArticle(
    db,
    {
      originalUrl: `${source.homeUrl}${story.slug}`, headline: `Story ${story.slug}`, subheadline: null, dateline: null, bodyHtml: `<p>Text of ${story.slug}.</p>`,
      bodyText: `Text of ${story.slug}.`, bodyOrigin: 'feed', byline: null, language: 'en', lead: null, topics: [], firstCreated: story.firstCreated,
      provenance: [], rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
      sourceId: source.id, feedId: null, entryKey: story.slug, slug: story.slug, pubStatus: status, holdReason: null,
    },
    new Date(story.republishedAt),
  );
  await setArticleState(db, article.id, { republishedAt: story.republishedAt, withdrawnAt }, new Date());
  return article;
}

for (const backend of testBackends()) {
  describe(`the site's pages (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: ReturnType<typeof createApp>;
    let wire: Source;
    let paper: Source;

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      app = createApp(siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_SITE_URL: 'https://desk.test' }), store));
      wire = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0', indexingPolicy: 'canonical-to-source' });
      paper = await createSource(store.db, { slug: 'paper', name: 'Paper', homeUrl: 'https://paper.test/', license: 'CC BY 4.0', indexingPolicy: 'index-self' });
    });
    afterEach(async () => dispose());

    describe('"Latest news" order', () => {
      // Taken in source by source (all of the wire's, then the paper's), as a poll does.
      const stories: [string, Story][] = [
        ['wire', { slug: 'w-early', firstCreated: '2024-05-01T08:00:00Z', republishedAt: '2024-05-01T12:00:00Z' }],
        ['wire', { slug: 'w-late', firstCreated: '2024-05-01T11:00:00Z', republishedAt: '2024-05-01T12:01:00Z' }],
        ['paper', { slug: 'p-mid', firstCreated: '2024-05-01T10:00:00Z', republishedAt: '2024-05-01T12:02:00Z' }],
        ['paper', { slug: 'p-undated', firstCreated: null, republishedAt: '2024-05-01T09:00:00Z' }],
        // Same source time as w-early, republished later: the republish time breaks the tie.
        ['paper', { slug: 'p-tie', firstCreated: '2024-05-01T08:00:00Z', republishedAt: '2024-05-01T12:03:00Z' }],
      ];
      const expected = ['w-late', 'p-mid', 'p-undated', 'p-tie', 'w-early'];
      beforeEach(async () => {
        for (const [owner, story] of stories) await publish(store.db, owner === 'wire' ? wire : paper, story);
      });
      const slugsIn = (html: string) => [...html.matchAll(/<h2 class="card-headline"><a href="\/articles\/([^"]+)"/g)].map((m) => m[1]);

      it('is by the source’s publication time on the home page and source pages', async () => {
        expect(slugsIn(await (await app.request('/')).text())).toEqual(expected);
        expect(slugsIn(await (await app.request('/sources/paper')).text())).toEqual(['p-mid', 'p-undated', 'p-tie']);
      });

      it('is the same in the feeds, each item with its own dates', async () => {
        const rss = xml.parse(await (await app.request('/feed.xml')).text()).rss.channel.item;
        expect(rss.map((i: any) => i.link.replace('https://desk.test/articles/', ''))).toEqual(expected);
        expect(rss.map((i: any) => i.pubDate)).toEqual([
          'Wed, 01 May 2024 11:00:00 GMT', 'Wed, 01 May 2024 10:00:00 GMT', 'Wed, 01 May 2024 09:00:00 GMT', 'Wed, 01 May 2024 08:00:00 GMT', 'Wed, 01 May 2024 08:00:00 GMT',
        ]);
        const atom = xml.parse(await (await app.request('/feed.atom')).text()).feed.entry;
        expect(atom.map((e: any) => e.published)).toEqual([
          '2024-05-01T11:00:00.000Z', '2024-05-01T10:00:00.000Z', '2024-05-01T09:00:00.000Z', '2024-05-01T08:00:00.000Z', '2024-05-01T08:00:00.000Z',
        ]);
        const json = JSON.parse(await (await app.request('/feed.json')).text());
        expect(json.items.map((i: any) => i.url.replace('https://desk.test/articles/', ''))).toEqual(expected);
      });

      it('is the same in the sitemap', async () => {
        const urls = xml.parse(await (await app.request('/sitemap.xml')).text()).urlset.url.map((u: any) => u.loc as string);
        expect(urls.filter((u: string) => u.includes('/articles/')).map((u: string) => u.replace('https://desk.test/articles/', ''))).toEqual(expected);
        expect((await app.request('/sitemap-1.xml')).status).toBe(404);
      });

      it('becomes a sitemap index when the URLs pass one sitemap’s limit, every URL on exactly one page', async () => {
        const small = createApp({ ...siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_SITE_URL: 'https://desk.test' }), store), sitemapLimit: 3 });
        const index = xml.parse(await (await small.request('/sitemap.xml')).text());
        const pages = [index.sitemapindex.sitemap].flat().map((s: any) => s.loc as string);
        // Home, two sources and five articles: eight URLs, three pages of three.
        expect(pages).toEqual(['https://desk.test/sitemap-1.xml', 'https://desk.test/sitemap-2.xml', 'https://desk.test/sitemap-3.xml']);
        const locs: string[] = [];
        for (const page of pages) {
          const res = await small.request(new URL(page).pathname);
          expect(res.status).toBe(200);
          locs.push(...xml.parse(await res.text()).urlset.url.map((u: any) => u.loc as string));
        }
        expect(locs).toEqual([
          'https://desk.test/', 'https://desk.test/sources/paper', 'https://desk.test/sources/wire',
          ...expected.map((slug) => `https://desk.test/articles/${slug}`),
        ]);
        expect((await small.request('/sitemap-4.xml')).status).toBe(404);
      });
    });

    it('fills the news sitemap with index-self articles even when a thousand newer ones are not', async () => {
      const now = Date.now();
      await publish(store.db, paper, { slug: 'own-story', firstCreated: null, republishedAt: new Date(now - 3_600_000).toISOString() });
      await store.db.transaction().execute(async (tx) => {
        for (let i = 0; i < 1000; i++) {
          await publish(tx, wire, { slug: `wire-${i}`, firstCreated: null, republishedAt: new Date(now - 60_000 - i).toISOString() });
        }
      });
      const urls = xml.parse(await (await app.request('/news-sitemap.xml')).text()).urlset.url ?? [];
      expect(urls.map((u: any) => u.loc)).toEqual(['https://desk.test/articles/own-story']);
    }, 60_000);

    it('dates a withdrawn story by its withdrawal, not by its last update', async () => {
      await publish(store.db, wire, { slug: 'gone', firstCreated: null, republishedAt: '2024-03-01T10:00:00Z' }, 'canceled', '2024-03-05T10:00:00Z');
      const res = await app.request('/articles/gone');
      expect(res.status).toBe(410);
      const dom = parseHtml(await res.text());
      expect(dom.attr('.notice time', 'datetime')).toBe('2024-03-05T10:00:00.000Z');
      expect(dom.text('.notice time')).toBe('March 5, 2024 at 10:00 AM UTC');
    });

    it('shows the search form for an empty query', async () => {
      for (const path of ['/search?q=', '/search', '/search?q=%20%20']) {
        const dom = parseHtml(await (await app.request(path)).text());
        expect(dom.all('main form[role="search"] input[name="q"]'), path).toHaveLength(1);
        expect(dom.text('main')).not.toContain('No articles match');
      }
    });

    it('answers /favicon.ico with an icon', async () => {
      const res = await app.request('/favicon.ico');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/x-icon');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
      expect(bytes.length).toBeGreaterThan(1000);
    });

    it('answers a refused comment (429) with a page of the site that leads back to the article', async () => {
      await publish(store.db, paper, { slug: 'talked-about', firstCreated: null, republishedAt: '2024-05-01T10:00:00Z' });
      const post = () =>
        app.request('/articles/talked-about/comments', {
          method: 'POST',
          headers: { origin: 'https://desk.test', 'content-type': 'application/x-www-form-urlencoded' },
          body: 'comment=Hi',
        });
      let res = await post();
      for (let i = 0; i < 20 && res.status !== 429; i++) res = await post();
      expect(res.status).toBe(429);
      expect(res.headers.get('content-type')).toContain('text/html');
      const dom = parseHtml(await res.text());
      expect(dom.text('.site-name')).toBe('Desk');
      expect(dom.text('main h1')).toBe('Too many comments');
      expect(dom.all('main a').map((a) => a.attribs.href)).toEqual(['/articles/talked-about', '/']);
    });
  });
}
